package dev.hoshi.insights.rollup.subscription.graphql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hoshi.directory.api.consent.ConsentScope;
import dev.hoshi.insights.rollup.subscription.MemberStatusChange;
import dev.hoshi.insights.rollup.subscription.MemberStatusFeed;
import dev.hoshi.insights.rollup.subscription.SubscriberAccess;
import dev.hoshi.kernel.error.HoshiException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

/** Every message of an open subscription is checked again, against the analysts and grants as they are then. */
class MemberStatusSubscriptionControllerTest {

    private static final String SUPPORT = "assoc";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final Set<String> analysts = ConcurrentHashMap.newKeySet();
    private final Map<String, ConsentScope> grants = new ConcurrentHashMap<>();
    private final MemberStatusFeed feed = new MemberStatusFeed();
    private final MemberStatusSubscriptionController controller =
            new MemberStatusSubscriptionController(null, feed, new SubscriberAccess() {
                @Override
                public boolean isAnalyst(String supportOrganization, String user) {
                    return SUPPORT.equals(supportOrganization) && analysts.contains(user);
                }

                @Override
                public Optional<ConsentScope> scope(String supportOrganization, String organization) {
                    return Optional.ofNullable(grants.get(organization));
                }
            });
    private final BlockingQueue<MemberStatusChange> received = new LinkedBlockingQueue<>();
    private final AtomicReference<Throwable> ended = new AtomicReference<>();
    private Disposable subscription;

    @AfterEach
    void close() {
        subscription.dispose();
    }

    @Test
    void aMessageGoesOnlyWhileTheMembersGrantStillShowsIt() throws Exception {
        analysts.add("tanaka");
        grants.put("narrowed", ConsentScope.LEVEL_ONLY); // was LEVEL_AND_SCORES when its message was made
        grants.put("granted", ConsentScope.FULL_DETAIL);
        open("tanaka");

        feed.emit(change("narrowed", ConsentScope.LEVEL_AND_SCORES));
        feed.emit(change("revoked", ConsentScope.LEVEL_ONLY)); // no grant any more
        feed.emit(change("granted", ConsentScope.LEVEL_AND_SCORES));

        assertThat(received.poll(WAIT.toSeconds(), TimeUnit.SECONDS).organizationId())
                .isEqualTo("granted");
        assertThat(ended.get()).isNull();
    }

    @Test
    void aSubscriberWhoIsNoLongerAnAnalystGetsAccessRevokedAtTheNextMessage() {
        analysts.add("tanaka");
        grants.put("granted", ConsentScope.FULL_DETAIL);
        open("tanaka");
        analysts.remove("tanaka"); // removed on another instance: this feed was not told

        feed.emit(change("granted", ConsentScope.LEVEL_ONLY));

        await().atMost(WAIT).until(() -> ended.get() != null);
        assertThat(received).isEmpty();
        assertThat(((HoshiException) ended.get()).code()).isEqualTo("ACCESS_REVOKED");
    }

    @Test
    void aRemovalProcessedHereEndsTheRemovedAnalystsStreamAtOnceAndNoOneElses() {
        analysts.add("tanaka");
        analysts.add("watanabe");
        open("tanaka");
        AtomicReference<Throwable> other = new AtomicReference<>();
        Disposable watanabe = controller.stream(SUPPORT, "watanabe").subscribe(change -> {}, other::set);
        try {
            await().atMost(WAIT).until(() -> feed.subscriptions() == 2);

            analysts.remove("tanaka");
            feed.analystRemoved(SUPPORT, "tanaka");

            await().atMost(WAIT).until(() -> ended.get() != null);
            assertThat(((HoshiException) ended.get()).code()).isEqualTo("ACCESS_REVOKED");
            assertThat(((HoshiException) ended.get()).messageJa()).contains("アナリストではなくなった");
            assertThat(other.get()).isNull();
            assertThat(watanabe.isDisposed()).isFalse();
        } finally {
            watanabe.dispose();
        }
    }

    private void open(String analyst) {
        int before = feed.subscriptions();
        subscription = controller.stream(SUPPORT, analyst).subscribe(received::add, ended::set);
        await().atMost(WAIT).until(() -> feed.subscriptions() == before + 1);
    }

    private static MemberStatusChange change(String organization, ConsentScope scope) {
        return new MemberStatusChange(
                SUPPORT,
                organization,
                "株式会社" + organization,
                scope.name(),
                "NONE",
                "ONE_STAR_DECLARED",
                "NOT_DECLARED",
                "GOOD",
                null,
                null,
                null,
                Instant.parse("2026-11-01T00:00:00Z"));
    }
}
