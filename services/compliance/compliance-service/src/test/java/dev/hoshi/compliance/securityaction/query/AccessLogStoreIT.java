package dev.hoshi.compliance.securityaction.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import dev.hoshi.compliance.api.status.DisclosureQueries.AccessLogEntryView;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.testsupport.MutableClock;
import dev.hoshi.testsupport.TestMongo;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The access log's buckets against a real MongoDB wire protocol: bounded documents, paging, retention. */
class AccessLogStoreIT {

    private static final TenantId SATO = TenantId.of("sato-seisakusho");
    private static final TenantId SUZUKI = TenantId.of("suzuki-shoten");

    private final MongoDatabase db =
            TestMongo.get().client().getDatabase(TestMongo.get().freshDatabaseName("access_log"));
    private final MongoCollection<Document> collection = db.getCollection("access_log");
    // 2026-03-15 09:00 in Japan
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-15T00:00:00Z"));

    @AfterEach
    void drop() {
        db.drop();
    }

    @Test
    void moreEntriesThanOneDocumentHoldsGoIntoFurtherBucketsAndReadBackInPages() {
        AccessLogStore store = new AccessLogStore(db, clock, Period.ofMonths(13), 1000);
        Instant start = Instant.parse("2026-03-01T00:00:00Z");
        int written = 2_500;
        for (int i = 0; i < written; i++) {
            store.record(SATO, start.plusSeconds(60L * i), "USER:analyst-" + (i % 7), "LEVEL_ONLY", "MEMBER_LIST");
        }
        store.record(SUZUKI, start, "USER:other", "FULL_DETAIL", "MEMBER_STATUS");

        List<Document> buckets =
                collection.find(Filters.eq("organization", SATO.toString())).into(new ArrayList<>());
        assertThat(buckets).hasSize(3).allSatisfy(b -> {
            assertThat(b.getString("month")).isEqualTo("2026-03");
            assertThat(b.getList("entries", Document.class)).hasSizeLessThanOrEqualTo(1000);
            assertThat(b.getInteger("count"))
                    .isEqualTo(b.getList("entries", Document.class).size());
        });
        assertThat(buckets.stream().mapToInt(b -> b.getInteger("count")).sum()).isEqualTo(written);
        // every write and read finds its bucket by _id: the embedded store scans for any other filter
        assertThat(buckets)
                .extracting(b -> b.get("_id"))
                .containsExactlyInAnyOrder(
                        "sato-seisakusho|2026-03|0", "sato-seisakusho|2026-03|1", "sato-seisakusho|2026-03|2");
        assertThat(monthCount()).containsEntry("entries", written);

        LocalDate today = LocalDate.of(2026, 3, 15);
        List<AccessLogEntryView> all = everyPage(store, today, 1000);
        assertThat(all).hasSize(written);
        assertThat(all.get(0).at()).isEqualTo(start.plusSeconds(60L * (written - 1)));
        assertThat(all.get(written - 1).at()).isEqualTo(start);
        assertThat(all).isSortedAccordingTo((a, b) -> b.at().compareTo(a.at()));
        assertThat(all).extracting(AccessLogEntryView::viewer).doesNotContain("USER:other");

        // the window: today in Japan only (3 March from 00:00 JST = 2 March 15:00 UTC: the last 160 minutes written)
        assertThat(store.recent(SATO, LocalDate.of(2026, 3, 3), 1, null, 1000))
                .hasSize(160)
                .allSatisfy(e -> assertThat(e.at()).isAfterOrEqualTo(Instant.parse("2026-03-02T15:00:00Z")));
    }

    @Test
    void aPageNeverEndsInsideEntriesOfOneInstantSoPagingByAtSkipsNothing() {
        AccessLogStore store = new AccessLogStore(db, clock, Period.ofMonths(13), 1000);
        Instant earlier = Instant.parse("2026-03-10T03:00:00Z");
        store.record(SATO, earlier.plusSeconds(1), "USER:newest", "LEVEL_ONLY", "MEMBER_STATUS");
        store.record(SATO, earlier, "USER:twin-1", "LEVEL_ONLY", "MEMBER_STATUS");
        store.record(SATO, earlier, "USER:twin-2", "LEVEL_ONLY", "MEMBER_STATUS");
        LocalDate today = LocalDate.of(2026, 3, 15);

        List<AccessLogEntryView> first = store.recent(SATO, today, 90, null, 2);
        assertThat(first).extracting(AccessLogEntryView::viewer).containsExactly("USER:newest");
        List<AccessLogEntryView> second =
                store.recent(SATO, today, 90, first.get(0).at(), 2);
        assertThat(second)
                .extracting(AccessLogEntryView::viewer)
                .containsExactlyInAnyOrder("USER:twin-1", "USER:twin-2");
        assertThat(store.recent(SATO, today, 90, earlier, 2)).isEmpty();
    }

    @Test
    void bucketsOlderThanTheRetentionArePurgedAsTheClockMoves() {
        AccessLogStore store = new AccessLogStore(db, clock, Period.ofMonths(13), 1000);
        store.record(SATO, Instant.parse("2025-01-20T03:00:00Z"), "USER:a", "LEVEL_ONLY", "MEMBER_STATUS");
        store.record(SATO, Instant.parse("2025-03-10T03:00:00Z"), "USER:b", "LEVEL_ONLY", "MEMBER_STATUS");
        store.record(SATO, Instant.parse("2026-03-10T03:00:00Z"), "USER:c", "LEVEL_ONLY", "MEMBER_STATUS");

        // 2026-03-15 less 13 months: 2025-02-15; January's bucket goes
        assertThat(store.purge()).isEqualTo(1);
        assertThat(months()).containsExactlyInAnyOrder("2025-03", "2026-03");
        assertThat(store.purge()).isZero();

        // a month's count goes with the months before the cutoff's (2025-02): January's
        assertThat(counts()).containsExactlyInAnyOrder("sato-seisakusho|2025-03", "sato-seisakusho|2026-03");

        clock.set(Instant.parse("2026-05-01T00:00:00Z"));
        assertThat(store.purge()).isEqualTo(1);
        assertThat(months()).containsExactly("2026-03");
        // the cutoff is 2025-04-01: March 2025 is before its month, so its count goes too
        assertThat(counts()).containsExactly("sato-seisakusho|2026-03");
        assertThat(store.recent(SATO, LocalDate.of(2026, 5, 1), 90, null, 10))
                .extracting(AccessLogEntryView::viewer)
                .containsExactly("USER:c");
    }

    @Test
    void dayDocumentsOfTheEarlierLayoutMoveIntoBucketsOnStart() {
        collection.insertOne(new Document("_id", "sato-seisakusho:2026-03-14")
                .append(
                        "entries",
                        List.of(
                                new Document("at", Date.from(Instant.parse("2026-03-14T01:00:00Z")))
                                        .append("viewer", "USER:a")
                                        .append("scope", "LEVEL_ONLY")
                                        .append("what", "MEMBER_STATUS"),
                                new Document("at", Date.from(Instant.parse("2026-03-14T02:00:00Z")))
                                        .append("viewer", "USER:b")
                                        .append("scope", "FULL_DETAIL"))));

        AccessLogStore store = new AccessLogStore(db, clock, Period.ofMonths(13), 1000);

        assertThat(collection.countDocuments(Filters.exists("organization", false)))
                .isZero();
        assertThat(store.recent(SATO, LocalDate.of(2026, 3, 15), 90, null, 10))
                .extracting(AccessLogEntryView::viewer, AccessLogEntryView::what)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("USER:b", "MEMBER_STATUS"),
                        org.assertj.core.groups.Tuple.tuple("USER:a", "MEMBER_STATUS"));
    }

    @Test
    void writersAtTheSameTimeFillEachBucketToItsLimitAndLoseNothing() throws Exception {
        AccessLogStore store = new AccessLogStore(db, clock, Period.ofMonths(13), 100);
        Instant start = Instant.parse("2026-03-01T00:00:00Z");
        int writers = 4;
        int each = 130;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        store.record(
                                SATO,
                                start.plusSeconds(writer * 10_000L + i),
                                "USER:w" + writer + "-" + i,
                                "LEVEL_ONLY",
                                "MEMBER_STATUS");
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }

        List<Document> buckets = collection.find().into(new ArrayList<>());
        assertThat(buckets).hasSize(writers * each / 100 + 1).allSatisfy(b -> assertThat(
                        b.getList("entries", Document.class))
                .hasSizeLessThanOrEqualTo(100));
        List<AccessLogEntryView> all = everyPage(store, LocalDate.of(2026, 3, 15), 77);
        assertThat(all).hasSize(writers * each).doesNotHaveDuplicates();
        assertThat(all).isSortedAccordingTo((a, b) -> b.at().compareTo(a.at()));
    }

    @Test
    void bucketsOfTheEarlierLayoutStayWhereTheyAreAndAreReadWithTheNewOnes() {
        Instant at = Instant.parse("2026-03-14T01:00:00Z");
        for (int i = 0; i < 2; i++) {
            collection.insertOne(earlierLayoutBucket(at.plusSeconds(i), "USER:old-" + i));
        }

        AccessLogStore store = new AccessLogStore(db, clock, Period.ofMonths(13), 1000);
        store.record(SATO, at.plusSeconds(60), "USER:new", "LEVEL_ONLY", "MEMBER_STATUS");
        // an instance of the earlier version, during a rolling update: appends to a bucket with room, as it did
        collection.updateOne(
                Filters.and(
                        Filters.eq("organization", SATO.toString()),
                        Filters.eq("month", "2026-03"),
                        Filters.lt("count", 1000),
                        Filters.eq("bucket", -1)),
                new Document("$push", new Document("entries", entry(at.plusSeconds(30), "USER:older-instance")))
                        .append("$inc", new Document("count", 1))
                        .append("$max", new Document("to", Date.from(at.plusSeconds(30)))));
        // and opens a bucket of its own, listed at the next start or purge
        collection.insertOne(earlierLayoutBucket(at.plusSeconds(40), "USER:opened-by-older-instance"));
        new AccessLogStore(db, clock, Period.ofMonths(13), 1000); // a second start lists nothing twice

        assertThat(store.recent(SATO, LocalDate.of(2026, 3, 15), 90, null, 10))
                .extracting(AccessLogEntryView::viewer)
                .containsExactly(
                        "USER:new", "USER:opened-by-older-instance", "USER:older-instance", "USER:old-1", "USER:old-0");
        assertThat(collection.countDocuments()).isEqualTo(4);
        assertThat(monthCount().getList("earlier", Object.class)).hasSize(3);
    }

    @Test
    void pagesWalkBackAcrossMonthsAndShowAnEntryDatedInTheNextMonth() {
        AccessLogStore store = new AccessLogStore(db, clock, Period.ofMonths(13), 3);
        List<Instant> written = new ArrayList<>();
        // January to March 2026 in Japan, and one in April: another service's clock ahead of this one's
        for (Instant at = Instant.parse("2026-01-20T00:00:00Z");
                at.isBefore(Instant.parse("2026-04-01T00:00:00Z"));
                at = at.plus(Duration.ofDays(3))) {
            written.add(at);
        }
        written.add(Instant.parse("2026-03-31T15:30:00Z")); // 1 April 00:30 in Japan
        written.forEach(at -> store.record(SATO, at, "USER:" + at, "LEVEL_ONLY", "MEMBER_STATUS"));

        List<Instant> read = everyPage(store, LocalDate.of(2026, 3, 31), 4).stream()
                .map(AccessLogEntryView::at)
                .toList();

        List<Instant> expected = written.stream()
                .filter(at ->
                        !at.isBefore(Instant.parse("2025-12-31T15:00:00Z"))) // 1 January in Japan: 90 days to 31 March
                .sorted(Comparator.reverseOrder())
                .toList();
        assertThat(read).isEqualTo(expected);
        assertThat(read.get(0)).isEqualTo(Instant.parse("2026-03-31T15:30:00Z"));
    }

    /** SATO's last 90 days, page after page of {@code size} ({@code before} = the last page's last), none larger. */
    private static List<AccessLogEntryView> everyPage(AccessLogStore store, LocalDate today, int size) {
        List<AccessLogEntryView> all = new ArrayList<>();
        Instant before = null;
        List<AccessLogEntryView> page;
        do {
            page = store.recent(SATO, today, 90, before, size);
            assertThat(page).hasSizeLessThanOrEqualTo(size);
            all.addAll(page);
            before = page.isEmpty() ? null : page.get(page.size() - 1).at();
        } while (page.size() == size);
        return all;
    }

    private Document monthCount() {
        return db.getCollection("access_log_months")
                .find(Filters.eq("_id", "sato-seisakusho|2026-03"))
                .first();
    }

    private static Document earlierLayoutBucket(Instant at, String viewer) {
        return new Document("organization", SATO.toString())
                .append("month", "2026-03")
                .append("count", 1)
                .append("from", Date.from(at))
                .append("to", Date.from(at))
                .append("entries", List.of(entry(at, viewer)));
    }

    private static Document entry(Instant at, String viewer) {
        return new Document("at", Date.from(at))
                .append("viewer", viewer)
                .append("scope", "LEVEL_ONLY")
                .append("what", "MEMBER_LIST");
    }

    private List<Object> counts() {
        return db.getCollection("access_log_months")
                .find()
                .map(d -> d.get("_id"))
                .into(new ArrayList<>());
    }

    private List<String> months() {
        return collection.find().map(d -> d.getString("month")).into(new ArrayList<>());
    }
}
