package dev.hoshi.compliance.risk.query;

import dev.hoshi.catalog.Catalog;
import dev.hoshi.catalog.Edition;
import dev.hoshi.compliance.api.control.ControlStatus;
import dev.hoshi.compliance.api.risk.RiskQueries.AssetRiskView;
import dev.hoshi.compliance.api.risk.RiskQueries.FindRiskRegisterQuery;
import dev.hoshi.compliance.api.risk.RiskQueries.RiskRegisterView;
import dev.hoshi.compliance.api.risk.RiskRegisterId;
import dev.hoshi.compliance.api.status.ComplianceStatusQueries.ComplianceStatusView;
import dev.hoshi.compliance.api.status.ComplianceStatusQueries.ControlView;
import dev.hoshi.compliance.api.status.ComplianceStatusQueries.FindComplianceStatusQuery;
import dev.hoshi.compliance.facts.FactHistory;
import dev.hoshi.compliance.risk.domain.RiskRegisterState;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/**
 * The risk register now or as it stood on a date: its events (one aggregate, read by id: a register holds at most a
 * thousand assets and changes a few times a year) folded up to the date with the catalog's tables, beside the
 * controls' status on the same date for the proposed vulnerabilities. Nothing is stored per read.
 */
@Component
class RiskRegisterQueryHandlers {

    private final FactHistory history;
    private final QueryGateway queries;
    private final Catalog catalog;

    RiskRegisterQueryHandlers(FactHistory history, QueryGateway queries, Catalog catalog) {
        this.history = history;
        this.queries = queries;
        this.catalog = catalog;
    }

    @QueryHandler
    RiskRegisterView handle(FindRiskRegisterQuery query) {
        LocalDate asOf = history.day(query.asOf());
        List<Object> events = history.payloads(RiskRegisterId.of(query.organizationId()));
        ComplianceStatusView status = queries.query(
                        new FindComplianceStatusQuery(query.organizationId(), query.asOf()), ComplianceStatusView.class)
                .join();
        Map<String, ControlStatus> controls =
                status.controls().stream().collect(Collectors.toMap(ControlView::controlId, ControlView::status));
        Edition edition = catalog.current();
        List<AssetRiskView> assets = RiskRegisterState.fold(events, asOf)
                .views(edition, id -> controls.getOrDefault(id, ControlStatus.NOT_STARTED));
        return new RiskRegisterView(
                query.organizationId().toString(), asOf, assets, RiskRegisterState.summary(edition, assets));
    }
}
