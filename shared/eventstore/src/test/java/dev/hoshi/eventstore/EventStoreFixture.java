package dev.hoshi.eventstore;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import dev.hoshi.testsupport.MutableClock;
import dev.hoshi.testsupport.TestMongo;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.MetaData;
import org.bson.Document;

/** A fresh event store database per test, the engine over it, and helpers to make and read events. */
final class EventStoreFixture {

    record ThingHappened(String thing, long n) {}

    static final String AGGREGATE_TYPE = "Thing";

    final TestMongo mongo = TestMongo.get();
    final EventStoreCollections collections = EventStoreCollections.in(mongo.freshDatabaseName("es"));
    final MutableClock clock = MutableClock.startingNow();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final Duration gapTimeout = Duration.ofSeconds(60);
    final Duration orderWait = Duration.ofSeconds(2);

    HoshiEventStorageEngine engine() {
        return builder().build();
    }

    HoshiEventStorageEngine.Builder builder() {
        return HoshiEventStorageEngine.builder()
                .mongoClient(mongo.client())
                .collections(collections)
                .clock(clock)
                .gapTimeout(gapTimeout)
                .orderWait(orderWait)
                .meterRegistry(meters);
    }

    /** Tracked reads that stopped before an append in flight (the engine's meter). */
    double orderWaits() {
        return meters.get("hoshi.eventstore.order.waits").counter().count();
    }

    MongoDatabase database() {
        return mongo.client().getDatabase(collections.database());
    }

    MongoCollection<Document> eventsCollection() {
        return database().getCollection(collections.events());
    }

    static DomainEventMessage<ThingHappened> event(String aggregateId, long seq) {
        return new GenericDomainEventMessage<>(
                AGGREGATE_TYPE,
                aggregateId,
                seq,
                new ThingHappened(aggregateId, seq),
                MetaData.with("tenantId", "tenant-1").and("correlationId", "c-" + aggregateId));
    }

    static List<DomainEventMessage<?>> events(String aggregateId, long fromSeq, int count) {
        return LongStream.range(fromSeq, fromSeq + count)
                .mapToObj(seq -> event(aggregateId, seq))
                .collect(Collectors.toList());
    }

    /** Everything the engine streams after {@code token}, read the way a tracking processor reads. */
    static List<TrackedEventMessage<?>> readAll(HoshiEventStorageEngine engine, TrackingToken token) {
        try (Stream<? extends TrackedEventMessage<?>> stream = engine.readEvents(token, false)) {
            return new ArrayList<>(stream.collect(Collectors.toList()));
        }
    }

    static long globalIndex(TrackedEventMessage<?> event) {
        return event.trackingToken().position().orElseThrow();
    }

    static Map<String, Object> meta(TrackedEventMessage<?> event) {
        return event.getMetaData();
    }
}
