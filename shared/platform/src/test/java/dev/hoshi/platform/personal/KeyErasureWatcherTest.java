package dev.hoshi.platform.personal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoDatabase;
import dev.hoshi.kernel.id.UserId;
import dev.hoshi.kernel.personal.KeyErasure;
import dev.hoshi.kernel.personal.Personal;
import dev.hoshi.testsupport.TestMongo;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every process stops opening an erased key: at once where it was erased, as soon as it sees the erasure's event
 * elsewhere (another service, another replica), and at the latest when its cached key expires.
 */
class KeyErasureWatcherTest {

    /** An erasure event as directory records it (its own records live in directory-api). */
    record Erased(String keyId) implements KeyErasure {}

    private final MongoDatabase db =
            TestMongo.get().client().getDatabase(TestMongo.get().freshDatabaseName("erasure"));
    private final AtomicLong now = new AtomicLong();
    private final PersonalDataVault here = new PersonalDataVault(db, Duration.ofSeconds(30), now::get);
    private final PersonalDataVault there = new PersonalDataVault(db, Duration.ofSeconds(30), now::get);
    private final PersonalDataVault missedIt = new PersonalDataVault(db, Duration.ofSeconds(30), now::get);
    private final UserId hanako = UserId.of("hanako");
    private final EmbeddedEventStore store = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine())
            .build();
    private final KeyErasureWatcher watcherThere = new KeyErasureWatcher(store, there);

    @AfterEach
    void stop() {
        watcherThere.stop();
        store.shutDown();
    }

    @Test
    void anErasedKeyStopsOpeningAtOnceHereOnTheEventThereAndAfterTheCacheTimeEverywhere() {
        String sealed = here.encrypt(hanako, "hanako@example.jp");
        assertThat(there.open(sealed)).contains("hanako@example.jp");
        assertThat(missedIt.open(sealed)).contains("hanako@example.jp");

        String keyId = here.forget(hanako).keyId().orElseThrow();

        assertThat(here.open(sealed)).as("at once in the process that erased").isEmpty();
        assertThat(there.open(sealed)).as("cached in another process").contains("hanako@example.jp");
        watcherThere.handle(new GenericTrackedEventMessage<>(
                new GlobalSequenceTrackingToken(1), GenericEventMessage.asEventMessage(new Erased(keyId))));
        assertThat(there.open(sealed))
                .as("at once once its watcher saw the event")
                .isEmpty();
        assertThat(there.openText(sealed)).isEqualTo(Personal.ERASED);

        assertThat(missedIt.open(sealed))
                .as("a process that missed the event: until its cached key expires")
                .isPresent();
        now.addAndGet(Duration.ofSeconds(30).toNanos());
        assertThat(missedIt.open(sealed)).as("the cache time is the bound").isEmpty();
    }

    @Test
    void otherEventsAreNotReadAndAnErasureWithoutAKeyChangesNothing() {
        String sealed = here.encrypt(hanako, "hanako@example.jp");
        assertThat(there.open(sealed)).isPresent();

        watcherThere.handle(new GenericTrackedEventMessage<>(
                new GlobalSequenceTrackingToken(1), GenericEventMessage.asEventMessage("not an erasure")));
        watcherThere.handle(new GenericTrackedEventMessage<>(
                new GlobalSequenceTrackingToken(2), GenericEventMessage.asEventMessage(new Erased(null))));

        assertThat(there.open(sealed)).contains("hanako@example.jp");
    }

    @Test
    void theWatcherTailsTheStoreFromWhenItStarted() {
        String sealed = here.encrypt(hanako, "hanako@example.jp");
        assertThat(there.open(sealed)).isPresent();
        watcherThere.start();

        String keyId = here.forget(hanako).keyId().orElseThrow();
        store.publish(GenericEventMessage.asEventMessage("something else first"));
        store.publish(GenericEventMessage.asEventMessage(new Erased(keyId)));

        // the clock does not move: only the event can make it stop opening
        await().atMost(Duration.ofSeconds(20)).until(() -> there.open(sealed).isEmpty());
        assertThat(watcherThere.isRunning()).isTrue();
    }

    @Test
    void sealingForAPersonWhoseKeyWasErasedElsewhereTakesTheirNewKey() {
        String before = there.encrypt(hanako, "old@example.jp");
        String keyId = here.forget(hanako).keyId().orElseThrow();
        watcherThere.handle(new GenericTrackedEventMessage<>(
                new GlobalSequenceTrackingToken(1), GenericEventMessage.asEventMessage(new Erased(keyId))));

        String after = there.encrypt(hanako, "new@example.jp");

        assertThat(PersonalDataVault.keyReference(after)).isNotEqualTo(PersonalDataVault.keyReference(before));
        assertThat(here.decrypt(hanako, after)).contains("new@example.jp");
        assertThat(here.open(before)).isEmpty();
    }
}
