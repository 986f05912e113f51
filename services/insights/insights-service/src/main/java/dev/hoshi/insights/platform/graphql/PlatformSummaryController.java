package dev.hoshi.insights.platform.graphql;

import dev.hoshi.insights.api.platform.FindRegisteredOrganizationQuery;
import dev.hoshi.insights.api.platform.PlatformSummaryQuery;
import dev.hoshi.insights.api.platform.PlatformSummaryView;
import dev.hoshi.insights.api.platform.RegisteredOrganizationView;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.platform.graphql.Inputs;
import dev.hoshi.platform.security.Caller;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** Platform counts for operators. */
@Controller
class PlatformSummaryController {

    private final QueryGateway queries;

    PlatformSummaryController(QueryGateway queries) {
        this.queries = queries;
    }

    @QueryMapping
    PlatformSummaryView platformSummary() {
        Caller.requireRole(Caller.PLATFORM_OPERATOR);
        return queries.query(new PlatformSummaryQuery(), PlatformSummaryView.class)
                .join();
    }

    @QueryMapping
    RegisteredOrganizationView registeredOrganization(@Argument String id) {
        Caller.requireRole(Caller.PLATFORM_OPERATOR);
        return queries.query(
                        new FindRegisteredOrganizationQuery(Inputs.parse("id", id, TenantId::of)),
                        ResponseTypes.optionalInstanceOf(RegisteredOrganizationView.class))
                .join()
                .orElse(null);
    }
}
