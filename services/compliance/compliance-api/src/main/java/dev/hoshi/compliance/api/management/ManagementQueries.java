package dev.hoshi.compliance.api.management;

import dev.hoshi.kernel.id.TenantId;
import java.time.LocalDate;
import java.util.List;

/** The management checklist as it stands now or stood on a date. */
public final class ManagementQueries {

    private ManagementQueries() {}

    /** {@code asOf} null for today. */
    public record FindManagementChecklistQuery(TenantId organizationId, LocalDate asOf) {}

    /** Every key action of the current edition, in its order, with whether (and by whom, since when) it is confirmed. */
    public record ManagementChecklistView(
            String organizationId, LocalDate asOf, List<KeyActionCheckView> actions, int confirmed, int total) {}

    public record KeyActionCheckView(
            String actionId, boolean confirmed, String confirmedBy, LocalDate confirmedOn, String note) {}
}
