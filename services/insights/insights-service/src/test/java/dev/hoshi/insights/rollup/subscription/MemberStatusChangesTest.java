package dev.hoshi.insights.rollup.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoshi.directory.api.consent.ConsentScope;
import dev.hoshi.directory.api.consent.GranteeKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

/** A member's state before and after an event, turned into what each support organisation may see. */
class MemberStatusChangesTest {

    private static final Instant AT = Instant.parse("2026-11-02T01:02:03Z");
    private static final Function<Document, String> LEVEL =
            s -> s.getString("declared") == null ? "NONE" : s.getString("declared") + "_DECLARED";

    private final MemberStatusFeed feed = new MemberStatusFeed();
    private final MemberStatusChanges changes = new MemberStatusChanges(feed);

    @Test
    void aGrantStartsWhereALiveScopeAppearsAndEndsWhereOneDisappearsAScopeChangeIsNeither() {
        Document before =
                member().append("score", 40).append("declared", "ONE_STAR").append("standing", "GOOD");
        Document after = Document.parse(before.toJson()).append("moved", true);
        Function<Document, Map<String, ConsentScope>> scopes = s -> s.containsKey("moved")
                ? Map.of("assoc-new", ConsentScope.LEVEL_ONLY, "assoc-kept", ConsentScope.FULL_DETAIL)
                : Map.of("assoc-gone", ConsentScope.LEVEL_AND_SCORES, "assoc-kept", ConsentScope.LEVEL_ONLY);

        List<GranteeNotice> notices =
                MemberStatusChanges.grants(GranteeKind.SUPPORT_ORGANIZATION, "org-1", before, after, LEVEL, scopes, AT);

        assertThat(notices)
                .containsExactly(
                        new GranteeNotice(
                                GranteeKind.SUPPORT_ORGANIZATION,
                                "assoc-new",
                                GranteeNotice.Type.GRANT_STARTED,
                                new MemberStatusChange(
                                        "assoc-new",
                                        "org-1",
                                        "佐藤製作所",
                                        "LEVEL_ONLY",
                                        "ONE_STAR_DECLARED",
                                        "ONE_STAR_DECLARED",
                                        "GOOD",
                                        "GOOD",
                                        null,
                                        null, // LEVEL_ONLY: no score
                                        null,
                                        AT)),
                        new GranteeNotice(
                                GranteeKind.SUPPORT_ORGANIZATION,
                                "assoc-gone",
                                GranteeNotice.Type.GRANT_ENDED,
                                new MemberStatusChange(
                                        "assoc-gone",
                                        "org-1",
                                        null,
                                        "LEVEL_AND_SCORES",
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        AT)));
    }

    @Test
    void aNewLevelIsShownToEverySupportOrganisationAtItsScope() {
        Document before = member().append("score", 40);
        Document after =
                member().append("score", 40).append("declared", "ONE_STAR").append("standing", "GOOD");

        List<MemberStatusChange> sent = MemberStatusChanges.changes(
                "org-1",
                before,
                after,
                LEVEL,
                Map.of("assoc-level", ConsentScope.LEVEL_ONLY, "assoc-scores", ConsentScope.LEVEL_AND_SCORES),
                AT);

        assertThat(sent)
                .containsExactly(
                        new MemberStatusChange(
                                "assoc-level",
                                "org-1",
                                "佐藤製作所",
                                "LEVEL_ONLY",
                                "NONE",
                                "ONE_STAR_DECLARED",
                                "NOT_DECLARED",
                                "GOOD",
                                null,
                                null,
                                null,
                                AT),
                        new MemberStatusChange(
                                "assoc-scores",
                                "org-1",
                                "佐藤製作所",
                                "LEVEL_AND_SCORES",
                                "NONE",
                                "ONE_STAR_DECLARED",
                                "NOT_DECLARED",
                                "GOOD",
                                null,
                                40,
                                40,
                                AT));
    }

    @Test
    void aNewScoreReachesOnlySupportOrganisationsWhoseScopeShowsScores() {
        Document before = member().append("score", 40);
        Document after = member().append("score", 72);

        List<MemberStatusChange> sent = MemberStatusChanges.changes(
                "org-1",
                before,
                after,
                LEVEL,
                Map.of("assoc-level", ConsentScope.LEVEL_ONLY, "assoc-full", ConsentScope.FULL_DETAIL),
                AT);

        assertThat(sent).singleElement().satisfies(change -> {
            assertThat(change.supportOrganizationId()).isEqualTo("assoc-full");
            assertThat(change.scope()).isEqualTo("FULL_DETAIL");
            assertThat(change.levelBefore()).isEqualTo("NONE");
            assertThat(change.level()).isEqualTo("NONE");
            assertThat(change.scoreBefore()).isEqualTo(40);
            assertThat(change.score()).isEqualTo(72);
        });
    }

    @Test
    void aLapseOfTheDeclaredLevelIsAChangeAtEveryScopeThoughTheLevelStays() {
        Document before =
                member().append("score", 100).append("declared", "TWO_STARS").append("standing", "GOOD");
        Document after = member().append("score", 100)
                .append("declared", "TWO_STARS")
                .append("standing", "PREREQUISITES_LAPSED")
                .append("lapseReason", "POLICY_NOT_PUBLISHED")
                .append("lapsedOn", "2026-11-02");

        List<MemberStatusChange> sent = MemberStatusChanges.changes(
                "org-1",
                before,
                after,
                LEVEL,
                Map.of("assoc-level", ConsentScope.LEVEL_ONLY, "assoc-full", ConsentScope.FULL_DETAIL),
                AT);

        assertThat(sent).hasSize(2).allSatisfy(change -> {
            assertThat(change.levelBefore()).isEqualTo("TWO_STARS_DECLARED");
            assertThat(change.level()).isEqualTo("TWO_STARS_DECLARED");
            assertThat(change.standingBefore()).isEqualTo("GOOD");
            assertThat(change.standing()).isEqualTo("PREREQUISITES_LAPSED");
        });
        assertThat(sent.get(0).lapseReason()).isEqualTo("POLICY_NOT_PUBLISHED");
        assertThat(sent.get(1).scope()).isEqualTo("LEVEL_ONLY");
        assertThat(sent.get(1).score()).isNull();
        assertThat(sent.get(1).lapseReason())
                .as("the reason tells the policy's state, which LEVEL_ONLY does not show")
                .isNull();
        // and back to good standing: a change again, with no reason
        assertThat(MemberStatusChanges.changes(
                        "org-1", after, before, LEVEL, Map.of("assoc-level", ConsentScope.LEVEL_ONLY), AT))
                .singleElement()
                .satisfies(change -> {
                    assertThat(change.standing()).isEqualTo("GOOD");
                    assertThat(change.lapseReason()).isNull();
                });
    }

    @Test
    void aScoreChangeAtLevelOnlyPublishesNothing() {
        assertThat(MemberStatusChanges.changes(
                        "org-1",
                        member(),
                        member().append("score", 55),
                        LEVEL,
                        Map.of("assoc-level", ConsentScope.LEVEL_ONLY),
                        AT))
                .isEmpty();
    }

    @Test
    void aRevokedGrantSeesNothing() {
        // the projection's scopes hold live grants only: a revoked one is simply not there
        assertThat(MemberStatusChanges.changes(
                        "org-1",
                        member(),
                        member().append("declared", "TWO_STARS").append("score", 90),
                        LEVEL,
                        Map.of(),
                        AT))
                .isEmpty();
    }

    @Test
    void nothingIsPublishedWhenLevelStandingAndScoreStayTheSame() {
        Document before = member().append("score", 40).append("industry", "E").append("standing", "GOOD");
        Document after = member().append("score", 40)
                .append("industry", "F")
                .append("overdue", true)
                .append("standing", "GOOD");

        assertThat(MemberStatusChanges.changes(
                        "org-1", before, after, LEVEL, Map.of("assoc", ConsentScope.FULL_DETAIL), AT))
                .isEmpty();
    }

    @Test
    void aMemberSeenForTheFirstTimeStartsFromNothing() {
        assertThat(MemberStatusChanges.changes(
                        "org-1",
                        null,
                        new Document("_id", "org-1").append("score", 10),
                        LEVEL,
                        Map.of("assoc", ConsentScope.LEVEL_AND_SCORES),
                        AT))
                .singleElement()
                .satisfies(change -> {
                    assertThat(change.scoreBefore()).isNull();
                    assertThat(change.score()).isEqualTo(10);
                    assertThat(change.name()).isNull();
                });
    }

    @Test
    void subscribersGetOnlyTheirSupportOrganisationsChanges() throws Exception {
        BlockingQueue<MemberStatusChange> received = new LinkedBlockingQueue<>();
        Disposable subscription = feed.changesFor("assoc-scores").subscribe(received::add);
        try {
            changes.publish(
                    "org-1",
                    member(),
                    member().append("declared", "ONE_STAR"),
                    LEVEL,
                    Map.of("assoc-level", ConsentScope.LEVEL_ONLY, "assoc-scores", ConsentScope.LEVEL_AND_SCORES),
                    AT);

            MemberStatusChange change = received.poll(5, TimeUnit.SECONDS);
            assertThat(change).isNotNull();
            assertThat(change.supportOrganizationId()).isEqualTo("assoc-scores");
            assertThat(received.poll(200, TimeUnit.MILLISECONDS)).isNull();
        } finally {
            subscription.dispose();
        }
    }

    @Test
    void aSlowSubscriberNeitherBlocksThePublisherNorOthers() throws Exception {
        BlockingQueue<MemberStatusChange> fast = new LinkedBlockingQueue<>();
        List<MemberStatusChange> slow = new ArrayList<>();
        // takes 5 s per change: were it called on the publisher's thread, publishing would wait for it
        Disposable stuck = feed.changesFor("assoc").limitRate(1).subscribe(change -> {
            slow.add(change);
            sleep(Duration.ofSeconds(5));
        });
        Disposable quick = feed.changesFor("assoc").subscribe(fast::add);
        try {
            // a burst that fits each subscription's buffer: the quick one misses nothing while the slow one sleeps
            int n = MemberStatusFeed.BUFFER;
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                feed.emit(new MemberStatusChange(
                        "assoc",
                        "org-" + i,
                        null,
                        "LEVEL_ONLY",
                        "NONE",
                        "ONE_STAR_DECLARED",
                        "NOT_DECLARED",
                        "GOOD",
                        null,
                        null,
                        null,
                        AT));
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
            for (int i = 0; i < n; i++) {
                assertThat(fast.poll(5, TimeUnit.SECONDS)).as("change %d", i).isNotNull();
            }
        } finally {
            stuck.dispose();
            quick.dispose();
        }
    }

    @Test
    void aReplayOfOldEventsPublishesNothing() throws Exception {
        BlockingQueue<MemberStatusChange> received = new LinkedBlockingQueue<>();
        Disposable subscription = feed.changesFor("assoc").subscribe(received::add);
        var replayed = new GenericTrackedEventMessage<>(
                ReplayToken.createReplayToken(new GlobalSequenceTrackingToken(10), new GlobalSequenceTrackingToken(3)),
                GenericEventMessage.asEventMessage("a declaration"));
        assertThat(ReplayToken.isReplay(replayed)).isTrue();
        try {
            DefaultUnitOfWork.startAndGet(replayed)
                    .execute(() -> changes.publish(
                            "org-1",
                            member(),
                            member().append("declared", "ONE_STAR"),
                            LEVEL,
                            Map.of("assoc", ConsentScope.LEVEL_ONLY),
                            AT));

            assertThat(received.poll(300, TimeUnit.MILLISECONDS)).isNull();
        } finally {
            subscription.dispose();
        }
    }

    private static Document member() {
        return new Document("_id", "org-1").append("name", "佐藤製作所");
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
