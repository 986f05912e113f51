package dev.hoshi.eventstore;

import static dev.hoshi.eventstore.EventStoreFixture.event;
import static dev.hoshi.eventstore.EventStoreFixture.events;
import static dev.hoshi.eventstore.EventStoreFixture.globalIndex;
import static dev.hoshi.eventstore.EventStoreFixture.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.hoshi.eventstore.EventStoreFixture.ThingHappened;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

/**
 * Numbers reserved but not (yet) written: waited for while they are fresh (events in global sequence order), then held
 * as gaps, delivered when they land, given up after the timeout. Numbers reserved before the engine started count as
 * old: they are gaps at once.
 */
class GapIT {

    private final EventStoreFixture fixture = new EventStoreFixture();
    private final HoshiEventStorageEngine engine = fixture.engine();

    @Test
    void aLateWriteInsideTheGapTimeoutIsStillDelivered() {
        engine.appendEvents(event("x", 0));
        long inFlight = engine.reserveForTest(1);
        engine.appendEvents(event("y", 0));
        orderWaitPasses(engine); // a writer slower than the order wait

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
        orderWaitPasses(engine);
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
        orderWaitPasses(small);

        List<TrackedEventMessage<?>> read = readAll(small, null);

        assertThat(read).extracting(this::thing).containsExactly("x", "y", "y");
        assertThat(lastToken(read).getGaps()).hasSize(35);
    }

    @Test
    void aTrackerStartingFromScratchHoldsEarlierUnwrittenNumbersAsGaps() {
        long first = engine.reserveForTest(1);
        engine.appendEvents(event("x", 0));
        orderWaitPasses(engine);

        GapAwareTrackingToken token = lastToken(readAll(engine, null));
        assertThat(token.getGaps()).containsExactly(first);

        engine.write(List.of(event("late", 0)), first, JacksonSerializer.defaultSerializer());
        assertThat(readAll(engine, token)).extracting(this::thing).containsExactly("late");
    }

    @Test
    void aNumberReservedMomentsAgoHoldsBackTheEventsAfterItUntilItIsWritten() {
        engine.appendEvents(event("x", 0));
        long inFlight = engine.reserveForTest(1);
        engine.appendEvents(event("y", 0));

        List<TrackedEventMessage<?>> first = readAll(engine, null);
        assertThat(first).extracting(this::thing).containsExactly("x");
        GapAwareTrackingToken token = lastToken(first);
        assertThat(token.getGaps()).isEmpty();

        fixture.clock.advance(fixture.orderWait.minusMillis(1));
        assertThat(readAll(engine, token)).as("still waited for").isEmpty();

        engine.write(List.of(event("late", 0)), inFlight, JacksonSerializer.defaultSerializer());
        List<TrackedEventMessage<?>> second = readAll(engine, token);
        assertThat(second).extracting(this::thing).containsExactly("late", "y");
        assertThat(second).extracting(EventStoreFixture::globalIndex).containsExactly(inFlight, inFlight + 1);
        assertThat(lastToken(second).getGaps()).isEmpty();
        assertThat(fixture.orderWaits()).isGreaterThanOrEqualTo(2.0);
    }

    /**
     * The reader finds a whole window empty, then reads the counter: meanwhile a writer has reserved (and written)
     * further. The numbers of the empty window are as fresh as the rest, so they are waited for too, not stepped over.
     */
    @Test
    void aRunOfNumbersInFlightLongerThanABatchIsWaitedForNotSteppedOver() {
        HoshiEventStorageEngine small = fixture.builder().batchSize(10).build();
        long inFlight = small.reserveForTest(15); // one large append, still being written
        small.appendEvents(event("y", 0));

        assertThat(readAll(small, null)).isEmpty();

        small.write(events("big", 0, 15), inFlight, JacksonSerializer.defaultSerializer());
        List<TrackedEventMessage<?>> read = readAll(small, null);
        assertThat(read).extracting(EventStoreFixture::globalIndex).isSorted().hasSize(16);
        assertThat(lastToken(read).getGaps()).isEmpty();
    }

    @Test
    void aNumberStillMissingAfterTheOrderWaitBecomesAGapAndTheEventsAfterItFlow() {
        engine.appendEvents(event("x", 0));
        long inFlight = engine.reserveForTest(1);
        engine.appendEvents(event("y", 0));
        GapAwareTrackingToken token = lastToken(readAll(engine, null));

        fixture.clock.advance(fixture.orderWait);
        List<TrackedEventMessage<?>> afterWait = readAll(engine, token);
        assertThat(afterWait).extracting(this::thing).containsExactly("y");
        assertThat(lastToken(afterWait).getGaps()).containsExactly(inFlight);

        engine.write(List.of(event("late", 0)), inFlight, JacksonSerializer.defaultSerializer());
        assertThat(readAll(engine, lastToken(afterWait)))
                .extracting(this::thing)
                .containsExactly("late");
    }

    /**
     * Two writers append at once, as two commands do: the one that reserved its numbers first may write them last. A
     * tracker reading meanwhile still gets every event once and in global sequence order, the order a rebuild
     * replays: it waits for a number reserved moments ago rather than deliver the events after it first.
     */
    @Test
    void eventsAreDeliveredInGlobalSequenceOrderWhileConcurrentAppendsAreInFlight() throws Exception {
        int appends = 40;
        int perAppend = 20;
        ExecutorService writers = Executors.newFixedThreadPool(2);
        List<Future<?>> written = new ArrayList<>();
        for (String writer : List.of("a", "b")) {
            written.add(writers.submit(() -> {
                for (int i = 0; i < appends; i++) {
                    engine.appendEvents(events(writer + "-" + i, 0, perAppend));
                }
            }));
        }
        List<Long> delivered = new ArrayList<>();
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            TrackingToken token = null;
            while (delivered.size() < 2 * appends * perAppend) {
                for (Future<?> writer : written) {
                    if (writer.isDone()) {
                        writer.get(); // a writer that failed fails the test rather than leave it waiting
                    }
                }
                for (TrackedEventMessage<?> event : readAll(engine, token)) {
                    delivered.add(globalIndex(event));
                    token = event.trackingToken();
                }
            }
        });
        writers.shutdown();

        assertThat(delivered)
                .hasSize(2 * appends * perAppend)
                .doesNotHaveDuplicates()
                .isSorted();
    }

    @Test
    void numbersReservedBeforeTheEngineStartedAreGapsAtOnce() {
        long died = engine.reserveForTest(1); // a writer of the process before this one
        engine.appendEvents(event("x", 0));

        HoshiEventStorageEngine restarted = fixture.engine();
        List<TrackedEventMessage<?>> read = readAll(restarted, null);
        assertThat(read).extracting(this::thing).containsExactly("x");
        assertThat(lastToken(read).getGaps()).containsExactly(died);
    }

    /** A tracker meets the missing numbers and waits for them the whole order wait: they are gaps from then on. */
    private void orderWaitPasses(HoshiEventStorageEngine tracked) {
        readAll(tracked, null);
        fixture.clock.advance(fixture.orderWait);
    }

    private String thing(TrackedEventMessage<?> event) {
        return ((ThingHappened) event.getPayload()).thing();
    }

    private static GapAwareTrackingToken lastToken(List<TrackedEventMessage<?>> events) {
        return (GapAwareTrackingToken) events.get(events.size() - 1).trackingToken();
    }
}
