package dev.hoshi.directory.organization.graphql;

import dev.hoshi.directory.api.organization.CorporateNumber;
import dev.hoshi.directory.api.organization.FindOrganizationQuery;
import dev.hoshi.directory.api.organization.ListOrganizationsQuery;
import dev.hoshi.directory.api.organization.OrganizationView;
import dev.hoshi.directory.api.organization.RegisterOrganizationCommand;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.kernel.id.UserId;
import dev.hoshi.platform.graphql.Inputs;
import dev.hoshi.platform.graphql.Mutations;
import dev.hoshi.platform.graphql.UserError;
import dev.hoshi.platform.security.Caller;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** Organisations over GraphQL. Operators register and list them; members see their own. */
@Controller
class OrganizationController {

    record RegisterOrganizationInput(String id, String name, String nameEn, String corporateNumber, String owner) {}

    record RegisterOrganizationPayload(OrganizationView organization, List<UserError> errors) {}

    private final CommandGateway commands;
    private final QueryGateway queries;

    OrganizationController(CommandGateway commands, QueryGateway queries) {
        this.commands = commands;
        this.queries = queries;
    }

    @MutationMapping
    RegisterOrganizationPayload registerOrganization(@Argument RegisterOrganizationInput input) {
        Caller.requireRole(Caller.PLATFORM_OPERATOR);
        Mutations.Outcome<OrganizationView> outcome = Mutations.attempt(() -> {
            TenantId id = input.id() == null ? TenantId.random() : Inputs.parse("id", input.id(), TenantId::of);
            CorporateNumber corporateNumber =
                    input.corporateNumber() == null || input.corporateNumber().isBlank()
                            ? null
                            : CorporateNumber.of(input.corporateNumber().strip());
            UserId owner = Inputs.parse("owner", input.owner(), UserId::of);
            RegisterOrganizationCommand command =
                    new RegisterOrganizationCommand(id, input.name(), input.nameEn(), corporateNumber, owner);
            commands.sendAndWait(command);
            return new OrganizationView(
                    id.toString(),
                    input.name().strip(),
                    input.nameEn(),
                    corporateNumber == null ? null : corporateNumber.toString(),
                    owner.toString(),
                    Instant.now());
        });
        return new RegisterOrganizationPayload(outcome.value(), outcome.errors());
    }

    /** An organisation's entry, for operators and for callers acting for that organisation; else nothing. */
    @QueryMapping
    OrganizationView organization(@Argument String id) {
        boolean own = Caller.organization().filter(id::equals).isPresent();
        if (!own && !Caller.hasRole(Caller.PLATFORM_OPERATOR)) {
            return null; // another tenant's object looks exactly like a missing one
        }
        Optional<TenantId> tenant = parseQuietly(id);
        return tenant.flatMap(t -> queries.query(
                                new FindOrganizationQuery(t), ResponseTypes.optionalInstanceOf(OrganizationView.class))
                        .join())
                .orElse(null);
    }

    @QueryMapping
    List<OrganizationView> organizations() {
        Caller.requireRole(Caller.PLATFORM_OPERATOR);
        return queries.query(new ListOrganizationsQuery(), ResponseTypes.multipleInstancesOf(OrganizationView.class))
                .join();
    }

    private static Optional<TenantId> parseQuietly(String id) {
        try {
            return Optional.of(TenantId.of(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
