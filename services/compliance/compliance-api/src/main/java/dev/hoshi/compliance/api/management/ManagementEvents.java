package dev.hoshi.compliance.api.management;

import dev.hoshi.compliance.api.ComplianceEvent;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.kernel.personal.Personal;
import dev.hoshi.kernel.personal.Personal.KeyOf;
import java.time.LocalDate;

/** The facts of the management checklist: who confirmed which key action, and when. */
public final class ManagementEvents {

    private ManagementEvents() {}

    /** A key action was confirmed by {@code confirmedBy} (the signed-in user's subject). */
    public record KeyActionConfirmedEvent(
            TenantId organizationId,
            String actionId,
            @Personal String confirmedBy,
            @Personal(KeyOf.ORGANIZATION) String note,
            String edition,
            LocalDate effectiveOn)
            implements ComplianceEvent {}

    /** A key action's confirmation was withdrawn. */
    public record KeyActionWithdrawnEvent(
            TenantId organizationId,
            String actionId,
            @Personal String withdrawnBy,
            @Personal(KeyOf.ORGANIZATION) String reason,
            LocalDate effectiveOn)
            implements ComplianceEvent {}
}
