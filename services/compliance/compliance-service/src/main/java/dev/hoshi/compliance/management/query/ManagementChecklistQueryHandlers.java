package dev.hoshi.compliance.management.query;

import dev.hoshi.catalog.Catalog;
import dev.hoshi.compliance.api.management.ManagementChecklistId;
import dev.hoshi.compliance.api.management.ManagementQueries.FindManagementChecklistQuery;
import dev.hoshi.compliance.api.management.ManagementQueries.KeyActionCheckView;
import dev.hoshi.compliance.api.management.ManagementQueries.ManagementChecklistView;
import dev.hoshi.compliance.facts.FactHistory;
import dev.hoshi.compliance.management.domain.ManagementChecklistState;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/**
 * The checklist now or as it stood on a date, folded from its events (one aggregate read by id; a few events a
 * year) against the current edition's key actions.
 */
@Component
class ManagementChecklistQueryHandlers {

    private final FactHistory history;
    private final Catalog catalog;

    ManagementChecklistQueryHandlers(FactHistory history, Catalog catalog) {
        this.history = history;
        this.catalog = catalog;
    }

    @QueryHandler
    ManagementChecklistView handle(FindManagementChecklistQuery query) {
        LocalDate asOf = history.day(query.asOf());
        List<Object> events = history.payloads(ManagementChecklistId.of(query.organizationId()));
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
