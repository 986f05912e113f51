package dev.hoshi.directory.support.graphql;

import dev.hoshi.directory.api.support.AddSupportOrganizationAnalystCommand;
import dev.hoshi.directory.api.support.ListSupportOrganizationsQuery;
import dev.hoshi.directory.api.support.RecordMembershipCommand;
import dev.hoshi.directory.api.support.RegisterSupportOrganizationCommand;
import dev.hoshi.directory.api.support.SupportOrganizationKind;
import dev.hoshi.directory.api.support.SupportOrganizationView;
import dev.hoshi.kernel.id.SupportOrganizationId;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.kernel.id.UserId;
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

/** Support organisations over GraphQL (operators): registering them, their analysts, recorded memberships. */
@Controller
class SupportOrganizationController {

    record RegisterSupportOrganizationInput(
            String id, String name, String nameEn, SupportOrganizationKind kind, String analyst) {}

    record RegisterSupportOrganizationPayload(String supportOrganizationId, List<UserError> errors) {}

    record RecordMembershipInput(String supportOrganizationId, String organizationId) {}

    record RecordMembershipPayload(String supportOrganizationId, String organizationId, List<UserError> errors) {}

    record AddSupportOrganizationAnalystInput(String supportOrganizationId, String analyst) {}

    record AddSupportOrganizationAnalystPayload(String supportOrganizationId, String analyst, List<UserError> errors) {}

    private final CommandGateway commands;
    private final QueryGateway queries;

    SupportOrganizationController(CommandGateway commands, QueryGateway queries) {
        this.commands = commands;
        this.queries = queries;
    }

    @MutationMapping
    RegisterSupportOrganizationPayload registerSupportOrganization(@Argument RegisterSupportOrganizationInput input) {
        Caller.requireRole(Caller.PLATFORM_OPERATOR);
        Mutations.Outcome<String> outcome = Mutations.attempt(() -> {
            SupportOrganizationId id = input.id() == null
                    ? SupportOrganizationId.random()
                    : Inputs.parse("id", input.id(), SupportOrganizationId::of);
            commands.sendAndWait(new RegisterSupportOrganizationCommand(
                    id,
                    input.name(),
                    input.nameEn(),
                    input.kind(),
                    Inputs.parse("analyst", input.analyst(), UserId::of)));
            return id.toString();
        });
        return new RegisterSupportOrganizationPayload(outcome.value(), outcome.errors());
    }

    @MutationMapping
    RecordMembershipPayload recordMembership(@Argument RecordMembershipInput input) {
        Caller.requireRole(Caller.PLATFORM_OPERATOR);
        Mutations.Outcome<Boolean> outcome = Mutations.attempt(() -> {
            commands.sendAndWait(new RecordMembershipCommand(
                    Inputs.parse("supportOrganizationId", input.supportOrganizationId(), SupportOrganizationId::of),
                    Inputs.parse("organizationId", input.organizationId(), TenantId::of)));
            return true;
        });
        return outcome.succeeded()
                ? new RecordMembershipPayload(input.supportOrganizationId(), input.organizationId(), List.of())
                : new RecordMembershipPayload(null, null, outcome.errors());
    }

    @MutationMapping
    AddSupportOrganizationAnalystPayload addSupportOrganizationAnalyst(
            @Argument AddSupportOrganizationAnalystInput input) {
        Caller.requireRole(Caller.PLATFORM_OPERATOR);
        Mutations.Outcome<UserId> outcome = Mutations.attempt(() -> {
            UserId analyst = Inputs.parse("analyst", input.analyst(), UserId::of);
            commands.sendAndWait(new AddSupportOrganizationAnalystCommand(
                    Inputs.parse("supportOrganizationId", input.supportOrganizationId(), SupportOrganizationId::of),
                    analyst));
            return analyst;
        });
        return outcome.succeeded()
                ? new AddSupportOrganizationAnalystPayload(
                        input.supportOrganizationId(), outcome.value().toString(), List.of())
                : new AddSupportOrganizationAnalystPayload(null, null, outcome.errors());
    }

    @QueryMapping
    List<SupportOrganizationView> supportOrganizations() {
        Caller.requireRole(Caller.PLATFORM_OPERATOR);
        return queries.query(
                        new ListSupportOrganizationsQuery(),
                        ResponseTypes.multipleInstancesOf(SupportOrganizationView.class))
                .join();
    }
}
