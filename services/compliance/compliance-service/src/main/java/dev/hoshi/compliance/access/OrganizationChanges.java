package dev.hoshi.compliance.access;

import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.platform.graphql.Mutations;
import dev.hoshi.platform.graphql.UserError;
import java.util.List;
import java.util.function.Function;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

/**
 * A change to the chosen organisation's record over GraphQL, the same way for every area: only its owners and members
 * may send it ({@link OrganizationAccess#requireWriter}), a refusal the caller can fix becomes the payload's errors
 * ({@link Mutations}), and an accepted change answers with the area's fresh view.
 */
@Component
public class OrganizationChanges {

    private final CommandGateway commands;
    private final OrganizationAccess access;

    OrganizationChanges(CommandGateway commands, OrganizationAccess access) {
        this.commands = commands;
        this.access = access;
    }

    /**
     * Sends the command built for the caller's organisation and waits for it.
     *
     * @param command the command for that organisation
     * @param accepted the payload once the command is accepted (typically the area's view, read afresh)
     * @param refused the payload carrying the errors that stopped it
     */
    public <P> P send(
            Function<TenantId, Object> command, Function<TenantId, P> accepted, Function<List<UserError>, P> refused) {
        TenantId tenant = TenantId.of(access.requireWriter().organizationId());
        Mutations.Outcome<Object> outcome = Mutations.attempt(() -> commands.sendAndWait(command.apply(tenant)));
        return outcome.succeeded() ? accepted.apply(tenant) : refused.apply(outcome.errors());
    }
}
