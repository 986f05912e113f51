package dev.hoshi.compliance.control.graphql;

import dev.hoshi.compliance.access.OrganizationAccess;
import dev.hoshi.compliance.api.control.ControlPlanId;
import dev.hoshi.compliance.api.control.ControlStatus;
import dev.hoshi.compliance.api.control.UpdateControlStatusCommand;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.kernel.id.UserId;
import dev.hoshi.platform.graphql.Inputs;
import dev.hoshi.platform.graphql.Mutations;
import dev.hoshi.platform.graphql.UserError;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.stereotype.Controller;

/** Control implementation over GraphQL, for the members of the organisation chosen in the token. */
@Controller
class ControlController {

    record UpdateControlStatusInput(
            String controlId,
            ControlStatus status,
            String owner,
            String dueOn,
            String evidenceUrl,
            String evidenceNote,
            String justification,
            String effectiveOn) {}

    record UpdateControlStatusPayload(String controlId, ControlStatus status, List<UserError> errors) {}

    private final CommandGateway commands;
    private final OrganizationAccess access;

    ControlController(CommandGateway commands, OrganizationAccess access) {
        this.commands = commands;
        this.access = access;
    }

    @MutationMapping
    UpdateControlStatusPayload updateControlStatus(@Argument UpdateControlStatusInput input) {
        TenantId tenant = TenantId.of(access.requireWriter().organizationId());
        Mutations.Outcome<Boolean> outcome = Mutations.attempt(() -> {
            commands.sendAndWait(new UpdateControlStatusCommand(
                    ControlPlanId.of(tenant),
                    input.controlId(),
                    input.status(),
                    input.owner() == null ? null : Inputs.parse("owner", input.owner(), UserId::of),
                    date("dueOn", input.dueOn()),
                    input.evidenceUrl(),
                    input.evidenceNote(),
                    input.justification(),
                    date("effectiveOn", input.effectiveOn())));
            return true;
        });
        return outcome.succeeded()
                ? new UpdateControlStatusPayload(input.controlId(), input.status(), List.of())
                : new UpdateControlStatusPayload(null, null, outcome.errors());
    }

    private static LocalDate date(String field, String value) {
        return value == null || value.isBlank() ? null : Inputs.date(field, value.strip());
    }
}
