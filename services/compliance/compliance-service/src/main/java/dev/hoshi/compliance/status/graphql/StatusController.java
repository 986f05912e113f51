package dev.hoshi.compliance.status.graphql;

import dev.hoshi.compliance.api.status.FindOrganizationStatusQuery;
import dev.hoshi.compliance.api.status.OrganizationStatusView;
import dev.hoshi.kernel.context.CurrentContext;
import dev.hoshi.kernel.error.ErrorKind;
import dev.hoshi.kernel.error.HoshiException;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.platform.security.Caller;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** The caller's organisation's status. The organisation comes from the token, never from input. */
@Controller
class StatusController {

    private final QueryGateway queries;

    StatusController(QueryGateway queries) {
        this.queries = queries;
    }

    /** Null unless the caller is a member of the organisation chosen for the request. */
    @QueryMapping
    OrganizationStatusView organizationStatus() {
        TenantId tenant = CurrentContext.require()
                .tenant()
                .orElseThrow(() -> new HoshiException(
                        "ORGANIZATION_REQUIRED",
                        ErrorKind.INVALID_INPUT,
                        "Choose the organisation to act for with the X-Hoshi-Organization header.",
                        "X-Hoshi-Organization ヘッダーで対象の組織を指定してください。"));
        String caller = Caller.actor().id();
        return queries.query(
                        new FindOrganizationStatusQuery(tenant),
                        ResponseTypes.optionalInstanceOf(OrganizationStatusView.class))
                .join()
                .filter(status -> status.members().contains(caller))
                .orElse(null);
    }
}
