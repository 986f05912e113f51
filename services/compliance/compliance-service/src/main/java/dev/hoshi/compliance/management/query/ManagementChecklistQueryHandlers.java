package dev.hoshi.compliance.management.query;

import dev.hoshi.catalog.Catalog;
import dev.hoshi.compliance.api.management.ManagementChecklistId;
import dev.hoshi.compliance.api.management.ManagementQueries.FindManagementChecklistQuery;
import dev.hoshi.compliance.api.management.ManagementQueries.KeyActionCheckView;
import dev.hoshi.compliance.api.management.ManagementQueries.ManagementChecklistView;
import dev.hoshi.compliance.management.domain.ManagementChecklistState;
import dev.hoshi.kernel.time.BusinessTime;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/**
 * The checklist now or as it stood on a date, folded from its events (one aggregate read by id; a few events a
 * year) against the current edition's key actions.
 */
@Component
class ManagementChecklistQueryHandlers {

    private final EventStore eventStore;
    private final Catalog catalog;
    private final Clock clock;

    ManagementChecklistQueryHandlers(EventStore eventStore, Catalog catalog, Clock clock) {
        this.eventStore = eventStore;
        this.catalog = catalog;
        this.clock = clock;
    }

    @QueryHandler
    ManagementChecklistView handle(FindManagementChecklistQuery query) {
        LocalDate asOf = query.asOf() == null ? BusinessTime.today(clock) : query.asOf();
        List<Object> events = new ArrayList<>();
        eventStore
                .readEvents(ManagementChecklistId.of(query.organizationId()).toString(), 0)
                .forEachRemaining(m -> events.add(m.getPayload()));
        List<KeyActionCheckView> checks =
                ManagementChecklistState.fold(events, asOf).checks(catalog.current());
        return new ManagementChecklistView(
                query.organizationId().toString(),
                asOf,
                checks,
                (int) checks.stream().filter(KeyActionCheckView::confirmed).count(),
                checks.size());
    }
}
