package dev.hoshi.insights.rollup.subscription.graphql;

import dev.hoshi.insights.api.rollup.FindSupportOrganizationRollupQuery;
import dev.hoshi.insights.api.rollup.SupportOrganizationRollupView;
import dev.hoshi.insights.rollup.subscription.MemberStatusChange;
import dev.hoshi.insights.rollup.subscription.MemberStatusFeed;
import dev.hoshi.kernel.context.Actor;
import dev.hoshi.kernel.error.HoshiException;
import dev.hoshi.kernel.id.SupportOrganizationId;
import dev.hoshi.kernel.id.UserId;
import dev.hoshi.platform.graphql.Inputs;
import dev.hoshi.platform.security.Caller;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;

/**
 * A support organisation's live member changes, for its analysts. Who may subscribe is decided when subscribing,
 * with the caller of the WebSocket handshake: exactly those to whom {@code supportOrganizationRollup} answers. Anyone
 * else gets {@code NOT_FOUND}, the same as for a support organisation that does not exist.
 */
@Controller
class MemberStatusSubscriptionController {

    private final QueryGateway queries;
    private final MemberStatusFeed feed;

    MemberStatusSubscriptionController(QueryGateway queries, MemberStatusFeed feed) {
        this.queries = queries;
        this.feed = feed;
    }

    @SubscriptionMapping
    Flux<MemberStatusChange> memberStatusChanged(@Argument String supportOrganizationId) {
        SupportOrganizationId id =
                Inputs.parse("supportOrganizationId", supportOrganizationId, SupportOrganizationId::of);
        Actor actor = Caller.actor();
        if (actor.kind() != Actor.Kind.USER || !isAnalyst(id, UserId.of(actor.id()))) {
            throw HoshiException.notFound();
        }
        return feed.changesFor(id.toString());
    }

    /** The rollup query answers its analysts only (one point look-up), so it is the access check. */
    private boolean isAnalyst(SupportOrganizationId supportOrganization, UserId viewer) {
        return queries.query(
                        new FindSupportOrganizationRollupQuery(supportOrganization, viewer, null, null),
                        ResponseTypes.optionalInstanceOf(SupportOrganizationRollupView.class))
                .join()
                .isPresent();
    }
}
