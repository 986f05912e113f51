package dev.hoshi.compliance.api.control;

import dev.hoshi.compliance.api.ComplianceEvent;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.kernel.id.UserId;
import dev.hoshi.kernel.personal.Personal;
import dev.hoshi.kernel.personal.Personal.KeyOf;
import java.time.LocalDate;

/** A control's implementation status changed. */
public record ControlStatusUpdatedEvent(
        TenantId organizationId,
        String edition,
        String controlId,
        ControlStatus status,
        @Personal UserId owner,
        LocalDate dueOn,
        @Personal(KeyOf.ORGANIZATION) String evidenceUrl,
        @Personal(KeyOf.ORGANIZATION) String evidenceNote,
        @Personal(KeyOf.ORGANIZATION) String justification,
        LocalDate effectiveOn)
        implements ComplianceEvent {}
