package dev.hoshi.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventAvailabilityNotifierTest {

    final EmbeddedEventStore store = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine())
            .build();
    final EventAvailabilityNotifier notifier = new EventAvailabilityNotifier(store);

    @AfterEach
    void stop() {
        notifier.stop();
        store.shutDown();
    }

    @Test
    void anOpenStreamIsToldWhenAnEventIsPublishedAndThenReadsIt() throws Exception {
        BlockingStream<TrackedEventMessage<?>> stream = notifier.openStream(null);
        Semaphore told = new Semaphore(0);

        assertThat(stream.setOnAvailableCallback(told::release)).isTrue();
        assertThat(stream.hasNextAvailable()).isFalse();
        store.publish(GenericEventMessage.asEventMessage("first"));

        assertThat(told.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
        // told as the event is published; the store's reader may fetch it a moment later
        assertThat(stream.hasNextAvailable(10, TimeUnit.SECONDS)).isTrue();
        assertThat(stream.nextAvailable().getPayload()).isEqualTo("first");

        store.publish(GenericEventMessage.asEventMessage("second"));
        assertThat(told.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
        assertThat(stream.nextAvailable().getPayload()).isEqualTo("second");
        stream.close();
    }

    @Test
    void everyOpenStreamIsToldAndAClosedOneNoMore() throws Exception {
        BlockingStream<TrackedEventMessage<?>> first = notifier.openStream(null);
        BlockingStream<TrackedEventMessage<?>> second = notifier.openStream(null);
        Semaphore firstTold = new Semaphore(0);
        Semaphore secondTold = new Semaphore(0);
        first.setOnAvailableCallback(firstTold::release);
        second.setOnAvailableCallback(secondTold::release);

        store.publish(GenericEventMessage.asEventMessage("one"));

        assertThat(firstTold.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
        assertThat(secondTold.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
        first.close();
        assertThat(notifier.listenerCount()).isEqualTo(1);
        second.close();
        assertThat(notifier.listenerCount()).isZero();
    }

    @Test
    void tokensComeFromTheStore() {
        store.publish(GenericEventMessage.asEventMessage("one"));

        assertThat(notifier.createTailToken()).isEqualTo(store.createTailToken());
        assertThat(notifier.createHeadToken()).isEqualTo(store.createHeadToken());
    }
}
