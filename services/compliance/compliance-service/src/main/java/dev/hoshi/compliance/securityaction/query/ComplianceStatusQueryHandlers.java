package dev.hoshi.compliance.securityaction.query;

import dev.hoshi.catalog.Catalog;
import dev.hoshi.compliance.api.status.ComplianceStatusQueries.AssessmentView;
import dev.hoshi.compliance.api.status.ComplianceStatusQueries.ComplianceStatusView;
import dev.hoshi.compliance.api.status.ComplianceStatusQueries.FindComplianceStatusQuery;
import dev.hoshi.compliance.api.status.ComplianceStatusQueries.FindSelfAssessmentsQuery;
import dev.hoshi.compliance.api.status.ComplianceStatusQueries.FindTimelineQuery;
import dev.hoshi.compliance.api.status.ComplianceStatusQueries.TimelineEntryView;
import dev.hoshi.compliance.securityaction.domain.SecurityActionState;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.kernel.time.BusinessTime;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/**
 * An organisation's own view of its record. The current dashboard is one point look-up of the stored document;
 * {@code asOf}, the timeline and the sheet list read the history.
 */
@Component
class ComplianceStatusQueryHandlers {

    private final DashboardStore dashboards;
    private final ComplianceHistory history;
    private final Catalog catalog;
    private final Clock clock;

    ComplianceStatusQueryHandlers(DashboardStore dashboards, ComplianceHistory history, Catalog catalog, Clock clock) {
        this.dashboards = dashboards;
        this.history = history;
        this.catalog = catalog;
        this.clock = clock;
    }

    @QueryHandler
    ComplianceStatusView handle(FindComplianceStatusQuery query) {
        return query.asOf() == null ? current(query.organizationId()) : asOf(query.organizationId(), query.asOf());
    }

    /**
     * The stored dashboard; folded from the history only when nothing is stored yet (an organisation without a record,
     * or one whose first status is still on its way to the projection).
     */
    ComplianceStatusView current(TenantId organization) {
        LocalDate today = BusinessTime.today(clock);
        return dashboards.current(organization, today, catalog.current()).orElseGet(() -> asOf(organization, today));
    }

    @QueryHandler
    List<TimelineEntryView> handle(FindTimelineQuery query) {
        List<DomainEventMessage<?>> events = new ArrayList<>(history.securityAction(query.organizationId()));
        events.addAll(history.controlPlan(query.organizationId()));
        return Timeline.of(events, SecurityActionState.Rules.of(catalog.current()));
    }

    @QueryHandler
    List<AssessmentView> handle(FindSelfAssessmentsQuery query) {
        return StatusCalculator.assessments(payloads(history.securityAction(query.organizationId())));
    }

    private ComplianceStatusView asOf(TenantId organization, LocalDate asOf) {
        return StatusCalculator.status(
                organization,
                payloads(history.securityAction(organization)),
                payloads(history.controlPlan(organization)),
                asOf,
                catalog.current());
    }

    private static List<Object> payloads(List<DomainEventMessage<?>> messages) {
        return messages.stream().map(m -> (Object) m.getPayload()).toList();
    }
}
