package dev.hoshi.eventstore;

import static dev.hoshi.eventstore.EventStoreFixture.events;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hoshi.eventstore.EventStoreFixture.ThingHappened;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The engine under Axon's own event store and pooled streaming processor, as services run it. */
class TrackingProcessorIT {

    private final EventStoreFixture fixture = new EventStoreFixture();
    private final HoshiEventStorageEngine engine = fixture.engine();
    private final EmbeddedEventStore eventStore = EmbeddedEventStore.builder()
            .storageEngine(engine)
            .fetchDelay(50)
            .cleanupDelay(1000)
            .build();
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final InMemoryTokenStore tokens = new InMemoryTokenStore();
    private final ExecutorService appenders = Executors.newFixedThreadPool(4);
    private PooledStreamingEventProcessor processor;

    record Delivery(String eventId, ThingHappened payload, TrackingToken token) {}

    @AfterEach
    void stop() {
        appenders.shutdownNow();
        if (processor != null) {
            processor.shutDown();
        }
        eventStore.shutDown();
    }

    @Test
    void everyEventAppendedConcurrentlyIsDeliveredExactlyOnceInGlobalOrder() throws Exception {
        processor = startProcessor();
        int threads = 4;
        int aggregatesPerThread = 10;
        int eventsPerAggregate = 30;
        List<Future<?>> work = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            work.add(appenders.submit(() -> {
                Map<String, Long> next = new HashMap<>();
                for (int a = 0; a < aggregatesPerThread; a++) {
                    next.put("agg-" + thread + "-" + a, 0L);
                }
                List<String> open = new ArrayList<>(next.keySet());
                while (!open.isEmpty()) {
                    String aggregate = open.get(ThreadLocalRandom.current().nextInt(open.size()));
                    long from = next.get(aggregate);
                    int count = (int) Math.min(1 + ThreadLocalRandom.current().nextInt(3), eventsPerAggregate - from);
                    engine.appendEvents(events(aggregate, from, count));
                    next.put(aggregate, from + count);
                    if (from + count == eventsPerAggregate) {
                        open.remove(aggregate);
                    }
                }
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        int total = threads * aggregatesPerThread * eventsPerAggregate;

        await().atMost(Duration.ofSeconds(60)).until(() -> deliveries.size() >= total);
        Thread.sleep(300); // anything delivered twice would show up now

        assertThat(deliveries).hasSize(total);
        assertThat(deliveries.stream().map(Delivery::eventId).collect(Collectors.toSet()))
                .hasSize(total);
        Map<String, List<Long>> perAggregate = deliveries.stream()
                .collect(Collectors.groupingBy(
                        d -> d.payload().thing(),
                        Collectors.mapping(d -> d.payload().n(), Collectors.toList())));
        assertThat(perAggregate).hasSize(threads * aggregatesPerThread);
        perAggregate.forEach((aggregate, seqs) -> assertThat(seqs)
                .as("events of %s in sequence", aggregate)
                .isSorted()
                .hasSize(eventsPerAggregate));
        assertGlobalOrder();
    }

    /**
     * Delivery follows the global sequence exactly: a number reserved but not yet written when a later one was read
     * is waited for, not turned into a gap (the fixture's clock stands still, so no number outlives the order wait).
     */
    private void assertGlobalOrder() {
        Map<String, Long> globalSeq = new HashMap<>();
        for (Document d : fixture.eventsCollection().find().into(new ArrayList<>())) {
            if (d.getString("eventId") != null) {
                globalSeq.put(d.getString("eventId"), d.getLong("globalSeq"));
            }
        }
        List<Long> delivered = new ArrayList<>();
        for (Delivery delivery : deliveries) {
            delivered.add(globalSeq.get(delivery.eventId()));
            assertThat(((GapAwareTrackingToken) WrappedToken.unwrapLowerBound(delivery.token())).getGaps())
                    .isEmpty();
        }
        assertThat(delivered).isSorted();
        System.out.printf(
                "[eventstore] %d deliveries in global order, %.0f reads waited for an append in flight%n",
                deliveries.size(), fixture.orderWaits());
    }

    @Test
    void aReservedNumberThatIsNeverWrittenHoldsBackTheEventsAfterItForTheOrderWaitOnly() {
        processor = startProcessor();
        engine.appendEvents(events("before", 0, 1));
        await().atMost(Duration.ofSeconds(10)).until(() -> deliveries.size() == 1);
        engine.reserveForTest(1); // a writer that died after reserving its number
        engine.appendEvents(events("after", 0, 5));

        // the processor waits for the number, as for an append in flight...
        await().atMost(Duration.ofSeconds(10)).until(() -> fixture.orderWaits() >= 1);
        assertThat(deliveries).hasSize(1);
        // ...for the order wait (2 s), not the gap timeout (60 s): then the events behind the hole arrive
        fixture.clock.advance(fixture.orderWait);
        await().atMost(Duration.ofSeconds(10)).until(() -> deliveries.size() == 6);
        assertThat(deliveries)
                .extracting(d -> d.payload().thing())
                .containsExactly("before", "after", "after", "after", "after", "after");
    }

    @Test
    void aReplayFromTheTailAfterATokenResetDeliversEverythingAgain() {
        processor = startProcessor();
        engine.appendEvents(events("r1", 0, 20));
        engine.appendEvents(events("r2", 0, 20));
        await().atMost(Duration.ofSeconds(20)).until(() -> deliveries.size() == 40);
        Set<String> firstPass = deliveries.stream().map(Delivery::eventId).collect(Collectors.toSet());

        processor.shutDown();
        processor.resetTokens();
        deliveries.clear();
        processor.start();

        await().atMost(Duration.ofSeconds(20)).until(() -> deliveries.size() == 40);
        assertThat(new HashSet<>(deliveries.stream().map(Delivery::eventId).toList()))
                .isEqualTo(firstPass);
        engine.appendEvents(events("r3", 0, 1));
        await().atMost(Duration.ofSeconds(20)).until(() -> deliveries.size() == 41);
    }

    private PooledStreamingEventProcessor startProcessor() {
        EventMessageHandler handler = new EventMessageHandler() {
            @Override
            public Object handle(EventMessage<?> event) {
                TrackedEventMessage<?> tracked = (TrackedEventMessage<?>) event;
                deliveries.add(new Delivery(
                        event.getIdentifier(), (ThingHappened) event.getPayload(), tracked.trackingToken()));
                return null;
            }

            @Override
            public boolean supportsReset() {
                return true;
            }
        };
        PooledStreamingEventProcessor p = PooledStreamingEventProcessor.builder()
                .name("test-projection")
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder()
                        .eventHandlers(handler)
                        .build())
                .messageSource(eventStore)
                .tokenStore(tokens)
                .transactionManager(NoTransactionManager.INSTANCE)
                .coordinatorExecutor(Executors.newSingleThreadScheduledExecutor())
                .workerExecutor(Executors.newSingleThreadScheduledExecutor())
                .initialSegmentCount(1)
                .batchSize(50)
                .tokenClaimInterval(200)
                .build();
        p.start();
        return p;
    }
}
