package dev.hoshi.eventstore;

import static dev.hoshi.eventstore.EventDocuments.GLOBAL_SEQ;
import static dev.hoshi.eventstore.EventDocuments.ID;
import static dev.hoshi.eventstore.EventDocuments.SEQ;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoException;
import com.mongodb.client.ClientSession;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.ReplaceOptions;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.Spliterators;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.axonframework.common.AxonConfigurationException;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.BatchingEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hoshi's MongoDB event storage engine for Axon 4: Axon's {@link BatchingEventStorageEngine} over three collections
 * (see the package documentation), with the semantics of Axon's {@code JdbcEventStorageEngine} and every hot-path
 * read done as a batch of point look-ups on a unique key.
 *
 * <ul>
 *   <li><b>Append.</b> Reserve as many global sequence numbers as there are events ({@code $inc} on the counter),
 *       then write all events as one ordered insert, inside a transaction where the server supports them. A
 *       duplicate {@code _id} is Axon's concurrency failure. When an append fails, its numbers are marked as skipped
 *       so trackers step over them at once; the insert is ordered, so a conflict on the first event (the usual case)
 *       writes nothing.
 *   <li><b>Aggregate read.</b> {@code _id $in [id:n .. id:n+batch)}, batch after batch, after the latest snapshot.
 *   <li><b>Tracking read.</b> {@code globalSeq $in (token gaps ∪ [index+1 .. index+batch])}. A missing number
 *       reserved less than {@code orderWait} ago (an append in flight) ends the batch before it, so events are
 *       delivered in global sequence order, the order a rebuild replays ({@link RecentReservations}). Older missing
 *       numbers become gaps of the {@link GapAwareTrackingToken}; a gap that stays open for longer than
 *       {@code gapTimeout} (on this process's clock) is given up. When a whole window is empty but the counter is
 *       further ahead, the read steps on window by window (Axon's "extended gap check").
 * </ul>
 */
public class HoshiEventStorageEngine extends BatchingEventStorageEngine {

    private static final Logger log = LoggerFactory.getLogger(HoshiEventStorageEngine.class);

    private static final long LOWEST_GLOBAL_SEQUENCE = 1;
    private static final int FIRST_AGGREGATE_WINDOW = 16;

    private final MongoClient client;
    private final MongoCollection<Document> events;
    private final MongoCollection<Document> snapshots;
    private final GlobalSequence sequence;
    private final boolean transactions;
    private final int maxGapOffset;
    private final GapObservations gaps;
    private final RecentReservations reservations;
    private volatile boolean waitingForAppends;
    private final EventStoreMetrics metrics;
    private final Comparator<Document> byGlobalSeq = Comparator.comparingLong(EventDocuments::globalSeq);

    protected HoshiEventStorageEngine(Builder builder) {
        super(builder);
        this.client = builder.client;
        MongoDatabase db = client.getDatabase(builder.collections.database());
        this.events = db.getCollection(builder.collections.events());
        this.snapshots = db.getCollection(builder.collections.snapshots());
        this.sequence = new GlobalSequence(db.getCollection(builder.collections.counters()));
        this.transactions = builder.transactions.resolve(client);
        this.maxGapOffset = builder.maxGapOffset;
        this.gaps = new GapObservations(builder.clock, builder.gapTimeout);
        this.metrics = new EventStoreMetrics(builder.meterRegistry, gaps::size);
        if (builder.createIndexes) {
            ensureIndexes();
        }
        // numbers reserved before this engine started count as old: a replay does not wait for them
        this.reservations =
                new RecentReservations(builder.clock, min(builder.orderWait, builder.gapTimeout), sequence.current());
        log.info(
                "Hoshi event store on database '{}': appends {}",
                builder.collections.database(),
                transactions ? "in transactions" : "without transactions (gap-tracked)");
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Creates the unique index on the global sequence number, the one with exactly the keys of the snapshots'
     * compare-and-set filter ({@code _id}, {@code seq}: unique because {@code _id} is), and one for a tenant's history
     * in order ({@link #readTenantHistory}; the embedded server ignores it and scans); idempotent.
     */
    public void ensureIndexes() {
        events.createIndex(
                new Document(GLOBAL_SEQ, 1), new IndexOptions().unique(true).name("globalSeq_unique"));
        events.createIndex(
                new Document(EventDocuments.TENANT_ID, 1).append(GLOBAL_SEQ, 1),
                new IndexOptions().name("tenant_history"));
        snapshots.createIndex(new Document(ID, 1).append(SEQ, 1), new IndexOptions().unique(true));
    }

    /**
     * Every stored event of one tenant, every service's, oldest first, as stored: the document with its payload and
     * metadata parsed from the serializer's JSON text into documents (an organisation's export of its whole record).
     * Skip markers are no events and are left out. On MongoDB it reads the {@code tenant_history} index; on the
     * embedded server, which has no secondary indexes, it scans the events collection.
     */
    public void readTenantHistory(String tenantId, Consumer<Document> each) {
        for (Document stored :
                events.find(Filters.eq(EventDocuments.TENANT_ID, tenantId)).sort(new Document(GLOBAL_SEQ, 1))) {
            Document event = new Document(stored);
            event.put(EventDocuments.PAYLOAD, parsed(stored.get(EventDocuments.PAYLOAD)));
            event.put(EventDocuments.METADATA, parsed(stored.get(EventDocuments.METADATA)));
            each.accept(event);
        }
    }

    private static Object parsed(Object json) {
        return json instanceof String text && text.startsWith("{") ? Document.parse(text) : json;
    }

    /** Whether appends run inside MongoDB transactions (a replica set) or rely on gap tracking alone. */
    public boolean usesTransactions() {
        return transactions;
    }

    // ---------------------------------------------------------------- append

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        if (events.isEmpty()) {
            return;
        }
        Timer.Sample sample = Timer.start();
        long first = sequence.reserve(events.size());
        try {
            write(events, first, serializer);
            sample.stop(metrics.appendOk);
            metrics.eventsAppended.increment(events.size());
        } catch (ConcurrencyException e) {
            sample.stop(metrics.appendConflict);
            throw e;
        } catch (RuntimeException e) {
            sample.stop(metrics.appendError);
            throw e;
        }
    }

    /**
     * Writes {@code events} under the already reserved numbers {@code [first, first + events.size())}. Package
     * visible so tests can play a writer that reserved its numbers and writes them late.
     */
    void write(List<? extends EventMessage<?>> batch, long first, Serializer serializer) {
        List<Document> docs = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            docs.add(EventDocuments.toDocument(batch.get(i), first + i, serializer));
        }
        try {
            if (transactions) {
                try (ClientSession session = client.startSession()) {
                    session.withTransaction(() -> events.insertMany(session, docs, ordered()));
                }
            } else {
                events.insertMany(docs, ordered());
            }
        } catch (MongoBulkWriteException e) {
            int written = transactions ? 0 : firstFailedIndex(e);
            undoPartialWrite(docs.subList(0, written));
            markSkipped(first, batch.size());
            handlePersistenceException(e, batch.get(written));
        } catch (MongoException e) {
            if (e.hasErrorLabel(MongoException.TRANSIENT_TRANSACTION_ERROR_LABEL) || isAbortedTransaction(e)) {
                // the transaction was rolled back, so none of the numbers were written
                markSkipped(first, batch.size());
            }
            // otherwise the outcome is unknown (e.g. the connection broke): leave the numbers as gaps
            handlePersistenceException(e, batch.get(0));
        }
    }

    private boolean isAbortedTransaction(MongoException e) {
        return transactions && !e.hasErrorLabel(MongoException.UNKNOWN_TRANSACTION_COMMIT_RESULT_LABEL);
    }

    private static InsertManyOptions ordered() {
        return new InsertManyOptions().ordered(true);
    }

    private static int firstFailedIndex(MongoBulkWriteException e) {
        return e.getWriteErrors().isEmpty() ? 0 : e.getWriteErrors().get(0).getIndex();
    }

    /**
     * Without a transaction an ordered insert keeps the documents before the failing one. That happens only when one
     * unit of work appends to several aggregates and a later one conflicts; remove them again so the failed append
     * leaves nothing (a tracker may have seen them in the meantime, which is logged).
     */
    private void undoPartialWrite(List<Document> written) {
        if (written.isEmpty()) {
            return;
        }
        List<Object> ids = written.stream().map(d -> d.get(ID)).collect(Collectors.toList());
        events.deleteMany(new Document(ID, new Document("$in", ids)));
        log.warn(
                "An append without a transaction failed after writing {} of its events; they were removed again: {}",
                ids.size(),
                ids);
    }

    private void markSkipped(long first, int count) {
        List<Document> markers = LongStream.range(first, first + count)
                .mapToObj(EventDocuments::skipMarker)
                .collect(Collectors.toList());
        try {
            events.insertMany(markers, new InsertManyOptions().ordered(false));
            metrics.gapsSkipped.increment(count);
        } catch (MongoException e) {
            log.warn(
                    "Could not mark numbers {}..{} of a failed append as skipped; trackers will hold them as gaps"
                            + " until the gap timeout",
                    first,
                    first + count - 1,
                    e);
        }
    }

    // ---------------------------------------------------------------- snapshots

    /**
     * Stores an aggregate's snapshot in place of the one it has, unless that one is newer. One taken at the same
     * sequence number replaces it too: after a stored snapshot was skipped (a revision the aggregate no longer has,
     * or a payload that no longer reads), the aggregate is rebuilt from its events and its fresh snapshot may well be
     * taken at the very same number.
     */
    @Override
    protected void storeSnapshot(DomainEventMessage<?> snapshot, Serializer serializer) {
        Document doc = EventDocuments.toSnapshotDocument(snapshot, serializer);
        Object id = snapshot.getAggregateIdentifier();
        // compare-and-set on the exact sequence number read (the unique {_id, seq} index covers the filter, so it is
        // a point look-up on the embedded server too); a lost race is a duplicate _id: read again, try again
        while (true) {
            Document stored = snapshots
                    .find(new Document(ID, id))
                    .projection(new Document(SEQ, 1))
                    .first();
            if (stored != null && ((Number) stored.get(SEQ)).longValue() > snapshot.getSequenceNumber()) {
                return; // a newer one is there
            }
            try {
                if (stored == null) {
                    snapshots.insertOne(doc);
                } else {
                    snapshots.replaceOne(
                            new Document(ID, id).append(SEQ, stored.get(SEQ)), doc, new ReplaceOptions().upsert(true));
                }
                return;
            } catch (MongoException e) {
                if (!persistenceExceptionResolverSaysDuplicate(e)) {
                    throw new EventStoreException(
                            "Could not store the snapshot of aggregate " + snapshot.getAggregateIdentifier(), e);
                }
            }
        }
    }

    private static boolean persistenceExceptionResolverSaysDuplicate(MongoException e) {
        return new MongoPersistenceExceptionResolver().isDuplicateKeyViolation(e);
    }

    /**
     * The aggregate's snapshot, if it has one that the snapshot filter accepts, with its payload already read. Axon
     * reads payloads lazily, so a snapshot whose JSON no longer fits the aggregate would otherwise fail only when the
     * repository applies it, past the event store's {@code handleSnapshotReadingError}. Read here, the failure is
     * handled there: logged, the snapshot skipped and the aggregate rebuilt from all its events.
     */
    @Override
    public Optional<DomainEventMessage<?>> readSnapshot(String aggregateIdentifier) {
        Optional<DomainEventMessage<?>> snapshot = super.readSnapshot(aggregateIdentifier);
        snapshot.ifPresent(DomainEventMessage::getPayload);
        return snapshot;
    }

    @Override
    protected Stream<? extends DomainEventData<?>> readSnapshotData(String aggregateIdentifier) {
        Document doc = snapshots.find(new Document(ID, aggregateIdentifier)).first();
        return doc == null ? Stream.empty() : Stream.of(EventDocuments.toEventData(doc));
    }

    // ---------------------------------------------------------------- aggregate reads

    /**
     * An aggregate's events from {@code firstSequenceNumber} on, in windows of {@code _id}s that start small and grow
     * fourfold up to the batch size: most aggregates (or what follows their snapshot) are short, and asking for 100
     * ids to find 5 costs the embedded store's H2 backend a look-up per id.
     */
    @Override
    protected Stream<? extends DomainEventData<?>> readEventData(String identifier, long firstSequenceNumber) {
        return StreamSupport.stream(new AggregateSpliterator(identifier, firstSequenceNumber), false);
    }

    private final class AggregateSpliterator extends Spliterators.AbstractSpliterator<DomainEventData<?>> {

        private final String aggregateId;
        private long next;
        private int window = Math.min(FIRST_AGGREGATE_WINDOW, batchSize());
        private Iterator<? extends DomainEventData<?>> batch = Collections.emptyIterator();
        private boolean lastBatch;

        AggregateSpliterator(String aggregateId, long first) {
            super(Long.MAX_VALUE, ORDERED | NONNULL);
            this.aggregateId = aggregateId;
            this.next = first;
        }

        @Override
        public boolean tryAdvance(Consumer<? super DomainEventData<?>> action) {
            if (!batch.hasNext()) {
                if (lastBatch) {
                    return false;
                }
                List<? extends DomainEventData<?>> fetched = fetchDomainEvents(aggregateId, next, window);
                // an aggregate's numbers are contiguous, so a short window is the end of the stream
                lastBatch = fetched.size() < window;
                next += fetched.size();
                window = Math.min(window * 4, batchSize());
                batch = fetched.iterator();
                if (!batch.hasNext()) {
                    return false;
                }
            }
            action.accept(batch.next());
            return true;
        }
    }

    @Override
    protected List<? extends DomainEventData<?>> fetchDomainEvents(
            String aggregateIdentifier, long firstSequenceNumber, int batchSize) {
        Timer.Sample sample = Timer.start();
        List<String> ids = LongStream.range(firstSequenceNumber, firstSequenceNumber + batchSize)
                .mapToObj(seq -> EventDocuments.id(aggregateIdentifier, seq))
                .collect(Collectors.toList());
        List<DomainEventData<?>> result =
                events.find(new Document(ID, new Document("$in", ids))).into(new ArrayList<>()).stream()
                        .sorted(Comparator.comparingLong(EventDocuments::seq))
                        .map(EventDocuments::toEventData)
                        .collect(Collectors.toList());
        sample.stop(metrics.readAggregate);
        return result;
    }

    /**
     * The highest sequence number of an aggregate, found with a few batches of {@code _id} look-ups: an aggregate's
     * numbers are contiguous from 0, so probing 0, 1, 3, 7, … brackets the last one and each further round narrows
     * the bracket 64-fold.
     */
    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        List<Long> probes = LongStream.range(0, 62).mapToObj(k -> (1L << k) - 1).collect(Collectors.toList());
        SortedSet<Long> present = existingSequenceNumbers(aggregateIdentifier, probes);
        if (present.isEmpty()) {
            return Optional.empty();
        }
        long low = present.last();
        long high = low * 2 + 1; // the next probe, known to be absent
        while (high - low > 1) {
            long step = Math.max(1, (high - low) / 64);
            List<Long> round = new ArrayList<>();
            for (long s = low + step; s < high; s += step) {
                round.add(s);
            }
            SortedSet<Long> found = existingSequenceNumbers(aggregateIdentifier, round);
            long newLow = found.isEmpty() ? low : found.last();
            long newHigh = Math.min(high, newLow + step);
            low = newLow;
            high = newHigh;
        }
        return Optional.of(low);
    }

    private SortedSet<Long> existingSequenceNumbers(String aggregateIdentifier, List<Long> sequenceNumbers) {
        List<String> ids = sequenceNumbers.stream()
                .map(seq -> EventDocuments.id(aggregateIdentifier, seq))
                .collect(Collectors.toList());
        return events
                .find(new Document(ID, new Document("$in", ids)))
                .projection(new Document(SEQ, 1))
                .into(new ArrayList<>())
                .stream()
                .map(EventDocuments::seq)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    // ---------------------------------------------------------------- tracking reads

    @Override
    protected List<? extends TrackedEventData<?>> fetchTrackedEvents(TrackingToken lastToken, int batchSize) {
        if (lastToken != null && !(lastToken instanceof GapAwareTrackingToken)) {
            throw new IllegalArgumentException(
                    "Hoshi's event store tracks with a GapAwareTrackingToken, not " + lastToken);
        }
        Timer.Sample sample = Timer.start();
        GapAwareTrackingToken token = withoutExpiredGaps((GapAwareTrackingToken) lastToken);
        if (reservations.due()) {
            reservations.read(sequence.current());
        }
        List<TrackedEventData<?>> result = new ArrayList<>();
        long windowStart = (token == null ? LOWEST_GLOBAL_SEQUENCE - 1 : token.getIndex()) + 1;
        long next = windowStart; // the lowest number after the token's index not yet read
        long reservedSoFar = -1;
        boolean waiting = false;
        while (true) {
            List<Long> wanted = new ArrayList<>(token == null ? List.of() : token.getGaps());
            LongStream.range(windowStart, windowStart + batchSize).forEach(wanted::add);
            List<Document> found = events.find(new Document(GLOBAL_SEQ, new Document("$in", wanted)))
                    .into(new ArrayList<>());
            found.sort(byGlobalSeq);
            for (Document doc : found) {
                long globalSeq = EventDocuments.globalSeq(doc);
                if (globalSeq >= next) {
                    if (globalSeq > next && waitFor(globalSeq - 1)) {
                        // numbers below this event were reserved moments ago and are still being written
                        waiting = true;
                        break;
                    }
                    next = globalSeq + 1;
                }
                token = advance(token, globalSeq);
                gaps.filled(globalSeq);
                if (!EventDocuments.isSkipMarker(doc)) {
                    result.add(new TrackedDomainEventData<>(token, EventDocuments.toEventData(doc)));
                }
            }
            if (!result.isEmpty() || waiting) {
                break;
            }
            if (!found.isEmpty()) {
                // only skip markers: step past them and look again
                windowStart = token.getIndex() + 1;
                continue;
            }
            if (reservedSoFar < 0) {
                reservedSoFar = sequence.current();
            }
            windowStart += batchSize;
            if (windowStart > reservedSoFar) {
                break;
            }
            // a run of more than batchSize reserved-but-unwritten numbers: step over it a window at a time
        }
        waitingForAppends = waiting;
        sample.stop(metrics.readTracked);
        metrics.trackedBatchSize.record(result.size());
        return result;
    }

    /**
     * Whether to wait for the missing numbers up to {@code highestMissing} before delivering the events after them:
     * yes while they were reserved less than {@code orderWait} ago (an append still in flight), no once they are
     * older (they become gaps, delivered if they land within the gap timeout).
     */
    private boolean waitFor(long highestMissing) {
        if (reservations.recent(highestMissing, sequence::current)) {
            metrics.orderWaits.increment();
            return true;
        }
        return false;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private GapAwareTrackingToken advance(GapAwareTrackingToken token, long globalSeq) {
        if (token == null) {
            long lowestGap = Math.max(LOWEST_GLOBAL_SEQUENCE, globalSeq - maxGapOffset);
            return GapAwareTrackingToken.newInstance(
                    globalSeq, LongStream.range(lowestGap, globalSeq).boxed().collect(Collectors.toList()));
        }
        return token.advanceTo(globalSeq, maxGapOffset);
    }

    private GapAwareTrackingToken withoutExpiredGaps(GapAwareTrackingToken token) {
        if (token == null || token.getGaps().isEmpty()) {
            return token;
        }
        SortedSet<Long> expired = gaps.expired(token.getGaps());
        if (expired.isEmpty()) {
            return token;
        }
        log.warn(
                "Giving up {} global sequence number(s) reserved but not written within the gap timeout: {}",
                expired.size(),
                expired);
        metrics.gapsExpired.increment(expired.size());
        expired.forEach(gaps::filled);
        SortedSet<Long> remaining = new TreeSet<>(token.getGaps());
        remaining.removeAll(expired);
        return GapAwareTrackingToken.newInstance(token.getIndex(), remaining);
    }

    // ---------------------------------------------------------------- tokens

    /** The position before the first event: a processor starting here sees everything. */
    @Override
    public TrackingToken createTailToken() {
        return null;
    }

    /**
     * The highest global sequence number any writer has reserved so far (one point look-up of the counter): a cheap
     * way for a reader in another process to learn that new events are on their way without reading them.
     */
    public long highestReserved() {
        return sequence.current();
    }

    /**
     * Whether the last tracked read stopped before numbers reserved moments ago and not yet written: the events after
     * them are there, and the next read should come soon (the pacing of {@code PacedEventStore} in the platform).
     */
    public boolean waitingForAppends() {
        return waitingForAppends;
    }

    /**
     * What a reader at {@code position} has still to read, from the counter and at most one batch of point look-ups
     * on the unique global sequence (no scan): the numbers reserved after it, and when the first event among them was
     * stored. Nothing is left when no number is reserved after it, or when only gaps and skip markers (numbers of
     * failed appends) follow it up to the highest reserved number within that batch.
     */
    public Backlog backlogAfter(long position) {
        long reserved = sequence.current();
        if (reserved <= position) {
            return Backlog.NONE;
        }
        long from = Math.max(LOWEST_GLOBAL_SEQUENCE, position + 1);
        long to = Math.min(reserved, from + batchSize() - 1);
        Optional<Instant> first = firstEventFrom(from, to)
                .map(event -> DateTimeUtils.parseInstant(event.getString(EventDocuments.TIMESTAMP)));
        if (first.isEmpty() && to == reserved) {
            return Backlog.NONE;
        }
        return new Backlog(reserved - position, first);
    }

    /** Numbers reserved after a position, and when the first event among them was stored (if within one batch). */
    public record Backlog(long numbers, Optional<Instant> oldestStored) {
        static final Backlog NONE = new Backlog(0, Optional.empty());
    }

    /**
     * The position of the newest written event. Numbers below it in the last window that are reserved but not yet
     * written become gaps, so their events are still delivered when they land.
     */
    @Override
    public TrackingToken createHeadToken() {
        long windowEnd = sequence.current();
        int window = batchSize();
        while (windowEnd >= LOWEST_GLOBAL_SEQUENCE) {
            long windowStart = Math.max(LOWEST_GLOBAL_SEQUENCE, windowEnd - window + 1);
            SortedSet<Long> written = writtenNumbers(windowStart, windowEnd);
            if (!written.isEmpty()) {
                long head = written.last();
                List<Long> inFlight = LongStream.range(windowStart, head)
                        .filter(n -> !written.contains(n))
                        .boxed()
                        .collect(Collectors.toList());
                return GapAwareTrackingToken.newInstance(head, inFlight);
            }
            windowEnd = windowStart - 1;
        }
        return null;
    }

    /**
     * The position just before the first event stored at or after {@code dateTime}, found by binary search over the
     * global sequence with point look-ups. Order follows the sequence, so around writers with skewed clocks the
     * answer is as good as their timestamps.
     */
    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        // stored timestamps keep milliseconds (Axon's DateTimeUtils), so compare at that precision
        Instant from = dateTime.truncatedTo(ChronoUnit.MILLIS);
        long low = LOWEST_GLOBAL_SEQUENCE;
        long high = sequence.current();
        Long firstAtOrAfter = null;
        while (low <= high) {
            long mid = low + (high - low) / 2;
            Optional<Document> event = firstEventFrom(mid, high);
            if (event.isEmpty()) {
                high = mid - 1;
                continue;
            }
            long at = EventDocuments.globalSeq(event.get());
            Instant timestamp = DateTimeUtils.parseInstant(event.get().getString(EventDocuments.TIMESTAMP));
            if (timestamp.isBefore(from)) {
                low = at + 1;
            } else {
                firstAtOrAfter = at;
                high = mid - 1;
            }
        }
        if (firstAtOrAfter == null) {
            return createHeadToken();
        }
        return firstAtOrAfter <= LOWEST_GLOBAL_SEQUENCE
                ? null
                : GapAwareTrackingToken.newInstance(firstAtOrAfter - 1, List.of());
    }

    /** The first real event (not a skip marker) numbered {@code from..to}, looked up a window at a time. */
    private Optional<Document> firstEventFrom(long from, long to) {
        for (long start = from; start <= to; start += batchSize()) {
            long end = Math.min(to, start + batchSize() - 1);
            List<Long> numbers = LongStream.rangeClosed(start, end).boxed().collect(Collectors.toList());
            Optional<Document> first =
                    events.find(new Document(GLOBAL_SEQ, new Document("$in", numbers))).into(new ArrayList<>()).stream()
                            .filter(doc -> !EventDocuments.isSkipMarker(doc))
                            .min(byGlobalSeq);
            if (first.isPresent()) {
                return first;
            }
        }
        return Optional.empty();
    }

    private SortedSet<Long> writtenNumbers(long from, long to) {
        List<Long> numbers = LongStream.rangeClosed(from, to).boxed().collect(Collectors.toList());
        return events
                .find(new Document(GLOBAL_SEQ, new Document("$in", numbers)))
                .projection(new Document(GLOBAL_SEQ, 1))
                .into(new ArrayList<>())
                .stream()
                .map(EventDocuments::globalSeq)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** Reserves numbers without writing them: for tests that play a writer that dies or writes late. */
    long reserveForTest(int count) {
        return sequence.reserve(count);
    }

    // ---------------------------------------------------------------- builder

    /** Whether appends use MongoDB transactions. */
    public enum Transactions {
        /** Use them when the server is a replica set or sharded cluster that supports sessions. */
        AUTO {
            @Override
            boolean resolve(MongoClient client) {
                return TransactionSupport.isSupported(client);
            }
        },
        ALWAYS {
            @Override
            boolean resolve(MongoClient client) {
                if (!TransactionSupport.isSupported(client)) {
                    throw new AxonConfigurationException(
                            "Transactions were required, but this MongoDB is not a replica set with sessions");
                }
                return true;
            }
        },
        NEVER {
            @Override
            boolean resolve(MongoClient client) {
                return false;
            }
        };

        abstract boolean resolve(MongoClient client);
    }

    /**
     * Builds the engine. Required: {@link #mongoClient}. Defaults: database {@code hoshi_events}, Jackson for events
     * and snapshots, every stored snapshot used (no filter), batch size 100, order wait 2 s, gap timeout 60 s, max
     * gap offset 10,000, transactions when supported, no meters.
     */
    public static class Builder extends BatchingEventStorageEngine.Builder {

        private MongoClient client;
        private EventStoreCollections collections = EventStoreCollections.defaults();
        private Duration gapTimeout = Duration.ofSeconds(60);
        private Duration orderWait = Duration.ofSeconds(2);
        private int maxGapOffset = 10_000;
        private Clock clock = Clock.systemUTC();
        private MeterRegistry meterRegistry = new CompositeMeterRegistry();
        private Transactions transactions = Transactions.AUTO;
        private boolean createIndexes = true;
        private boolean eventSerializerSet;
        private boolean snapshotSerializerSet;

        protected Builder() {
            persistenceExceptionResolver(new MongoPersistenceExceptionResolver());
        }

        public Builder mongoClient(MongoClient client) {
            this.client = Objects.requireNonNull(client, "client");
            return this;
        }

        public Builder collections(EventStoreCollections collections) {
            this.collections = Objects.requireNonNull(collections, "collections");
            return this;
        }

        /** How long a reserved-but-unwritten number is waited for before trackers give it up. */
        public Builder gapTimeout(Duration gapTimeout) {
            if (gapTimeout.isNegative()) {
                throw new IllegalArgumentException("the gap timeout cannot be negative");
            }
            this.gapTimeout = gapTimeout;
            return this;
        }

        /**
         * How long trackers wait for a number reserved moments ago (an append in flight) before delivering the
         * events after it, so that they see events in global sequence order, the order a rebuild replays. A number
         * still missing after that becomes a gap. {@code Duration.ZERO} delivers at once, out of order. Never longer
         * than the gap timeout.
         */
        public Builder orderWait(Duration orderWait) {
            if (orderWait.isNegative()) {
                throw new IllegalArgumentException("the order wait cannot be negative");
            }
            this.orderWait = orderWait;
            return this;
        }

        /** How far behind a token's index a gap may lie before it is dropped regardless of its age. */
        public Builder maxGapOffset(int maxGapOffset) {
            if (maxGapOffset < 1) {
                throw new IllegalArgumentException("maxGapOffset must be positive");
            }
            this.maxGapOffset = maxGapOffset;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Builder meterRegistry(MeterRegistry meterRegistry) {
            this.meterRegistry = Objects.requireNonNull(meterRegistry, "meterRegistry");
            return this;
        }

        public Builder transactions(Transactions transactions) {
            this.transactions = Objects.requireNonNull(transactions, "transactions");
            return this;
        }

        public Builder createIndexes(boolean createIndexes) {
            this.createIndexes = createIndexes;
            return this;
        }

        /** Sets the same serializer for events and snapshots. */
        public Builder serializer(Serializer serializer) {
            eventSerializer(serializer);
            snapshotSerializer(serializer);
            return this;
        }

        @Override
        public Builder eventSerializer(Serializer eventSerializer) {
            super.eventSerializer(eventSerializer);
            eventSerializerSet = true;
            return this;
        }

        @Override
        public Builder snapshotSerializer(Serializer snapshotSerializer) {
            super.snapshotSerializer(snapshotSerializer);
            snapshotSerializerSet = true;
            return this;
        }

        /**
         * Which stored snapshots to use; give it Axon's {@code Configuration.snapshotFilter()}, which skips a
         * snapshot that does not carry its aggregate's {@code @Revision}.
         */
        @Override
        public Builder snapshotFilter(SnapshotFilter snapshotFilter) {
            super.snapshotFilter(snapshotFilter);
            return this;
        }

        @Override
        public Builder upcasterChain(EventUpcaster upcasterChain) {
            super.upcasterChain(upcasterChain);
            return this;
        }

        @Override
        public Builder batchSize(int batchSize) {
            super.batchSize(batchSize);
            return this;
        }

        @Override
        protected void validate() throws AxonConfigurationException {
            if (client == null) {
                throw new AxonConfigurationException("Hoshi's event store needs a MongoClient");
            }
            // Axon would fall back to XStream; Hoshi stores JSON everywhere
            if (!eventSerializerSet) {
                eventSerializer(JacksonSerializer.defaultSerializer());
            }
            if (!snapshotSerializerSet) {
                snapshotSerializer(JacksonSerializer.defaultSerializer());
            }
            super.validate();
        }

        public HoshiEventStorageEngine build() {
            return new HoshiEventStorageEngine(this);
        }
    }
}
