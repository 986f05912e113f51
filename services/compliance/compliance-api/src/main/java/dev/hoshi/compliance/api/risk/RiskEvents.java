package dev.hoshi.compliance.api.risk;

import dev.hoshi.compliance.api.ComplianceEvent;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.kernel.personal.Personal;
import dev.hoshi.kernel.personal.Personal.KeyOf;
import java.time.LocalDate;
import java.util.List;

/**
 * The facts of a risk register. They carry the inputs and the catalog edition they were given under; importance,
 * likelihood, risk value and band are derived from that edition's tables when read, never stored.
 */
public final class RiskEvents {

    private RiskEvents() {}

    /** An asset was added to the register or its entry changed. */
    public record AssetRecordedEvent(
            TenantId organizationId, String assetId, Asset asset, String edition, LocalDate effectiveOn)
            implements ComplianceEvent {}

    /** An asset's risk was assessed: threat, vulnerability, treatment and the controls relied on. */
    public record RiskAssessedEvent(
            TenantId organizationId,
            String assetId,
            int threat,
            int vulnerability,
            String treatment,
            List<String> controls,
            @Personal(KeyOf.ORGANIZATION) String note,
            String edition,
            LocalDate effectiveOn)
            implements ComplianceEvent {}

    /** An asset was taken off the register. */
    public record AssetRemovedEvent(
            TenantId organizationId, String assetId, @Personal(KeyOf.ORGANIZATION) String reason, LocalDate effectiveOn)
            implements ComplianceEvent {}
}
