package dev.hoshi.eventstore;

import static dev.hoshi.eventstore.EventStoreFixture.event;
import static dev.hoshi.eventstore.EventStoreFixture.events;
import static dev.hoshi.eventstore.EventStoreFixture.readAll;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hoshi.eventstore.EventStoreFixture.ThingHappened;
import java.time.Duration;
import java.util.List;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

/** Numbers reserved but not (yet) written: held as gaps, delivered when they land, given up after the timeout. */
class GapIT {

    private final EventStoreFixture fixture = new EventStoreFixture();
    private final HoshiEventStorageEngine engine = fixture.engine();

    @Test
    void aLateWriteInsideTheGapTimeoutIsStillDelivered() {
        engine.appendEvents(event("x", 0));
        long inFlight = engine.reserveForTest(1);
        engine.appendEvents(event("y", 0));

        List<TrackedEventMessage<?>> first = readAll(engine, null);
        GapAwareTrackingToken token = lastToken(first);
        assertThat(first).extracting(this::thing).containsExactly("x", "y");
        assertThat(token.getGaps()).containsExactly(inFlight);

        fixture.clock.advance(fixture.gapTimeout.minusSeconds(5));
        engine.write(List.of(event("late", 0)), inFlight, JacksonSerializer.defaultSerializer());

        List<TrackedEventMessage<?>> second = readAll(engine, token);
        assertThat(second).extracting(this::thing).containsExactly("late");
        assertThat(lastToken(second).getGaps()).isEmpty();
        assertThat(lastToken(second).getIndex()).isEqualTo(token.getIndex());
    }

    @Test
    void aNumberNeverWrittenIsGivenUpOnceTheGapTimeoutHasPassed() {
        engine.appendEvents(event("x", 0));
        long crashed = engine.reserveForTest(1);
        engine.appendEvents(event("y", 0));
        GapAwareTrackingToken token = lastToken(readAll(engine, null));
        assertThat(token.getGaps()).containsExactly(crashed);

        fixture.clock.advance(fixture.gapTimeout.minusSeconds(1));
        engine.appendEvents(event("z", 0));
        GapAwareTrackingToken beforeTimeout = lastToken(readAll(engine, token));
        assertThat(beforeTimeout.getGaps()).as("still waited for").containsExactly(crashed);

        fixture.clock.advance(Duration.ofSeconds(2));
        engine.appendEvents(event("w", 0));
        List<TrackedEventMessage<?>> afterTimeout = readAll(engine, beforeTimeout);
        assertThat(afterTimeout).extracting(this::thing).containsExactly("w");
        assertThat(lastToken(afterTimeout).getGaps()).isEmpty();
        assertThat(fixture.meters.get("hoshi.eventstore.gaps.expired").counter().count())
                .isEqualTo(1.0);

        // the writer comes back after all: too late, the trackers have moved on
        engine.write(List.of(event("too-late", 0)), crashed, JacksonSerializer.defaultSerializer());
        assertThat(readAll(engine, lastToken(afterTimeout))).isEmpty();
    }

    @Test
    void aRunOfUnwrittenNumbersLongerThanABatchIsSteppedOver() {
        HoshiEventStorageEngine small = fixture.builder().batchSize(10).build();
        small.appendEvents(event("x", 0));
        small.reserveForTest(35); // a large append that died
        small.appendEvents(events("y", 0, 2));

        List<TrackedEventMessage<?>> read = readAll(small, null);

        assertThat(read).extracting(this::thing).containsExactly("x", "y", "y");
        assertThat(lastToken(read).getGaps()).hasSize(35);
    }

    @Test
    void aTrackerStartingFromScratchHoldsEarlierUnwrittenNumbersAsGaps() {
        long first = engine.reserveForTest(1);
        engine.appendEvents(event("x", 0));

        GapAwareTrackingToken token = lastToken(readAll(engine, null));
        assertThat(token.getGaps()).containsExactly(first);

        engine.write(List.of(event("late", 0)), first, JacksonSerializer.defaultSerializer());
        assertThat(readAll(engine, token)).extracting(this::thing).containsExactly("late");
    }

    private String thing(TrackedEventMessage<?> event) {
        return ((ThingHappened) event.getPayload()).thing();
    }

    private static GapAwareTrackingToken lastToken(List<TrackedEventMessage<?>> events) {
        return (GapAwareTrackingToken) events.get(events.size() - 1).trackingToken();
    }
}
