package dev.hoshi.directory.organization.graphql;

import dev.hoshi.directory.api.organization.AddOrganizationMemberCommand;
import dev.hoshi.directory.api.organization.ChangeOrganizationMemberRoleCommand;
import dev.hoshi.directory.api.organization.ListOrganizationMembersQuery;
import dev.hoshi.directory.api.organization.OrganizationMemberView;
import dev.hoshi.directory.api.organization.OrganizationRole;
import dev.hoshi.directory.api.organization.RemoveOrganizationMemberCommand;
import dev.hoshi.kernel.id.UserId;
import dev.hoshi.platform.graphql.Inputs;
import dev.hoshi.platform.graphql.Mutations;
import dev.hoshi.platform.graphql.UserError;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/**
 * The people of the caller's organisation (the one chosen in the token): anyone in it sees them; only owners add,
 * change and remove them.
 */
@Controller
class OrganizationPeopleController {

    record AddOrganizationMemberInput(String userId, OrganizationRole role) {}

    record ChangeOrganizationMemberRoleInput(String userId, OrganizationRole role) {}

    record RemoveOrganizationMemberInput(String userId) {}

    /** The person and the role they have after the mutation (no role after a removal). */
    record OrganizationMemberPayload(String userId, OrganizationRole role, List<UserError> errors) {}

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final OrganizationAccess access;

    OrganizationPeopleController(CommandGateway commands, QueryGateway queries, OrganizationAccess access) {
        this.commands = commands;
        this.queries = queries;
        this.access = access;
    }

    /** {@code null} when the caller is not in the organisation chosen in the token (or chose none). */
    @QueryMapping
    List<OrganizationMemberView> organizationMembers() {
        return access.member()
                .map(me -> queries.query(
                                new ListOrganizationMembersQuery(me.organization()),
                                ResponseTypes.multipleInstancesOf(OrganizationMemberView.class))
                        .join())
                .orElse(null);
    }

    @MutationMapping
    OrganizationMemberPayload addOrganizationMember(@Argument AddOrganizationMemberInput input) {
        OrganizationAccess.Member owner = access.requireOwner();
        return payload(Mutations.attempt(() -> {
            UserId member = Inputs.parse("userId", input.userId(), UserId::of);
            commands.sendAndWait(
                    new AddOrganizationMemberCommand(owner.organization(), member, input.role(), owner.user()));
            return new OrganizationMemberPayload(member.toString(), input.role(), List.of());
        }));
    }

    @MutationMapping
    OrganizationMemberPayload changeOrganizationMemberRole(@Argument ChangeOrganizationMemberRoleInput input) {
        OrganizationAccess.Member owner = access.requireOwner();
        return payload(Mutations.attempt(() -> {
            UserId member = Inputs.parse("userId", input.userId(), UserId::of);
            commands.sendAndWait(
                    new ChangeOrganizationMemberRoleCommand(owner.organization(), member, input.role(), owner.user()));
            return new OrganizationMemberPayload(member.toString(), input.role(), List.of());
        }));
    }

    @MutationMapping
    OrganizationMemberPayload removeOrganizationMember(@Argument RemoveOrganizationMemberInput input) {
        OrganizationAccess.Member owner = access.requireOwner();
        return payload(Mutations.attempt(() -> {
            UserId member = Inputs.parse("userId", input.userId(), UserId::of);
            commands.sendAndWait(new RemoveOrganizationMemberCommand(owner.organization(), member, owner.user()));
            return new OrganizationMemberPayload(member.toString(), null, List.of());
        }));
    }

    private static OrganizationMemberPayload payload(Mutations.Outcome<OrganizationMemberPayload> outcome) {
        return outcome.succeeded() ? outcome.value() : new OrganizationMemberPayload(null, null, outcome.errors());
    }
}
