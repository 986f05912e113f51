package dev.hoshi.platform.axon;

import dev.hoshi.eventstore.HoshiEventStorageEngine;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;

/**
 * Per processing group, how far its processor is behind the event store, from the segments this instance holds:
 *
 * <ul>
 *   <li>{@code hoshi.processor.lag} (events, tag {@code processor}): the highest reserved global sequence number (one
 *       point look-up of the counter) minus the lowest position of the held segments; 0 when only gaps and skip
 *       markers follow that position ({@link HoshiEventStorageEngine#backlogAfter});
 *   <li>{@code hoshi.processor.oldest.unprocessed.age} (seconds, tag {@code processor}): how long ago the first event
 *       after that position was stored (at most one batch of point look-ups on the unique global sequence, no scan);
 *       0 when caught up, and when that event is further than one batch away (the lag says enough then).
 * </ul>
 *
 * <p>Both are {@code NaN} while this instance holds no segment of the processor (another replica does: take the
 * maximum over instances). Reserved numbers not (yet) written count as lag. One reading serves both gauges for a
 * second, so one scrape costs at most two look-ups per processor.
 */
public final class ProcessorLagMeters {

    static final String LAG = "hoshi.processor.lag";
    static final String OLDEST_UNPROCESSED_AGE = "hoshi.processor.oldest.unprocessed.age";
    private static final Duration READING_VALID_FOR = Duration.ofSeconds(1);

    private final EventProcessingConfiguration processing;
    private final HoshiEventStorageEngine engine;
    private final Clock clock;
    private final Map<String, Reading> readings = new ConcurrentHashMap<>();

    record Reading(double lag, double ageSeconds, Instant at) {}

    public ProcessorLagMeters(EventProcessingConfiguration processing, HoshiEventStorageEngine engine, Clock clock) {
        this.processing = processing;
        this.engine = engine;
        this.clock = clock;
    }

    /** Registers both gauges for every streaming processor; called once Axon has built its processors. */
    public void bindTo(MeterRegistry registry) {
        processing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor streaming) {
                Gauge.builder(LAG, () -> reading(name, streaming).lag())
                        .description("Events in the store this processor's held segments have not reached yet")
                        .baseUnit("events")
                        .tag("processor", name)
                        .register(registry);
                TimeGauge.builder(
                                OLDEST_UNPROCESSED_AGE,
                                () -> reading(name, streaming).ageSeconds(),
                                TimeUnit.SECONDS)
                        .description("Age of the oldest event this processor's held segments have not processed")
                        .tag("processor", name)
                        .register(registry);
            }
        });
    }

    Reading reading(String name, StreamingEventProcessor processor) {
        Instant now = clock.instant();
        return readings.compute(
                name,
                (key, last) -> last != null
                                && last.at().plus(READING_VALID_FOR).isAfter(now)
                                && !last.at().isAfter(now)
                        ? last
                        : read(processor, now));
    }

    private Reading read(StreamingEventProcessor processor, Instant now) {
        Map<Integer, EventTrackerStatus> held = processor.processingStatus();
        if (held.isEmpty()) {
            return new Reading(Double.NaN, Double.NaN, now);
        }
        long lowest = Long.MAX_VALUE;
        for (EventTrackerStatus status : held.values()) {
            OptionalLong position = status.getCurrentPosition();
            lowest = Math.min(lowest, position.orElse(0L));
        }
        HoshiEventStorageEngine.Backlog backlog = engine.backlogAfter(lowest);
        double age = backlog.oldestStored()
                .map(stored -> Math.max(0, Duration.between(stored, now).toMillis()) / 1000.0)
                .orElse(0.0);
        return new Reading(backlog.numbers(), age, now);
    }
}
