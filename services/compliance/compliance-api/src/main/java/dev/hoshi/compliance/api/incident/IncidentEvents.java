package dev.hoshi.compliance.api.incident;

import dev.hoshi.compliance.api.ComplianceEvent;
import dev.hoshi.kernel.id.TenantId;
import java.time.Instant;
import java.time.LocalDate;

/** The facts of an organisation's incident readiness: its contacts and its incidents' phases, with timestamps. */
public final class IncidentEvents {

    private IncidentEvents() {}

    public record IncidentContactSetEvent(
            TenantId organizationId,
            String contactId,
            String kind,
            String name,
            String phone,
            String email,
            String note,
            LocalDate effectiveOn)
            implements ComplianceEvent {}

    public record IncidentContactRemovedEvent(TenantId organizationId, String contactId, LocalDate effectiveOn)
            implements ComplianceEvent {}

    /** An incident or a drill was detected; it is in {@code phase}, the playbook's first. */
    public record IncidentRecordedEvent(
            TenantId organizationId,
            String incidentId,
            String title,
            boolean drill,
            Instant detectedAt,
            String phase,
            String edition,
            LocalDate effectiveOn)
            implements ComplianceEvent {}

    /** A phase was completed at {@code at}; {@code nextPhase} null when the incident is closed. */
    public record IncidentPhaseCompletedEvent(
            TenantId organizationId,
            String incidentId,
            String phase,
            String nextPhase,
            String report,
            Instant at,
            LocalDate effectiveOn)
            implements ComplianceEvent {}
}
