package dev.hoshi.eventstore;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.function.Supplier;

/**
 * The engine's meters, all under {@code hoshi.eventstore}:
 *
 * <ul>
 *   <li>{@code .append} (timer, tag {@code outcome} = ok / conflict / error) and {@code .events.appended} (counter);
 *   <li>{@code .read.aggregate} and {@code .read.tracked} (timers, one sample per batch) and {@code .read.events}
 *       (events per tracked batch);
 *   <li>{@code .gaps.open} (gauge: gaps this engine is holding), {@code .gaps.expired} (given up after the timeout),
 *       {@code .gaps.skipped} (numbers of failed appends marked so trackers step over them).
 * </ul>
 */
final class EventStoreMetrics {

    final Timer appendOk;
    final Timer appendConflict;
    final Timer appendError;
    final Counter eventsAppended;
    final Timer readAggregate;
    final Timer readTracked;
    final DistributionSummary trackedBatchSize;
    final Counter gapsExpired;
    final Counter gapsSkipped;
    final Counter orderWaits;

    EventStoreMetrics(MeterRegistry registry, Supplier<Number> openGaps) {
        appendOk = appendTimer(registry, "ok");
        appendConflict = appendTimer(registry, "conflict");
        appendError = appendTimer(registry, "error");
        eventsAppended = Counter.builder("hoshi.eventstore.events.appended")
                .description("Events written to the store")
                .register(registry);
        readAggregate = Timer.builder("hoshi.eventstore.read.aggregate")
                .description("One batch of an aggregate's events, read by _id")
                .register(registry);
        readTracked = Timer.builder("hoshi.eventstore.read.tracked")
                .description("One batch of the global stream, read by global sequence number")
                .register(registry);
        trackedBatchSize = DistributionSummary.builder("hoshi.eventstore.read.events")
                .description("Events returned per tracked batch")
                .register(registry);
        gapsExpired = Counter.builder("hoshi.eventstore.gaps.expired")
                .description("Gaps given up after the gap timeout")
                .register(registry);
        gapsSkipped = Counter.builder("hoshi.eventstore.gaps.skipped")
                .description("Reserved numbers of failed appends, marked so that trackers step over them")
                .register(registry);
        orderWaits = Counter.builder("hoshi.eventstore.order.waits")
                .description("Tracked reads that stopped before numbers reserved moments ago and not yet written,"
                        + " to deliver events in global sequence order")
                .register(registry);
        Gauge.builder("hoshi.eventstore.gaps.open", openGaps)
                .description("Gaps this engine has seen open and not yet filled or given up")
                .register(registry);
    }

    private static Timer appendTimer(MeterRegistry registry, String outcome) {
        return Timer.builder("hoshi.eventstore.append")
                .description("One append of a unit of work's events")
                .tag("outcome", outcome)
                .register(registry);
    }
}
