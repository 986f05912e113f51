package dev.hoshi.compliance.securityaction.graphql;

import dev.hoshi.compliance.access.OrganizationAccess;
import dev.hoshi.compliance.api.status.DisclosureQueries.AccessLogEntryView;
import dev.hoshi.compliance.api.status.DisclosureQueries.FindAccessLogQuery;
import dev.hoshi.compliance.api.status.DisclosureQueries.FindMemberStatusQuery;
import dev.hoshi.compliance.api.status.DisclosureQueries.MemberStatusView;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.platform.graphql.Inputs;
import dev.hoshi.platform.security.Caller;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** Reads from outside the organisation (analysts, partners), and the organisation's log of them. */
@Controller
class DisclosureController {

    static final int DEFAULT_PAGE = 500;
    static final int MAX_PAGE = 1000;

    private final QueryGateway queries;
    private final OrganizationAccess access;

    DisclosureController(QueryGateway queries, OrganizationAccess access) {
        this.queries = queries;
        this.access = access;
    }

    /** Null unless the caller's support organisation or partner client holds an active grant (as if missing). */
    @QueryMapping
    MemberStatusView memberStatus(@Argument String organizationId) {
        Optional<TenantId> organization = Inputs.parseIfValid(organizationId, TenantId::of);
        if (organization.isEmpty()) {
            return null;
        }
        return queries.query(
                        new FindMemberStatusQuery(
                                organization.get(), Caller.actor().toString()),
                        ResponseTypes.optionalInstanceOf(MemberStatusView.class))
                .join()
                .orElse(null);
    }

    /** A page of the access log, newest first; the next page is asked with {@code before} = the last entry's {@code at}. */
    @QueryMapping
    List<AccessLogEntryView> accessLog(@Argument Integer days, @Argument Integer first, @Argument String before) {
        TenantId tenant = access.requireMember();
        int limit = Inputs.first(first, DEFAULT_PAGE, MAX_PAGE);
        Instant until = before == null ? null : Inputs.parse("before", before, Instant::parse);
        return queries.query(
                        new FindAccessLogQuery(tenant, days == null ? 90 : days, until, limit),
                        ResponseTypes.multipleInstancesOf(AccessLogEntryView.class))
                .join();
    }
}
