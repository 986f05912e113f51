package dev.hoshi.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two event stores over one storage engine, as two services over the one MongoDB event store: what one appends, the
 * other's producer only finds when it looks again. With a 60 s idle fetch delay, the reader sees the writer's event
 * within seconds only because its pacer noticed the store's head move and woke the producer.
 */
class PacedEventStoreTest {

    private final InMemoryEventStorageEngine engine = new InMemoryEventStorageEngine();
    private final EmbeddedEventStore writer =
            EmbeddedEventStore.builder().storageEngine(engine).build();
    private final PacedEventStore reader = new PacedEventStore(
            EmbeddedEventStore.builder().storageEngine(engine),
            this::head,
            () -> false,
            Duration.ofMillis(10),
            Duration.ofSeconds(60));

    @AfterEach
    void stop() {
        reader.shutDown();
        writer.shutDown();
    }

    @Test
    void anotherStoresEventIsSeenLongBeforeTheIdleFetchDelay() throws Exception {
        writer.publish(GenericEventMessage.asEventMessage("before"));
        TrackingEventStream stream = reader.openStream(null);
        assertThat(stream.nextAvailable().getPayload()).isEqualTo("before");
        assertThat(stream.hasNextAvailable(50, TimeUnit.MILLISECONDS)).isFalse(); // tailing the producer now

        for (String payload : new String[] {"first", "second", "third"}) {
            writer.publish(GenericEventMessage.asEventMessage(payload));
            // a third of the idle fetch delay: without the pacer the producer would still be waiting
            assertThat(stream.hasNextAvailable(20, TimeUnit.SECONDS)).isTrue();
            assertThat(stream.nextAvailable().getPayload()).isEqualTo(payload);
        }
        stream.close();
    }

    /**
     * The event store's read stopped before an append in flight: the counter has already moved (the numbers were
     * reserved), so only the read's waiting tells the pacer to look again soon, and the events then show.
     */
    @Test
    void whileAReadWaitsForAnAppendInFlightTheProducerIsWokenEveryFetchDelay() throws Exception {
        AtomicBoolean waiting = new AtomicBoolean();
        PacedEventStore waitingReader = new PacedEventStore(
                EmbeddedEventStore.builder().storageEngine(engine),
                () -> 7, // the counter stands still: the numbers were reserved before the read
                waiting::get,
                Duration.ofMillis(10),
                Duration.ofSeconds(60));
        try {
            writer.publish(GenericEventMessage.asEventMessage("before"));
            TrackingEventStream stream = waitingReader.openStream(null);
            assertThat(stream.nextAvailable().getPayload()).isEqualTo("before");
            assertThat(stream.hasNextAvailable(50, TimeUnit.MILLISECONDS)).isFalse();

            writer.publish(GenericEventMessage.asEventMessage("landed"));
            assertThat(stream.hasNextAvailable(200, TimeUnit.MILLISECONDS))
                    .as("not looked for: the counter did not move and no read waits")
                    .isFalse();
            waiting.set(true);
            assertThat(stream.hasNextAvailable(20, TimeUnit.SECONDS)).isTrue();
            assertThat(stream.nextAvailable().getPayload()).isEqualTo("landed");
            stream.close();
        } finally {
            waitingReader.shutDown();
        }
    }

    private long head() {
        TrackingToken head = engine.createHeadToken();
        return head == null ? 0 : head.position().orElse(0);
    }
}
