package dev.hoshi.directory.partner.graphql;

import dev.hoshi.directory.api.partner.ListPartnerClientsQuery;
import dev.hoshi.directory.api.partner.PartnerClientView;
import dev.hoshi.directory.api.partner.RegisterPartnerClientCommand;
import dev.hoshi.kernel.id.PartnerClientId;
import dev.hoshi.platform.graphql.Inputs;
import dev.hoshi.platform.graphql.Mutations;
import dev.hoshi.platform.graphql.UserError;
import dev.hoshi.platform.security.Caller;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** Partner clients over GraphQL (operators). */
@Controller
class PartnerClientController {

    record RegisterPartnerClientInput(String id, String name) {}

    record RegisterPartnerClientPayload(PartnerClientView partnerClient, List<UserError> errors) {}

    private final CommandGateway commands;
    private final QueryGateway queries;

    PartnerClientController(CommandGateway commands, QueryGateway queries) {
        this.commands = commands;
        this.queries = queries;
    }

    @MutationMapping
    RegisterPartnerClientPayload registerPartnerClient(@Argument RegisterPartnerClientInput input) {
        Caller.requireRole(Caller.PLATFORM_OPERATOR);
        Mutations.Outcome<PartnerClientView> outcome = Mutations.attempt(() -> {
            PartnerClientId id =
                    input.id() == null ? PartnerClientId.random() : Inputs.parse("id", input.id(), PartnerClientId::of);
            commands.sendAndWait(new RegisterPartnerClientCommand(id, input.name()));
            return new PartnerClientView(id.toString(), input.name().strip());
        });
        return new RegisterPartnerClientPayload(outcome.value(), outcome.errors());
    }

    @QueryMapping
    List<PartnerClientView> partnerClients() {
        Caller.requireRole(Caller.PLATFORM_OPERATOR);
        return queries.query(new ListPartnerClientsQuery(), ResponseTypes.multipleInstancesOf(PartnerClientView.class))
                .join();
    }
}
