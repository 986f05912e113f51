package dev.hoshi.compliance.incident.query;

import dev.hoshi.catalog.Catalog;
import dev.hoshi.compliance.api.incident.IncidentPlaybookId;
import dev.hoshi.compliance.api.incident.IncidentQueries.FindIncidentReadinessQuery;
import dev.hoshi.compliance.api.incident.IncidentQueries.IncidentReadinessView;
import dev.hoshi.compliance.incident.domain.IncidentPlaybookState;
import dev.hoshi.kernel.time.BusinessTime;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/** Incident readiness now or on a date, folded from the playbook's events (one aggregate read by id). */
@Component
class IncidentReadinessQueryHandlers {

    private final EventStore eventStore;
    private final Catalog catalog;
    private final Clock clock;

    IncidentReadinessQueryHandlers(EventStore eventStore, Catalog catalog, Clock clock) {
        this.eventStore = eventStore;
        this.catalog = catalog;
        this.clock = clock;
    }

    @QueryHandler
    IncidentReadinessView handle(FindIncidentReadinessQuery query) {
        LocalDate asOf = query.asOf() == null ? BusinessTime.today(clock) : query.asOf();
        List<Object> events = new ArrayList<>();
        eventStore
                .readEvents(IncidentPlaybookId.of(query.organizationId()).toString(), 0)
                .forEachRemaining(m -> events.add(m.getPayload()));
        return IncidentPlaybookState.fold(events, asOf)
                .view(query.organizationId().toString(), asOf, catalog.current().incidentResponse());
    }
}
