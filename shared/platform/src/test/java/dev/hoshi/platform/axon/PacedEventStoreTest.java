package dev.hoshi.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
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

    private long head() {
        TrackingToken head = engine.createHeadToken();
        return head == null ? 0 : head.position().orElse(0);
    }
}
