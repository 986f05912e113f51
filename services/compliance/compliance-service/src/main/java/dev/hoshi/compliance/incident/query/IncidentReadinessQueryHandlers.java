package dev.hoshi.compliance.incident.query;

import dev.hoshi.catalog.Catalog;
import dev.hoshi.compliance.api.incident.IncidentPlaybookId;
import dev.hoshi.compliance.api.incident.IncidentQueries.FindIncidentReadinessQuery;
import dev.hoshi.compliance.api.incident.IncidentQueries.IncidentReadinessView;
import dev.hoshi.compliance.facts.FactHistory;
import dev.hoshi.compliance.incident.domain.IncidentPlaybookState;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/** Incident readiness now or on a date, folded from the playbook's events (one aggregate read by id). */
@Component
class IncidentReadinessQueryHandlers {

    private final FactHistory history;
    private final Catalog catalog;

    IncidentReadinessQueryHandlers(FactHistory history, Catalog catalog) {
        this.history = history;
        this.catalog = catalog;
    }

    @QueryHandler
    IncidentReadinessView handle(FindIncidentReadinessQuery query) {
        LocalDate asOf = history.day(query.asOf());
        List<Object> events = history.payloads(IncidentPlaybookId.of(query.organizationId()));
        return IncidentPlaybookState.fold(events, asOf)
                .view(query.organizationId().toString(), asOf, catalog.current().incidentResponse());
    }
}
