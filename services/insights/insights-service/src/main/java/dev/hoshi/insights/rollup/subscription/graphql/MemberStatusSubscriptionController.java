package dev.hoshi.insights.rollup.subscription.graphql;

import dev.hoshi.directory.api.consent.ConsentScope;
import dev.hoshi.insights.api.rollup.FindSupportOrganizationRollupQuery;
import dev.hoshi.insights.api.rollup.SupportOrganizationRollupView;
import dev.hoshi.insights.rollup.subscription.MemberStatusChange;
import dev.hoshi.insights.rollup.subscription.MemberStatusFeed;
import dev.hoshi.insights.rollup.subscription.SubscriberAccess;
import dev.hoshi.kernel.context.Actor;
import dev.hoshi.kernel.error.ErrorKind;
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
import reactor.core.publisher.Mono;

/**
 * A support organisation's live member changes, for its analysts. Who may subscribe is decided when subscribing,
 * with the caller of the WebSocket handshake: exactly those to whom {@code supportOrganizationRollup} answers. Anyone
 * else gets {@code NOT_FOUND}, the same as for a support organisation that does not exist.
 *
 * <p>Asked again before every message: the subscriber must still be an analyst of the support organisation, and the
 * member must still grant it a live scope that shows the message (at least the message's {@code scope}). A message
 * about a member whose grant was revoked or narrowed is dropped; the stream goes on for the other members. Once the
 * subscriber is no longer an analyst, the stream ends with {@code ACCESS_REVOKED}: at once when the removal is
 * processed on this instance, otherwise at the next message.
 */
@Controller
class MemberStatusSubscriptionController {

    private final QueryGateway queries;
    private final MemberStatusFeed feed;
    private final SubscriberAccess access;

    MemberStatusSubscriptionController(QueryGateway queries, MemberStatusFeed feed, SubscriberAccess access) {
        this.queries = queries;
        this.feed = feed;
        this.access = access;
    }

    @SubscriptionMapping
    Flux<MemberStatusChange> memberStatusChanged(@Argument String supportOrganizationId) {
        SupportOrganizationId id =
                Inputs.parse("supportOrganizationId", supportOrganizationId, SupportOrganizationId::of);
        Actor actor = Caller.actor();
        if (actor.kind() != Actor.Kind.USER || !isAnalyst(id, UserId.of(actor.id()))) {
            throw HoshiException.notFound();
        }
        return stream(id.toString(), actor.id());
    }

    /** The changes {@code viewer} is sent, each checked again before it goes; ends with {@code ACCESS_REVOKED}. */
    Flux<MemberStatusChange> stream(String supportOrganization, String viewer) {
        Flux<MemberStatusChange> changes = feed.changesFor(supportOrganization).concatMap(change -> {
            if (!access.isAnalyst(supportOrganization, viewer)) {
                return Mono.error(accessRevoked());
            }
            return shows(supportOrganization, change) ? Mono.just(change) : Mono.empty();
        });
        Mono<MemberStatusChange> removed = feed.removalOf(supportOrganization, viewer)
                .then(Mono.error(MemberStatusSubscriptionController::accessRevoked));
        return Flux.merge(changes, removed.flux());
    }

    /** Whether the member still grants a live scope that shows everything the message carries. */
    private boolean shows(String supportOrganization, MemberStatusChange change) {
        ConsentScope needed = ConsentScope.valueOf(change.scope());
        return access.scope(supportOrganization, change.organizationId())
                .filter(scope -> scope.includes(needed))
                .isPresent();
    }

    static HoshiException accessRevoked() {
        return new HoshiException(
                "ACCESS_REVOKED",
                ErrorKind.FORBIDDEN,
                "You are no longer an analyst of this support organisation, so its member changes are no longer sent.",
                "この支援機関のアナリストではなくなったため、会員の変更の通知を終了しました。");
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
