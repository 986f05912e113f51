package dev.hoshi.eventstore;

import static dev.hoshi.eventstore.EventStoreFixture.event;
import static dev.hoshi.eventstore.EventStoreFixture.events;
import static dev.hoshi.eventstore.EventStoreFixture.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoshi.eventstore.EventStoreFixture.ThingHappened;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConcurrencyIT {

    private final EventStoreFixture fixture = new EventStoreFixture();
    private final HoshiEventStorageEngine engine = fixture.engine();
    private final ExecutorService threads = Executors.newFixedThreadPool(2);

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    @Test
    void aSecondWriterOfTheSameSequenceNumberGetsAConcurrencyFailure() {
        engine.appendEvents(events("c1", 0, 2));

        assertThatThrownBy(() -> engine.appendEvents(event("c1", 1)))
                .isInstanceOf(ConcurrencyException.class)
                .hasMessageContaining("c1");
        assertThatThrownBy(() -> engine.appendEvents(event("c1", 0)))
                .as("re-creating an aggregate")
                .isInstanceOf(AggregateStreamCreationException.class);
        assertThat(fixture.meters
                        .get("hoshi.eventstore.append")
                        .tag("outcome", "conflict")
                        .timer()
                        .count())
                .isEqualTo(1);
    }

    @Test
    void twoWritersRacingOnOneAggregateNeverBothWin() throws Exception {
        engine.appendEvents(event("race", 0));
        int rounds = 25;
        int conflicts = 0;
        for (long seq = 1; seq <= rounds; seq++) {
            CyclicBarrier start = new CyclicBarrier(2);
            long s = seq;
            List<Future<Boolean>> writers = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                writers.add(threads.submit(() -> {
                    start.await();
                    try {
                        engine.appendEvents(event("race", s));
                        return true;
                    } catch (ConcurrencyException e) {
                        return false;
                    }
                }));
            }
            int wins = 0;
            for (Future<Boolean> writer : writers) {
                wins += writer.get() ? 1 : 0;
            }
            assertThat(wins).as("winners at sequence %d", seq).isEqualTo(1);
            conflicts++;
        }

        List<Long> stored = engine.readEvents("race")
                .asStream()
                .map(DomainEventMessage::getSequenceNumber)
                .collect(Collectors.toList());
        assertThat(stored)
                .containsExactlyElementsOf(
                        LongStream.rangeClosed(0, rounds).boxed().toList());
        List<TrackedEventMessage<?>> streamed = readAll(engine, null);
        assertThat(streamed)
                .extracting(e -> ((ThingHappened) e.getPayload()).n())
                .containsExactlyElementsOf(
                        LongStream.rangeClosed(0, rounds).boxed().toList());
        assertThat(fixture.meters.get("hoshi.eventstore.gaps.skipped").counter().count())
                .isEqualTo(conflicts);
        GapAwareTrackingToken last =
                (GapAwareTrackingToken) streamed.get(streamed.size() - 1).trackingToken();
        assertThat(last.getGaps())
                .as("numbers of failed appends are stepped over, not held as gaps")
                .isEmpty();
    }

    @Test
    void aFailedAppendSpanningTwoAggregatesLeavesNothingBehind() {
        engine.appendEvents(events("b", 0, 2));

        // one unit of work: a new aggregate "a" and a stale write to "b"
        assertThatThrownBy(() -> engine.appendEvents(List.of(event("a", 0), event("b", 1))))
                .isInstanceOf(ConcurrencyException.class);

        assertThat(engine.readEvents("a").asStream()).isEmpty();
        assertThat(readAll(engine, null))
                .extracting(e -> ((ThingHappened) e.getPayload()).thing())
                .containsExactly("b", "b");
        engine.appendEvents(event("a", 0));
        assertThat(engine.readEvents("a").asStream()).hasSize(1);
    }
}
