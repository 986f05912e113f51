package dev.hoshi.eventstore;

import static dev.hoshi.eventstore.EventStoreFixture.event;
import static dev.hoshi.eventstore.EventStoreFixture.events;
import static dev.hoshi.eventstore.EventStoreFixture.readAll;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hoshi.eventstore.EventStoreFixture.ThingHappened;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.snapshotting.RevisionSnapshotFilter;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class AppendAndReadIT {

    private final EventStoreFixture fixture = new EventStoreFixture();
    private final HoshiEventStorageEngine engine = fixture.engine();

    @Test
    void appendedEventsReadBackByAggregateWithPayloadAndMetadata() {
        engine.appendEvents(events("a1", 0, 3));

        List<DomainEventMessage<?>> read = engine.readEvents("a1").asStream().collect(Collectors.toList());

        assertThat(read).extracting(DomainEventMessage::getSequenceNumber).containsExactly(0L, 1L, 2L);
        assertThat(read)
                .extracting(e -> (Object) e.getPayload())
                .containsExactly(new ThingHappened("a1", 0), new ThingHappened("a1", 1), new ThingHappened("a1", 2));
        assertThat(read.get(0).getMetaData())
                .containsEntry("tenantId", "tenant-1")
                .containsEntry("correlationId", "c-a1");
        assertThat(read.get(0).getType()).isEqualTo(EventStoreFixture.AGGREGATE_TYPE);
        assertThat(engine.readEvents("a1", 2).asStream()).hasSize(1);
        assertThat(engine.readEvents("nobody").asStream()).isEmpty();
    }

    @Test
    void aTenantsHistoryIsEveryEventOfItsOwnOldestFirstPastAReadBatch() {
        // 250 events of tenant-1 on two aggregates, interleaved with another tenant's, more than a read batch
        for (int seq = 0; seq < 125; seq++) {
            engine.appendEvents(event("a1", seq), event("a2", seq));
            engine.appendEvents(new GenericDomainEventMessage<>(
                    EventStoreFixture.AGGREGATE_TYPE,
                    "other",
                    seq,
                    new ThingHappened("other", seq),
                    MetaData.with("tenantId", "tenant-2")));
        }

        List<Document> history = new java.util.ArrayList<>();
        engine.readTenantHistory("tenant-1", history::add);

        assertThat(history).hasSize(250);
        assertThat(history).extracting(d -> d.getString("aggregateId")).containsOnly("a1", "a2");
        assertThat(history)
                .extracting(d -> ((Number) d.get("globalSeq")).longValue())
                .isSorted()
                .doesNotHaveDuplicates();
        Document first = history.get(0);
        assertThat(first.get("payload", Document.class)).containsEntry("thing", "a1");
        assertThat(first.get("metaData", Document.class)).containsEntry("tenantId", "tenant-1");
        List<Document> none = new java.util.ArrayList<>();
        engine.readTenantHistory("tenant-3", none::add);
        assertThat(none).isEmpty();
    }

    @Test
    void eachEventIsOneDocumentKeyedByAggregateAndSequenceWithAGlobalNumber() {
        engine.appendEvents(events("a1", 0, 2));
        engine.appendEvents(events("b1", 0, 1));

        List<Document> docs = fixture.eventsCollection().find().into(new java.util.ArrayList<>());

        assertThat(docs).extracting(d -> d.get("_id")).containsExactlyInAnyOrder("a1:0", "a1:1", "b1:0");
        assertThat(docs).extracting(d -> d.get("globalSeq")).containsExactlyInAnyOrder(1L, 2L, 3L);
        assertThat(docs).allSatisfy(d -> assertThat(d.getString("tenantId")).isEqualTo("tenant-1"));
        assertThat(docs.get(0).getString("payload")).startsWith("{");
    }

    @Test
    void aggregateStreamsLongerThanABatchAreReadCompletely() {
        HoshiEventStorageEngine smallBatches = fixture.builder().batchSize(7).build();
        smallBatches.appendEvents(events("long", 0, 50));

        assertThat(smallBatches.readEvents("long").asStream().map(DomainEventMessage::getSequenceNumber))
                .containsExactlyElementsOf(
                        java.util.stream.LongStream.range(0, 50).boxed().toList());
    }

    @Test
    void aggregateStreamsAreReadInGrowingWindowsWithoutLosingAnEvent() {
        for (int n : new int[] {15, 16, 17, 80, 81, 300}) {
            engine.appendEvents(events("grow" + n, 0, n));

            assertThat(engine.readEvents("grow" + n).asStream().map(DomainEventMessage::getSequenceNumber))
                    .as("aggregate of %d events", n)
                    .containsExactlyElementsOf(
                            java.util.stream.LongStream.range(0, n).boxed().toList());
            assertThat(engine.readEvents("grow" + n, n - 1).asStream()).hasSize(1);
        }
    }

    @Test
    void theGlobalStreamDeliversEveryEventInOrderWithGapAwareTokens() {
        engine.appendEvents(events("a1", 0, 2));
        engine.appendEvents(events("b1", 0, 2));

        List<TrackedEventMessage<?>> stream = readAll(engine, null);

        assertThat(stream)
                .extracting(e -> ((ThingHappened) e.getPayload()).thing())
                .containsExactly("a1", "a1", "b1", "b1");
        assertThat(stream).extracting(e -> e.trackingToken()).allSatisfy(t -> assertThat(t)
                .isInstanceOf(GapAwareTrackingToken.class));
        assertThat(stream)
                .extracting(e -> ((GapAwareTrackingToken) e.trackingToken()).getIndex())
                .containsExactly(1L, 2L, 3L, 4L);
        assertThat(readAll(engine, stream.get(1).trackingToken())).hasSize(2);
        assertThat(readAll(engine, stream.get(3).trackingToken())).isEmpty();
    }

    @Test
    void eventsWithoutAnAggregateAreStoredAndStreamedToo() {
        engine.appendEvents(GenericEventMessage.asEventMessage(new ThingHappened("loose", 7)));

        List<TrackedEventMessage<?>> stream = readAll(engine, null);

        assertThat(stream).singleElement().satisfies(e -> {
            assertThat(e.getPayload()).isEqualTo(new ThingHappened("loose", 7));
            assertThat(e).isNotInstanceOf(DomainEventMessage.class);
        });
    }

    @Test
    void lastSequenceNumberIsFoundWithoutReadingTheWholeStream() {
        engine.appendEvents(events("a1", 0, 1));
        for (int from = 0; from < 1234; from += 100) {
            engine.appendEvents(events("big", from, Math.min(100, 1234 - from)));
        }

        assertThat(engine.lastSequenceNumberFor("a1")).contains(0L);
        assertThat(engine.lastSequenceNumberFor("big")).contains(1233L);
        assertThat(engine.lastSequenceNumberFor("nobody")).isEmpty();
        for (int n : new int[] {2, 3, 4, 5, 63, 64, 65, 127, 128, 129, 1000}) {
            engine.appendEvents(events("len" + n, 0, n));
            assertThat(engine.lastSequenceNumberFor("len" + n))
                    .as("aggregate with %d events", n)
                    .contains((long) n - 1);
        }
    }

    @Test
    void theSequenceContinuesAfterARestartOfTheEngine() {
        engine.appendEvents(events("a1", 0, 3));

        HoshiEventStorageEngine restarted = fixture.engine();
        restarted.appendEvents(events("a1", 3, 2));

        assertThat(fixture.eventsCollection().find().into(new java.util.ArrayList<>()))
                .extracting(d -> d.get("globalSeq"))
                .containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L);
        assertThat(readAll(restarted, null))
                .extracting(e -> ((ThingHappened) e.getPayload()).n())
                .containsExactly(0L, 1L, 2L, 3L, 4L);
    }

    @Test
    void snapshotsRoundTripAndAnOlderOneNeverReplacesTheStoredOne() {
        engine.appendEvents(events("s1", 0, 10));

        engine.storeSnapshot(snapshot("s1", 5));
        assertThat(engine.readSnapshot("s1")).hasValueSatisfying(s -> {
            assertThat(s.getSequenceNumber()).isEqualTo(5L);
            assertThat(s.getPayload()).isEqualTo(new ThingHappened("snapshot", 5));
        });

        engine.storeSnapshot(snapshot("s1", 3));
        assertThat(engine.readSnapshot("s1"))
                .map(DomainEventMessage::getSequenceNumber)
                .contains(5L);

        engine.storeSnapshot(snapshot("s1", 8));
        assertThat(engine.readSnapshot("s1"))
                .map(DomainEventMessage::getSequenceNumber)
                .contains(8L);
        assertThat(engine.readSnapshot("nobody")).isEmpty();
    }

    @Test
    void theSnapshotsCompareAndSetFilterHasAUniqueIndexWithExactlyItsKeys() {
        fixture.engine().ensureIndexes(); // again, as at a restart: changes nothing

        List<Document> unique = new ArrayList<>();
        fixture.database()
                .getCollection(fixture.collections.snapshots())
                .listIndexes()
                .forEach(index -> {
                    if (Boolean.TRUE.equals(index.getBoolean("unique"))) {
                        Document key = new Document();
                        index.get("key", Document.class)
                                .forEach((field, order) -> key.put(field, ((Number) order).intValue()));
                        unique.add(key);
                    }
                });
        assertThat(unique).contains(new Document("_id", 1).append("seq", 1));
    }

    @Test
    void aSnapshotTakenAtTheSameSequenceNumberReplacesTheStoredOne() {
        engine.appendEvents(events("s4", 0, 10));
        engine.storeSnapshot(snapshot("s4", 9));

        engine.storeSnapshot(new GenericDomainEventMessage<>(
                EventStoreFixture.AGGREGATE_TYPE, "s4", 9, new ThingHappened("fresh snapshot", 9)));

        assertThat(engine.readSnapshot("s4"))
                .map(s -> (Object) s.getPayload())
                .contains(new ThingHappened("fresh snapshot", 9));
    }

    @Test
    void aSnapshotTheFilterRejectsIsNotUsedAndTheAggregateIsReadFromItsFirstEvent() {
        SnapshotFilter onlyRevision2 = RevisionSnapshotFilter.builder()
                .type(EventStoreFixture.AGGREGATE_TYPE)
                .revision("2")
                .build();
        HoshiEventStorageEngine filtering =
                fixture.builder().snapshotFilter(onlyRevision2).build();
        filtering.appendEvents(events("s5", 0, 10));
        filtering.storeSnapshot(snapshot("s5", 5)); // ThingHappened carries no @Revision

        assertThat(filtering.readSnapshot("s5")).isEmpty();
        assertThat(sequenceNumbersLoadedBy(filtering, "s5")).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
    }

    @Test
    void aSnapshotThatCannotBeDeserializedIsSkippedAndTheAggregateIsReadFromItsFirstEvent() {
        engine.appendEvents(events("s6", 0, 10));
        engine.storeSnapshot(snapshot("s6", 5));
        fixture.database()
                .getCollection(fixture.collections.snapshots())
                .updateOne(
                        new Document("_id", "s6"),
                        new Document("$set", new Document("payload", "{\"thing\": {\"not\": \"a string\"}}")));

        assertThat(sequenceNumbersLoadedBy(engine, "s6")).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
    }

    @Test
    void theEventStoreLoadsAnAggregateFromItsSnapshotPlusTheEventsAfterIt() {
        engine.appendEvents(events("s2", 0, 10));
        engine.storeSnapshot(snapshot("s2", 5));
        EmbeddedEventStore store =
                EmbeddedEventStore.builder().storageEngine(engine).build();
        try {
            DomainEventStream stream = store.readEvents("s2");

            assertThat(stream.asStream().map(DomainEventMessage::getSequenceNumber))
                    .containsExactly(5L, 6L, 7L, 8L, 9L);
        } finally {
            store.shutDown();
        }
    }

    @Test
    void tokensForHeadTailAndATimeFindTheirPositions() {
        assertThat(engine.createHeadToken()).isNull();
        assertThat(engine.createTailToken()).isNull();

        Instant start = Instant.now();
        engine.appendEvents(events("t1", 0, 3));
        long gapAt = engine.reserveForTest(1); // a writer still in flight at number 4
        Instant later = start.plus(Duration.ofHours(1));
        engine.appendEvents(new GenericDomainEventMessage<>(
                "Thing",
                "t1",
                3,
                new ThingHappened("t1", 3),
                org.axonframework.messaging.MetaData.emptyInstance(),
                java.util.UUID.randomUUID().toString(),
                later));

        GapAwareTrackingToken head = (GapAwareTrackingToken) engine.createHeadToken();
        assertThat(head.getIndex()).isEqualTo(5L);
        assertThat(head.getGaps()).containsExactly(gapAt);

        GapAwareTrackingToken atLater = (GapAwareTrackingToken) engine.createTokenAt(later);
        assertThat(readAll(engine, atLater))
                .extracting(e -> ((ThingHappened) e.getPayload()).n())
                .containsExactly(3L);
        assertThat(engine.createTokenAt(start.minusSeconds(60))).isNull();
        assertThat(engine.createTokenAt(later.plusSeconds(1))).isEqualTo(head);
    }

    @Test
    void upcastersSeeTheStoredJsonAndTurnOldShapesIntoNewOnes() {
        engine.appendEvents(events("u1", 0, 1));
        HoshiEventStorageEngine upcasting = fixture.builder()
                .upcasterChain(new ThingHappenedToNotedUpcaster())
                .build();

        List<DomainEventMessage<?>> read = upcasting.readEvents("u1").asStream().collect(Collectors.toList());

        assertThat(read).singleElement().satisfies(e -> assertThat(e.getPayload())
                .isEqualTo(new ThingNoted("u1", 0, "upcast")));
        assertThat(readAll(upcasting, null)).singleElement().satisfies(e -> assertThat(e.getPayload())
                .isInstanceOf(ThingNoted.class));
    }

    record ThingNoted(String thing, long n, String note) {}

    static final class ThingHappenedToNotedUpcaster extends SingleEventUpcaster {
        @Override
        protected boolean canUpcast(IntermediateEventRepresentation ir) {
            return ir.getType().getName().equals(ThingHappened.class.getName())
                    && ir.getType().getRevision() == null;
        }

        @Override
        protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation ir) {
            return ir.upcastPayload(new SimpleSerializedType(ThingNoted.class.getName(), "2"), JsonNode.class, node -> {
                ((ObjectNode) node).put("note", "upcast");
                return node;
            });
        }
    }

    @Test
    void appendsAndReadsAreMetered() {
        engine.appendEvents(events("m1", 0, 3));
        readAll(engine, null);
        engine.readEvents("m1").asStream().count();

        assertThat(fixture.meters
                        .get("hoshi.eventstore.events.appended")
                        .counter()
                        .count())
                .isEqualTo(3.0);
        assertThat(fixture.meters
                        .get("hoshi.eventstore.append")
                        .tag("outcome", "ok")
                        .timer()
                        .count())
                .isEqualTo(1);
        assertThat(fixture.meters.get("hoshi.eventstore.read.tracked").timer().count())
                .isPositive();
        assertThat(fixture.meters.get("hoshi.eventstore.read.aggregate").timer().count())
                .isPositive();
        assertThat(fixture.meters.get("hoshi.eventstore.gaps.open").gauge().value())
                .isZero();
    }

    /** What Axon's event store hands a repository to load {@code aggregateId}: snapshot (if used), then events. */
    private static List<Long> sequenceNumbersLoadedBy(HoshiEventStorageEngine engine, String aggregateId) {
        EmbeddedEventStore store =
                EmbeddedEventStore.builder().storageEngine(engine).build();
        try {
            return store.readEvents(aggregateId)
                    .asStream()
                    .peek(DomainEventMessage::getPayload) // as a repository does: every payload is read
                    .map(DomainEventMessage::getSequenceNumber)
                    .collect(Collectors.toList());
        } finally {
            store.shutDown();
        }
    }

    private static DomainEventMessage<ThingHappened> snapshot(String aggregateId, long seq) {
        return new GenericDomainEventMessage<>(
                EventStoreFixture.AGGREGATE_TYPE, aggregateId, seq, new ThingHappened("snapshot", seq));
    }
}
