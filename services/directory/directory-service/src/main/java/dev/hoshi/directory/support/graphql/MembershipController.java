package dev.hoshi.directory.support.graphql;

import dev.hoshi.directory.api.support.AcceptMembershipInvitationCommand;
import dev.hoshi.directory.api.support.AcceptMembershipProposalCommand;
import dev.hoshi.directory.api.support.DeclineMembershipInvitationCommand;
import dev.hoshi.directory.api.support.DeclineMembershipProposalCommand;
import dev.hoshi.directory.api.support.FindSupportOrganizationQuery;
import dev.hoshi.directory.api.support.InviteOrganizationCommand;
import dev.hoshi.directory.api.support.ListOrganizationMembershipsQuery;
import dev.hoshi.directory.api.support.ListSupportOrganizationMembershipsQuery;
import dev.hoshi.directory.api.support.MembershipStatus;
import dev.hoshi.directory.api.support.MembershipView;
import dev.hoshi.directory.api.support.ProposeMembershipCommand;
import dev.hoshi.directory.api.support.SupportOrganizationView;
import dev.hoshi.directory.organization.graphql.OrganizationAccess;
import dev.hoshi.kernel.error.HoshiException;
import dev.hoshi.kernel.id.SupportOrganizationId;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.kernel.id.UserId;
import dev.hoshi.platform.graphql.Inputs;
import dev.hoshi.platform.graphql.Mutations;
import dev.hoshi.platform.graphql.UserError;
import dev.hoshi.platform.security.Caller;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/**
 * Memberships over GraphQL, from both sides. The SME side acts for the organisation chosen in the token and needs an
 * owner (checked here, against directory's projection of the SME's people); the support side names its support
 * organisation and needs one of its analysts (checked by the support organisation itself). Either side sees its own
 * memberships; membership alone discloses nothing else.
 */
@Controller
class MembershipController {

    record OrganizationSideInput(String supportOrganizationId) {}

    record SupportSideInput(String supportOrganizationId, String organizationId) {}

    /** The membership the mutation acted on and where it stands now. */
    record MembershipPayload(
            String supportOrganizationId, String organizationId, MembershipStatus status, List<UserError> errors) {}

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final OrganizationAccess access;

    MembershipController(CommandGateway commands, QueryGateway queries, OrganizationAccess access) {
        this.commands = commands;
        this.queries = queries;
        this.access = access;
    }

    // ---- the SME's side

    /** The memberships of the caller's organisation; {@code null} when the caller is not in it. */
    @QueryMapping
    List<MembershipView> organizationMemberships() {
        return access.member()
                .map(me -> queries.query(
                                new ListOrganizationMembershipsQuery(me.organization()),
                                ResponseTypes.multipleInstancesOf(MembershipView.class))
                        .join())
                .orElse(null);
    }

    @MutationMapping
    MembershipPayload proposeMembership(@Argument OrganizationSideInput input) {
        return organizationSide(input, MembershipStatus.PENDING, ProposeMembershipCommand::new);
    }

    @MutationMapping
    MembershipPayload acceptMembershipInvitation(@Argument OrganizationSideInput input) {
        return organizationSide(input, MembershipStatus.ACTIVE, AcceptMembershipInvitationCommand::new);
    }

    @MutationMapping
    MembershipPayload declineMembershipInvitation(@Argument OrganizationSideInput input) {
        return organizationSide(input, MembershipStatus.DECLINED, DeclineMembershipInvitationCommand::new);
    }

    // ---- the support organisation's side

    /** The memberships of a support organisation, for its analysts and operators; else {@code null}. */
    @QueryMapping
    List<MembershipView> supportOrganizationMemberships(@Argument String supportOrganizationId) {
        Optional<SupportOrganizationId> support = Inputs.parseIfValid(supportOrganizationId, SupportOrganizationId::of);
        if (support.isEmpty() || !(Caller.hasRole(Caller.PLATFORM_OPERATOR) || isAnalyst(support.get()))) {
            return null;
        }
        return queries.query(
                        new ListSupportOrganizationMembershipsQuery(support.get()),
                        ResponseTypes.multipleInstancesOf(MembershipView.class))
                .join();
    }

    @MutationMapping
    MembershipPayload inviteOrganization(@Argument SupportSideInput input) {
        return supportSide(input, MembershipStatus.PENDING, InviteOrganizationCommand::new);
    }

    @MutationMapping
    MembershipPayload acceptMembershipProposal(@Argument SupportSideInput input) {
        return supportSide(input, MembershipStatus.ACTIVE, AcceptMembershipProposalCommand::new);
    }

    @MutationMapping
    MembershipPayload declineMembershipProposal(@Argument SupportSideInput input) {
        return supportSide(input, MembershipStatus.DECLINED, DeclineMembershipProposalCommand::new);
    }

    // ----

    private MembershipPayload organizationSide(
            OrganizationSideInput input,
            MembershipStatus after,
            BiFunction<SupportOrganizationId, TenantId, Object> command) {
        OrganizationAccess.Member owner = access.requireOwner();
        Mutations.Outcome<SupportOrganizationId> outcome = Mutations.attempt(() -> {
            SupportOrganizationId support =
                    Inputs.parse("supportOrganizationId", input.supportOrganizationId(), SupportOrganizationId::of);
            commands.sendAndWait(command.apply(support, owner.organization()));
            return support;
        });
        return outcome.succeeded()
                ? new MembershipPayload(
                        outcome.value().toString(), owner.organization().toString(), after, List.of())
                : new MembershipPayload(null, null, null, outcome.errors());
    }

    private MembershipPayload supportSide(SupportSideInput input, MembershipStatus after, AnalystCommand command) {
        UserId analyst = OrganizationAccess.callerUser().orElseThrow(MembershipController::notAnalyst);
        Mutations.Outcome<Object> outcome = Mutations.attempt(() -> {
            SupportOrganizationId support =
                    Inputs.parse("supportOrganizationId", input.supportOrganizationId(), SupportOrganizationId::of);
            TenantId organization = Inputs.parse("organizationId", input.organizationId(), TenantId::of);
            commands.sendAndWait(command.create(support, organization, analyst));
            return Boolean.TRUE;
        });
        return outcome.succeeded()
                ? new MembershipPayload(input.supportOrganizationId(), input.organizationId(), after, List.of())
                : new MembershipPayload(null, null, null, outcome.errors());
    }

    @FunctionalInterface
    private interface AnalystCommand {
        Object create(SupportOrganizationId support, TenantId organization, UserId analyst);
    }

    private boolean isAnalyst(SupportOrganizationId support) {
        Optional<UserId> user = OrganizationAccess.callerUser();
        return user.isPresent()
                && queries.query(
                                new FindSupportOrganizationQuery(support),
                                ResponseTypes.optionalInstanceOf(SupportOrganizationView.class))
                        .join()
                        .filter(s -> s.analysts().contains(user.get().toString()))
                        .isPresent();
    }

    private static HoshiException notAnalyst() {
        return HoshiException.notFound();
    }
}
