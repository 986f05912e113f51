package dev.hoshi.insights.rollup.subscription;

import dev.hoshi.compliance.api.status.Standing;
import dev.hoshi.directory.api.consent.ConsentScope;
import dev.hoshi.directory.api.consent.GranteeKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.bson.Document;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Turns one member's state before and after an event (the rollup projection's member state document) into the
 * {@link MemberStatusChange}s its support organisations may see, and publishes them to the {@link MemberStatusFeed}.
 *
 * <p>Only a change of the level bucket, of the declared level's standing (compliance's {@code standing}: Hoshi's
 * monitoring rule) or of the score counts. Each support organisation with a live grant after the event gets one
 * message at that grant's widest scope: the level and standing at every scope, the scores only from {@code
 * LEVEL_AND_SCORES} up, and nothing at all for a change of the score alone that its scope hides. A revoked grant sees nothing. Events handled again
 * during a replay (a reset of the projection) publish nothing: they are history, not news.
 */
@Component
public class MemberStatusChanges {

    private final MemberStatusFeed feed;
    private final List<Consumer<GranteeNotice>> listeners;

    public MemberStatusChanges(MemberStatusFeed feed) {
        this(feed, List.of());
    }

    /**
     * {@code listeners} also get every notice, for support organisations and partner clients, grants started and ended
     * included (webhooks write their deliveries as the event is handled).
     */
    @Autowired
    public MemberStatusChanges(MemberStatusFeed feed, ObjectProvider<Consumer<GranteeNotice>> listeners) {
        this(feed, listeners.orderedStream().toList());
    }

    MemberStatusChanges(MemberStatusFeed feed, List<Consumer<GranteeNotice>> listeners) {
        this.feed = feed;
        this.listeners = List.copyOf(listeners);
    }

    /**
     * Publishes what changed for {@code organization}, after its new state was written.
     *
     * @param before the state before the event; null for a member seen for the first time
     * @param after the state after it
     * @param levelOf the projection's level bucket of a state
     * @param scopes the widest live scope per support organisation, after the event
     * @param at the event's timestamp
     */
    public void publish(
            String organization,
            Document before,
            Document after,
            Function<Document, String> levelOf,
            Map<String, ConsentScope> scopes,
            Instant at) {
        if (replaying()) {
            return;
        }
        for (MemberStatusChange change : changes(organization, before, after, levelOf, scopes, at)) {
            tell(new GranteeNotice(
                    GranteeKind.SUPPORT_ORGANIZATION,
                    change.supportOrganizationId(),
                    GranteeNotice.Type.STATUS_CHANGED,
                    change));
            feed.emit(change);
        }
    }

    /**
     * Publishes what changed for {@code organization} to support organisations (live subscriptions and webhooks) and
     * to partner clients (webhooks), and tells each grantee whose grant started or ended with this step.
     *
     * @param supportScopes the widest live scope per support organisation of a state
     * @param partnerScopes the widest live scope per partner client of a state
     */
    public void publish(
            String organization,
            Document before,
            Document after,
            Function<Document, String> levelOf,
            Function<Document, Map<String, ConsentScope>> supportScopes,
            Function<Document, Map<String, ConsentScope>> partnerScopes,
            Instant at) {
        if (replaying()) {
            return;
        }
        publish(organization, before, after, levelOf, supportScopes.apply(after), at);
        for (MemberStatusChange change :
                changes(organization, before, after, levelOf, partnerScopes.apply(after), at)) {
            tell(new GranteeNotice(
                    GranteeKind.PARTNER_CLIENT,
                    change.supportOrganizationId(),
                    GranteeNotice.Type.STATUS_CHANGED,
                    change));
        }
        grants(GranteeKind.SUPPORT_ORGANIZATION, organization, before, after, levelOf, supportScopes, at)
                .forEach(this::tell);
        grants(GranteeKind.PARTNER_CLIENT, organization, before, after, levelOf, partnerScopes, at)
                .forEach(this::tell);
    }

    private void tell(GranteeNotice notice) {
        listeners.forEach(listener -> listener.accept(notice));
    }

    /**
     * A grant started for each grantee with a live scope after the step and none before (the member's current level,
     * standing and, where the scope shows it, score); ended for each with one before and none after (only the member
     * and the scope that ended). A scope changed on a live grant is neither.
     */
    static List<GranteeNotice> grants(
            GranteeKind kind,
            String organization,
            Document before,
            Document after,
            Function<Document, String> levelOf,
            Function<Document, Map<String, ConsentScope>> scopesOf,
            Instant at) {
        Map<String, ConsentScope> was = before == null ? Map.of() : scopesOf.apply(before);
        Map<String, ConsentScope> now = scopesOf.apply(after);
        List<GranteeNotice> notices = new ArrayList<>();
        new TreeMap<>(now).forEach((grantee, scope) -> {
            if (!was.containsKey(grantee)) {
                boolean scores = scope.includes(ConsentScope.LEVEL_AND_SCORES);
                String level = levelOf.apply(after);
                String standing = standingOf(after);
                String lapseReason =
                        scores && Standing.PREREQUISITES_LAPSED.name().equals(standing)
                                ? after.getString("lapseReason")
                                : null;
                Integer score = scores ? after.getInteger("score") : null;
                notices.add(new GranteeNotice(
                        kind,
                        grantee,
                        GranteeNotice.Type.GRANT_STARTED,
                        new MemberStatusChange(
                                grantee,
                                organization,
                                after.getString("name"),
                                scope.name(),
                                level,
                                level,
                                standing,
                                standing,
                                lapseReason,
                                score,
                                score,
                                at)));
            }
        });
        new TreeMap<>(was).forEach((grantee, scope) -> {
            if (!now.containsKey(grantee)) {
                notices.add(new GranteeNotice(
                        kind,
                        grantee,
                        GranteeNotice.Type.GRANT_ENDED,
                        new MemberStatusChange(
                                grantee,
                                organization,
                                null,
                                scope.name(),
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                at)));
            }
        });
        return notices;
    }

    /** Ends the open subscriptions of {@code analyst} to {@code supportOrganization}, after the removal was written. */
    public void analystRemoved(String supportOrganization, String analyst) {
        if (replaying()) {
            return;
        }
        feed.analystRemoved(supportOrganization, analyst);
    }

    /**
     * The messages, one per support organisation that may see the change (none when level, standing and score
     * stayed).
     */
    static List<MemberStatusChange> changes(
            String organization,
            Document before,
            Document after,
            Function<Document, String> levelOf,
            Map<String, ConsentScope> scopes,
            Instant at) {
        Document was = before == null ? new Document() : before;
        String levelBefore = levelOf.apply(was);
        String level = levelOf.apply(after);
        String standingBefore = standingOf(was);
        String standing = standingOf(after);
        String lapseReason =
                Standing.PREREQUISITES_LAPSED.name().equals(standing) ? after.getString("lapseReason") : null;
        Integer scoreBefore = was.getInteger("score");
        Integer score = after.getInteger("score");
        boolean levelOrStandingChanged =
                !Objects.equals(levelBefore, level) || !Objects.equals(standingBefore, standing);
        boolean scoreChanged = !Objects.equals(scoreBefore, score);
        List<MemberStatusChange> changes = new ArrayList<>();
        if (!levelOrStandingChanged && !scoreChanged) {
            return changes;
        }
        new TreeMap<>(scopes).forEach((supportOrganization, scope) -> {
            boolean scores = scope.includes(ConsentScope.LEVEL_AND_SCORES);
            if (!levelOrStandingChanged && !scores) {
                return; // only the score changed, and this grant does not show scores
            }
            changes.add(new MemberStatusChange(
                    supportOrganization,
                    organization,
                    after.getString("name"),
                    scope.name(),
                    levelBefore,
                    level,
                    standingBefore,
                    standing,
                    scores ? lapseReason : null, // the reason tells the policy's or sheet's state, as in the list
                    scores ? scoreBefore : null,
                    scores ? score : null,
                    at));
        });
        return changes;
    }

    /** The state's {@code standing} as the projection stored it from compliance's status; NOT_DECLARED before one. */
    private static String standingOf(Document state) {
        String standing = state.getString("standing");
        return standing == null ? Standing.NOT_DECLARED.name() : standing;
    }

    private static boolean replaying() {
        return CurrentUnitOfWork.isStarted()
                && ReplayToken.isReplay(CurrentUnitOfWork.get().getMessage());
    }
}
