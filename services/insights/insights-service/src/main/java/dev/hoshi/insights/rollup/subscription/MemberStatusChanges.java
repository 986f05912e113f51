package dev.hoshi.insights.rollup.subscription;

import dev.hoshi.compliance.api.status.Standing;
import dev.hoshi.directory.api.consent.ConsentScope;
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
    private final List<Consumer<MemberStatusChange>> listeners;

    public MemberStatusChanges(MemberStatusFeed feed) {
        this(feed, List.of());
    }

    /** {@code listeners} also get every change (webhooks write their deliveries as the event is handled). */
    @Autowired
    public MemberStatusChanges(MemberStatusFeed feed, ObjectProvider<Consumer<MemberStatusChange>> listeners) {
        this(feed, listeners.orderedStream().toList());
    }

    MemberStatusChanges(MemberStatusFeed feed, List<Consumer<MemberStatusChange>> listeners) {
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
            listeners.forEach(listener -> listener.accept(change));
            feed.emit(change);
        }
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
