package dev.hoshi.compliance.api.control;

import dev.hoshi.compliance.api.ComplianceEvent;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.kernel.id.UserId;
import java.time.LocalDate;

/** A control's implementation status changed. */
public record ControlStatusUpdatedEvent(
        TenantId organizationId,
        String edition,
        String controlId,
        ControlStatus status,
        UserId owner,
        LocalDate dueOn,
        String evidenceUrl,
        String evidenceNote,
        String justification,
        LocalDate effectiveOn)
        implements ComplianceEvent {}
