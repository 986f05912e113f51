package dev.hoshi.compliance.access;

import dev.hoshi.compliance.api.status.FindOrganizationStatusQuery;
import dev.hoshi.compliance.api.status.OrganizationStatusView;
import dev.hoshi.kernel.context.Actor;
import dev.hoshi.kernel.context.CurrentContext;
import dev.hoshi.kernel.error.ErrorKind;
import dev.hoshi.kernel.error.HoshiException;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.platform.security.Caller;
import java.util.Optional;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

/**
 * Who may act on an organisation's compliance record: its members, as compliance knows them from directory's
 * events, acting for it (the organisation chosen in the token). Anyone else gets exactly what a missing
 * organisation gives.
 */
@Component
public class OrganizationAccess {

    private final QueryGateway queries;

    OrganizationAccess(QueryGateway queries) {
        this.queries = queries;
    }

    /** The chosen organisation, or an error asking the caller to choose one. */
    public TenantId chosenOrganization() {
        return CurrentContext.require()
                .tenant()
                .orElseThrow(() -> new HoshiException(
                        "ORGANIZATION_REQUIRED",
                        ErrorKind.INVALID_INPUT,
                        "Choose the organisation to act for with the X-Hoshi-Organization header.",
                        "X-Hoshi-Organization ヘッダーで対象の組織を指定してください。"));
    }

    /**
     * The chosen organisation's entry, if the caller is one of its people. Only a person can be: a partner client
     * whose id happens to equal a member's user id is still a partner client.
     */
    public Optional<OrganizationStatusView> ifMember() {
        TenantId tenant = chosenOrganization();
        if (Caller.actor().kind() != Actor.Kind.USER) {
            return Optional.empty();
        }
        String caller = Caller.actor().id();
        return queries.query(
                        new FindOrganizationStatusQuery(tenant),
                        ResponseTypes.optionalInstanceOf(OrganizationStatusView.class))
                .join()
                .filter(status -> status.members().contains(caller));
    }

    /** The chosen organisation, if the caller is in it; else NOT_FOUND, as for an organisation that does not exist. */
    public TenantId requireMember() {
        return ifMember()
                .map(status -> TenantId.of(status.organizationId()))
                .orElseThrow(() -> HoshiException.notFound());
    }

    /**
     * The chosen organisation, if the caller may change its record (owner or member); a viewer is told it may only
     * read; anyone else gets NOT_FOUND.
     */
    public OrganizationStatusView requireWriter() {
        OrganizationStatusView org = ifMember().orElseThrow(() -> HoshiException.notFound());
        if (!org.mayChange(Caller.actor().id())) {
            throw new HoshiException(
                    "FORBIDDEN",
                    ErrorKind.FORBIDDEN,
                    "Viewers can read this organisation's record but not change it; ask an owner for the member role.",
                    "閲覧者は記録を見ることはできますが変更はできません。オーナーにメンバー権限を依頼してください。");
        }
        return org;
    }
}
