package dev.hoshi.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.hoshi.eventstore.HoshiEventStorageEngine;
import dev.hoshi.testsupport.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;

/** The lag gauges read the held segments' lowest position and the store's backlog after it, once a second. */
class ProcessorLagMetersTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T00:00:00Z"));
    private final HoshiEventStorageEngine engine = mock(HoshiEventStorageEngine.class);
    private final StreamingEventProcessor processor = mock(StreamingEventProcessor.class);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    ProcessorLagMetersTest() {
        EventProcessingConfiguration processing = mock(EventProcessingConfiguration.class);
        when(processing.eventProcessors()).thenReturn(Map.<String, EventProcessor>of("orders-view", processor));
        new ProcessorLagMeters(processing, engine, clock).bindTo(registry);
    }

    @Test
    void lagIsTheBacklogAfterTheSlowestHeldSegmentAndAgeItsOldestEvent() {
        Map<Integer, EventTrackerStatus> held = Map.of(0, at(120), 1, at(100));
        when(processor.processingStatus()).thenReturn(held);
        when(engine.backlogAfter(100))
                .thenReturn(new HoshiEventStorageEngine.Backlog(
                        40, Optional.of(clock.instant().minus(Duration.ofSeconds(90)))));

        assertThat(lag()).isEqualTo(40);
        assertThat(age()).isEqualTo(90);

        // one reading serves the scrape; a second later the store is asked again
        when(engine.backlogAfter(100)).thenReturn(new HoshiEventStorageEngine.Backlog(0, Optional.empty()));
        assertThat(lag()).isEqualTo(40);
        clock.advance(Duration.ofMillis(1500));
        assertThat(lag()).isZero();
        assertThat(age()).isZero();
    }

    @Test
    void withoutAHeldSegmentThereIsNoReading() {
        when(processor.processingStatus()).thenReturn(Map.of());

        assertThat(lag()).isNaN();
        assertThat(age()).isNaN();
    }

    private double lag() {
        return registry.get("hoshi.processor.lag")
                .tag("processor", "orders-view")
                .gauge()
                .value();
    }

    private double age() {
        return registry.get("hoshi.processor.oldest.unprocessed.age")
                .tag("processor", "orders-view")
                .timeGauge()
                .value(TimeUnit.SECONDS);
    }

    private static EventTrackerStatus at(long position) {
        EventTrackerStatus status = mock(EventTrackerStatus.class);
        when(status.getCurrentPosition()).thenReturn(OptionalLong.of(position));
        return status;
    }
}
