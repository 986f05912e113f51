package dev.hoshi.insights.rollup.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.eventhandling.GenericEventMessage.asEventMessage;

import com.mongodb.client.MongoDatabase;
import dev.hoshi.catalog.Catalog;
import dev.hoshi.directory.api.support.SupportOrganizationAnalystAddedEvent;
import dev.hoshi.directory.api.support.SupportOrganizationAnalystRemovedEvent;
import dev.hoshi.directory.api.support.SupportOrganizationKind;
import dev.hoshi.directory.api.support.SupportOrganizationRegisteredEvent;
import dev.hoshi.directory.sme.SmeDefinitions;
import dev.hoshi.insights.rollup.subscription.MemberStatusChanges;
import dev.hoshi.insights.rollup.subscription.MemberStatusFeed;
import dev.hoshi.kernel.id.SupportOrganizationId;
import dev.hoshi.kernel.id.UserId;
import dev.hoshi.platform.axon.ProjectionBatchInterceptor;
import dev.hoshi.testsupport.TestMongo;
import dev.hoshi.testsupport.axon.Deliveries;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.axonframework.eventhandling.EventMessage;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rollup projection fed in batches of 100 as the pooled processors feed it, against the same events handed over
 * one at a time (the pre-batching behaviour, each event written at once): a year of history for 60 members (about
 * 1,250 events) must leave the same read model documents in every collection, apart from the counters of writes
 * ({@code rev} of rollups and their months, {@code version} of member states), which batching bumps once per batch.
 */
class RollupBatchIT {

    private static final int MEMBERS = 60;
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-31T03:00:00Z"), ZoneOffset.UTC);
    private static final List<EventMessage<?>> YEAR = RollupHistory.year(MEMBERS);
    private static final List<String> COLLECTIONS = List.of(
            "insights_member_state",
            "insights_rollups",
            "insights_rollup_history",
            "insights_member_listing",
            "insights_member_order",
            "insights_cohorts",
            "insights_grant_calendar",
            "insights_support_analysts");

    private static Map<String, List<Document>> oneByOne;

    private final TestMongo mongo = TestMongo.get();

    @BeforeAll
    static void handledOneAtATime() {
        RollupBatchIT test = new RollupBatchIT();
        Projected reference = test.fresh();
        reference.deliveries.oneByOne(YEAR);
        oneByOne = documents(reference.db);
    }

    @AfterAll
    static void forget() {
        oneByOne = null;
    }

    @Test
    void batchesOfManyMembersAcrossSlicesLeaveTheSameDocumentsAsEventsOneAtATime() {
        Projected batched = fresh();
        batched.deliveries.inBatches(YEAR, 100);

        assertSame(documents(batched.db), oneByOne);
        sinceBoundsEveryMonth(batched.db);
        monthsAddUpToTheRollupAndNoneIsNegative(batched.db);
        assertThat(oneByOne.get("insights_rollups")).hasSizeGreaterThan(100);
        assertThat(oneByOne.get("insights_rollup_history")).hasSizeGreaterThan(500);
    }

    @Test
    void batchesHoldingManyEventsOfTheSameMemberLeaveTheSameDocumentsAsEventsOneAtATime() {
        List<EventMessage<?>> grouped = RollupHistory.byMember(YEAR);
        Projected reference = fresh();
        reference.deliveries.oneByOne(grouped);
        Projected batched = fresh();
        batched.deliveries.inBatches(grouped, 100);

        assertSame(documents(batched.db), documents(reference.db));
    }

    @Test
    void aRedeliveredBatchCountsNothingTwice() {
        Projected batched = fresh();
        batched.deliveries.inBatches(YEAR, 100);
        Map<String, List<Document>> once = documents(batched.db);
        Map<String, List<Document>> exactOnce = exactDocuments(batched.db);

        // as after a crash once the batch was written but before its token was stored: the last batch comes again,
        // whole, then split in smaller batches (a processor restarted with a smaller batch size)
        int end = YEAR.size();
        List<EventMessage<?>> last = YEAR.subList(end - (end % 100 == 0 ? 100 : end % 100), end);
        batched.deliveries.batch(last);
        batched.deliveries.inBatches(last, 7);

        assertSame(documents(batched.db), once);
        assertThat(exactDocuments(batched.db).get("insights_rollups")).isEqualTo(exactOnce.get("insights_rollups"));
    }

    @Test
    void aRebuildInBatchesEqualsTheReadModelKeptIncrementally() {
        Projected live = fresh();
        live.deliveries.oneByOne(YEAR.subList(0, 600));
        live.deliveries.inBatches(YEAR.subList(600, YEAR.size()), 7);
        Map<String, List<Document>> incremental = documents(live.db);

        live.projection.reset();
        assertThat(live.db.getCollection("insights_rollups").countDocuments()).isZero();
        live.deliveries.inBatches(YEAR, 100);

        assertSame(documents(live.db), incremental);
        assertSame(incremental, oneByOne);
    }

    @Test
    void twoSegmentsWritingTheSameMembersAtOnceLoseNothing() throws Exception {
        // directory's events (Organization stream) on one thread, compliance's (SecurityAction stream) on another, as
        // two segments would handle them under Axon's default policy (MemberSequencing keeps a member's events in one
        // segment now, but the grant calendar still writes beside the processor); each thread in its own order
        List<EventMessage<?>> directory = new ArrayList<>();
        List<EventMessage<?>> compliance = new ArrayList<>();
        for (EventMessage<?> event : YEAR) {
            (event.getPayloadType().getPackageName().startsWith("dev.hoshi.compliance") ? compliance : directory)
                    .add(event);
        }
        Projected batched = fresh();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<?> first = threads.submit(() -> batched.deliveries.inBatches(directory, 100));
            Future<?> second = threads.submit(() -> batched.deliveries.inBatches(compliance, 100));
            first.get();
            second.get();
        } finally {
            threads.shutdownNow();
        }
        Projected sequential = fresh();
        sequential.deliveries.inBatches(directory, 100);
        sequential.deliveries.inBatches(compliance, 100);

        // the rollups and member states do not depend on the interleaving
        Map<String, List<Document>> concurrent = documents(batched.db);
        Map<String, List<Document>> expected = documents(sequential.db);
        concurrent.remove("insights_rollup_history");
        expected.remove("insights_rollup_history");
        assertSame(concurrent, expected);
        // a member's change handled after its change of a later month counts from that month on, so the months
        // depend on which thread came first; but they always add up to the rollup, and no month counts a member
        // before its change (which would show as a negative count)
        monthsAddUpToTheRollupAndNoneIsNegative(batched.db);
        monthsAddUpToTheRollupAndNoneIsNegative(sequential.db);
        sinceBoundsEveryMonth(batched.db);
    }

    /**
     * Each slice's months sum to its rollup, zeros and all (fields are added as 0 where changes cancelled out), and no
     * count is below zero in any month (every figure is a count but the score sum).
     */
    private static void monthsAddUpToTheRollupAndNoneIsNegative(MongoDatabase db) {
        Map<String, TreeMap<String, Document>> months = new TreeMap<>();
        for (Document month : exactDocuments(db).get("insights_rollup_history")) {
            months.computeIfAbsent(month.getString("slice"), k -> new TreeMap<>())
                    .put(month.getString("month"), month);
        }
        months.values().forEach(MonthlyChanges::runningSums);
        List<Document> rollups = exactDocuments(db).get("insights_rollups");
        assertThat(months.keySet()).hasSameSizeAs(rollups);
        for (Document rollup : rollups) {
            String slice = rollup.getString("_id");
            Document figures = new Document(rollup);
            for (String notFigure : List.of("_id", "rev", "since")) {
                figures.remove(notFigure);
            }
            assertThat(months.get(slice).lastEntry().getValue()).as(slice).isEqualTo(figures);
            months.get(slice).forEach((month, asOf) -> {
                Document counts = new Document(asOf);
                counts.remove("scoreSum");
                assertNoneNegative(counts, slice + " " + month);
            });
        }
    }

    private static void assertNoneNegative(Document counts, String where) {
        counts.forEach((field, value) -> {
            if (value instanceof Document inner) {
                assertNoneNegative(inner, where + " " + field);
            } else {
                assertThat(((Number) value).longValue()).as(where + " " + field).isNotNegative();
            }
        });
    }

    /** A rollup's {@code since} is at or before every month of its slice's history: the query reads from there. */
    private static void sinceBoundsEveryMonth(MongoDatabase db) {
        Map<String, String> since = new TreeMap<>();
        exactDocuments(db).get("insights_rollups").forEach(r -> since.put(r.getString("_id"), r.getString("since")));
        for (Document month : exactDocuments(db).get("insights_rollup_history")) {
            assertThat(since.get(month.getString("slice")))
                    .as(month.getString("_id"))
                    .isLessThanOrEqualTo(month.getString("month"));
        }
    }

    @Test
    void anAnalystAddedAndRemovedInOneBatchEndsAsTheLaterOfTheTwo() {
        Projected batched = fresh();
        SupportOrganizationId s = SupportOrganizationId.of("assoc-analysts");
        UserId first = UserId.of("analyst-first");
        UserId second = UserId.of("analyst-second");
        batched.deliveries.batch(List.of(
                asEventMessage(new SupportOrganizationRegisteredEvent(
                        s, "分析協会", null, SupportOrganizationKind.INDUSTRY_ASSOCIATION, first)),
                asEventMessage(new SupportOrganizationAnalystAddedEvent(s, second)),
                asEventMessage(new SupportOrganizationAnalystRemovedEvent(s, second)),
                asEventMessage(new SupportOrganizationAnalystRemovedEvent(s, first)),
                asEventMessage(new SupportOrganizationAnalystAddedEvent(s, first))));

        RollupCollections store = RollupCollections.in(batched.db);
        assertThat(store.isAnalyst(first.toString(), s.toString())).isTrue();
        assertThat(store.isAnalyst(second.toString(), s.toString())).isFalse();

        batched.deliveries.batch(List.of(asEventMessage(new SupportOrganizationAnalystRemovedEvent(s, first))));
        assertThat(store.isAnalyst(first.toString(), s.toString())).isFalse();
    }

    @Test
    void everyCompareAndSetFilterHasAUniqueIndexWithExactlyItsKeysFromStartUp() {
        Projected started = fresh();
        new SupportOrganizationRollupProjection( // a restart: creating them again changes nothing
                started.db,
                SmeDefinitions.load(),
                Catalog.load(),
                CLOCK,
                new MemberStatusChanges(new MemberStatusFeed()));

        assertThat(uniqueKeys(started.db, "insights_member_state"))
                .contains(new Document("_id", 1).append("version", 1));
    }

    /** The keys of the collection's unique indexes, each in its order. */
    private static List<Document> uniqueKeys(MongoDatabase db, String collection) {
        List<Document> keys = new ArrayList<>();
        db.getCollection(collection).listIndexes().forEach(index -> {
            if (Boolean.TRUE.equals(index.getBoolean("unique"))) {
                Document key = new Document();
                index.get("key", Document.class).forEach((field, order) -> key.put(field, ((Number) order).intValue()));
                keys.add(key);
            }
        });
        return keys;
    }

    /** Collection by collection, document by document, so a failure names the first document that differs. */
    private static void assertSame(Map<String, List<Document>> actual, Map<String, List<Document>> expected) {
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        for (String collection : expected.keySet()) {
            List<Document> is = actual.get(collection);
            List<Document> was = expected.get(collection);
            for (int i = 0; i < Math.min(is.size(), was.size()); i++) {
                assertThat(is.get(i).toJson())
                        .as(collection)
                        .isEqualTo(was.get(i).toJson());
            }
            assertThat(is).as(collection).hasSameSizeAs(was);
        }
    }

    private record Projected(MongoDatabase db, SupportOrganizationRollupProjection projection, Deliveries deliveries) {}

    private Projected fresh() {
        MongoDatabase db = mongo.client().getDatabase(mongo.freshDatabaseName("insights-batch"));
        SupportOrganizationRollupProjection projection = new SupportOrganizationRollupProjection(
                db, SmeDefinitions.load(), Catalog.load(), CLOCK, new MemberStatusChanges(new MemberStatusFeed()));
        return new Projected(db, projection, new Deliveries(projection, new ProjectionBatchInterceptor()));
    }

    /**
     * Every document of the projection's collections by {@code _id}, without the counters of writes (and a rollup's
     * {@code since}, checked by {@link #sinceBoundsEveryMonth}) and without
     * counters at zero (a counter that went up and down within a batch is never written; one written and taken back
     * event by event stays as 0: both read as 0), nor documents left with nothing but their {@code _id}.
     */
    private static Map<String, List<Document>> documents(MongoDatabase db) {
        Map<String, List<Document>> all = exactDocuments(db);
        all.values()
                .forEach(docs -> docs.forEach(doc -> {
                    doc.remove("rev");
                    doc.remove("version");
                    doc.remove("since"); // the first month written, which depends on the order of writes
                    withoutZeros(doc);
                }));
        all.values().forEach(docs -> docs.removeIf(doc -> doc.keySet().equals(Set.of("_id"))));
        return all;
    }

    private static void withoutZeros(Document doc) {
        doc.values().forEach(value -> {
            if (value instanceof Document inner) {
                withoutZeros(inner);
            }
        });
        doc.values().removeIf(value -> Long.valueOf(0).equals(value) || (value instanceof Document d && d.isEmpty()));
    }

    /** The document with its fields in name order at every level, numbers as longs: equal content, equal JSON. */
    private static Document sorted(Document doc) {
        Document sorted = new Document();
        new TreeMap<>(doc).forEach((key, value) -> sorted.put(key, sortedValue(value)));
        return sorted;
    }

    private static Object sortedValue(Object value) {
        if (value instanceof Document d) {
            return sorted(d);
        }
        if (value instanceof List<?> list) {
            if (list.stream().allMatch(String.class::isInstance)) {
                return list.stream().map(String.class::cast).sorted().toList(); // sets ($addToSet), in any order
            }
            return list.stream().map(RollupBatchIT::sortedValue).toList();
        }
        if (value instanceof Integer i) {
            return i.longValue();
        }
        return value;
    }

    private static Map<String, List<Document>> exactDocuments(MongoDatabase db) {
        Map<String, List<Document>> all = new TreeMap<>();
        for (String collection : COLLECTIONS) {
            List<Document> docs = new ArrayList<>();
            db.getCollection(collection).find().sort(new Document("_id", 1)).forEach(doc -> docs.add(sorted(doc)));
            all.put(collection, docs);
        }
        return all;
    }
}
