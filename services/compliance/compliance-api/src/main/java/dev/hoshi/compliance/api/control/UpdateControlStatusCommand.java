package dev.hoshi.compliance.api.control;

import dev.hoshi.kernel.id.UserId;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Set a catalog control's status, owner, due date and evidence, effective on a date. */
public record UpdateControlStatusCommand(
        @TargetAggregateIdentifier ControlPlanId id,
        String controlId,
        ControlStatus status,
        UserId owner,
        LocalDate dueOn,
        String evidenceUrl,
        String evidenceNote,
        String justification,
        LocalDate effectiveOn) {}
