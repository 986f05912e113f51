package dev.hoshi.compliance.api.incident;

import dev.hoshi.compliance.api.ComplianceEvent;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.kernel.personal.Personal;
import dev.hoshi.kernel.personal.Personal.KeyOf;
import java.time.Instant;
import java.time.LocalDate;

/** The facts of an organisation's incident readiness: its contacts and its incidents' phases, with timestamps. */
public final class IncidentEvents {

    private IncidentEvents() {}

    public record IncidentContactSetEvent(
            TenantId organizationId,
            String contactId,
            String kind,
            @Personal(KeyOf.ORGANIZATION) String name,
            @Personal(KeyOf.ORGANIZATION) String phone,
            @Personal(KeyOf.ORGANIZATION) String email,
            @Personal(KeyOf.ORGANIZATION) String note,
            LocalDate effectiveOn)
            implements ComplianceEvent {}

    public record IncidentContactRemovedEvent(TenantId organizationId, String contactId, LocalDate effectiveOn)
            implements ComplianceEvent {}

    /** An incident or a drill was detected; it is in {@code phase}, the playbook's first. */
    public record IncidentRecordedEvent(
            TenantId organizationId,
            String incidentId,
            @Personal(KeyOf.ORGANIZATION) String title,
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
            @Personal(KeyOf.ORGANIZATION) String report,
            Instant at,
            LocalDate effectiveOn)
            implements ComplianceEvent {}
}
