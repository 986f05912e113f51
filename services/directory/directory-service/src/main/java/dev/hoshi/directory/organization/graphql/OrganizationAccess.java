package dev.hoshi.directory.organization.graphql;

import dev.hoshi.directory.api.organization.FindOrganizationMemberQuery;
import dev.hoshi.directory.api.organization.OrganizationMemberView;
import dev.hoshi.directory.api.organization.OrganizationRole;
import dev.hoshi.kernel.context.Actor;
import dev.hoshi.kernel.context.CurrentContext;
import dev.hoshi.kernel.error.ErrorKind;
import dev.hoshi.kernel.error.HoshiException;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.kernel.id.UserId;
import dev.hoshi.platform.security.Caller;
import java.util.Optional;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

/**
 * Who the caller is within an SME organisation, from directory's projection of its people. Deny by default: a
 * caller acts for the organisation chosen in the gateway's token ({@code org}), never one named in input, and only
 * where that projection has them; to anyone else the organisation looks missing. Aggregates that know the people
 * check again when the command arrives.
 */
@Component
public class OrganizationAccess {

    /** The caller's standing in their chosen organisation. */
    public record Member(TenantId organization, UserId user, OrganizationRole role) {

        public boolean isOwner() {
            return role == OrganizationRole.OWNER;
        }
    }

    private final QueryGateway queries;

    OrganizationAccess(QueryGateway queries) {
        this.queries = queries;
    }

    /** The person calling; empty for partner clients, Hoshi itself, or a subject that cannot be a user id. */
    public static Optional<UserId> callerUser() {
        Actor actor = Caller.actor();
        if (actor.kind() != Actor.Kind.USER) {
            return Optional.empty();
        }
        try {
            return Optional.of(UserId.of(actor.id()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The caller's role in {@code organization}; empty when they are not in it or it does not exist. */
    public Optional<OrganizationRole> roleIn(TenantId organization) {
        return callerUser()
                .flatMap(user -> queries.query(
                                new FindOrganizationMemberQuery(organization, user),
                                ResponseTypes.optionalInstanceOf(OrganizationMemberView.class))
                        .join())
                .map(OrganizationMemberView::role);
    }

    /** For reads: the caller in their chosen organisation, or empty (no organisation chosen, or not theirs). */
    public Optional<Member> member() {
        Optional<TenantId> organization = CurrentContext.require().tenant();
        Optional<UserId> user = callerUser();
        if (organization.isEmpty() || user.isEmpty()) {
            return Optional.empty();
        }
        return roleIn(organization.get()).map(role -> new Member(organization.get(), user.get(), role));
    }

    /**
     * For the caller's own actions: their chosen organisation ({@code TENANT_REQUIRED} without one), where they must
     * be a member ({@code NOT_FOUND} otherwise: another organisation looks exactly like a missing one).
     */
    public Member requireMember() {
        CurrentContext.require().requireTenant();
        return member().orElseThrow(HoshiException::notFound);
    }

    /** As {@link #requireMember()}, and the caller must be an owner ({@code FORBIDDEN} for members and viewers). */
    public Member requireOwner() {
        Member member = requireMember();
        if (!member.isOwner()) {
            throw new HoshiException(
                    "FORBIDDEN",
                    ErrorKind.FORBIDDEN,
                    "Only an owner of the organisation may do this; you are " + member.role() + ".",
                    "この操作は組織のオーナーだけが行えます（あなたの役割: " + member.role() + "）。");
        }
        return member;
    }
}
