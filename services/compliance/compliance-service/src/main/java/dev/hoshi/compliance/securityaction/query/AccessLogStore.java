package dev.hoshi.compliance.securityaction.query;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import dev.hoshi.compliance.api.status.DisclosureQueries.AccessLogEntryView;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.kernel.time.BusinessTime;
import dev.hoshi.platform.personal.PersonalDataVault;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.convert.PeriodStyle;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Who outside an organisation read its data, fed by compliance's own reads and by the {@link
 * dev.hoshi.disclosure.api.MemberDataDisclosedEvent}s insights publishes. Bounded on every side: entries go into
 * buckets of one organisation and month (Japan) holding at most {@link #ENTRIES_PER_DOCUMENT} entries each (a full
 * bucket is followed by a new one), every bucket notes its oldest and newest entry ({@code from}, {@code to}), and a
 * bucket whose newest entry is older than the retention ({@code hoshi.compliance.access-log.retention}, 13 months by
 * default) is purged on a schedule. Reading takes the buckets newest first and stops once a page is full.
 *
 * <p>Every write and read is a look-up by {@code _id}: a bucket is {@code <org>|<month>|<n>}, and {@code
 * access_log_months/<org>|<month>} counts the entries the month was given, so an entry's slot (the count before
 * {@code $inc}, plus one) names its bucket ({@code (slot - 1) / ENTRIES_PER_DOCUMENT}). The earlier layout found the bucket with room
 * by a filter on organisation, month and count, which the embedded store answers by reading every bucket of every
 * organisation: with every {@code memberStatus} read appending an entry, that scan held the collection (and the
 * server's worker thread) for 0.7 s at the median and up to 5 s in the end-to-end benchmark (docs/performance.md).
 * Buckets hold 100 entries, not the earlier 1,000: every append rewrites its bucket, on the embedded store as a
 * whole serialized document.
 */
@Component
class AccessLogStore {

    static final int ENTRIES_PER_DOCUMENT = 100;
    static final int MAX_DAYS = 366;

    private static final Logger log = LoggerFactory.getLogger(AccessLogStore.class);

    private final MongoCollection<Document> accessLog;
    private final MongoCollection<Document> months;
    private final Clock clock;
    private final Period retention;
    private final int perDocument;
    private final UnaryOperator<String> sealViewer;
    private final UnaryOperator<String> openViewer;

    @Autowired
    AccessLogStore(
            @Qualifier("serviceDatabase") MongoDatabase db,
            Clock clock,
            @Value("${hoshi.compliance.access-log.retention:13m}") String retention,
            PersonalDataVault vault) {
        this(
                db,
                clock,
                PeriodStyle.detectAndParse(retention),
                ENTRIES_PER_DOCUMENT,
                vault::sealActor,
                vault::openActor);
    }

    AccessLogStore(MongoDatabase db, Clock clock, Period retention, int perDocument) {
        this(db, clock, retention, perDocument, UnaryOperator.identity(), UnaryOperator.identity());
    }

    /**
     * The viewer is stored sealed ({@code sealViewer}: a person's id under their key) and opened on read, so an
     * erased person reads as {@code USER:erased-<key ref>} and no entry keeps their id.
     */
    private AccessLogStore(
            MongoDatabase db,
            Clock clock,
            Period retention,
            int perDocument,
            UnaryOperator<String> sealViewer,
            UnaryOperator<String> openViewer) {
        this.sealViewer = sealViewer;
        this.openViewer = openViewer;
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException(
                    "hoshi.compliance.access-log.retention must be a positive period such as 13m, but was: "
                            + retention);
        }
        this.accessLog = db.getCollection("access_log");
        this.months = db.getCollection("access_log_months");
        this.clock = clock;
        this.retention = retention;
        this.perDocument = perDocument;
        accessLog.createIndex(Indexes.ascending("to")); // the purge
        upgradeEarlierLayouts();
    }

    void record(TenantId organization, Instant at, String viewer, String scope, String what) {
        append(
                organization.toString(),
                new Document("at", Date.from(at))
                        .append("viewer", sealViewer.apply(viewer))
                        .append("scope", scope)
                        .append("what", what));
    }

    private void append(String organization, Document entry) {
        Date at = entry.getDate("at");
        String month = YearMonth.from(at.toInstant().atZone(BusinessTime.ZONE)).toString();
        Document counted = months.findOneAndUpdate(
                Filters.eq("_id", monthId(organization, month)),
                Updates.combine(
                        Updates.inc("entries", 1),
                        Updates.setOnInsert("organization", organization),
                        Updates.setOnInsert("month", month)),
                // BEFORE: the embedded server can answer AFTER with a concurrent increment included
                // (docs/eventstore.md)
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.BEFORE));
        long slot = (counted == null ? 0 : ((Number) counted.get("entries")).longValue()) + 1;
        int bucket = (int) ((slot - 1) / perDocument);
        accessLog.updateOne(
                Filters.eq("_id", bucketId(organization, month, bucket)),
                new Document("$push", new Document("entries", entry))
                        .append("$inc", new Document("count", 1))
                        .append("$min", new Document("from", at))
                        .append("$max", new Document("to", at))
                        .append(
                                "$setOnInsert",
                                new Document("organization", organization)
                                        .append("month", month)
                                        .append("bucket", bucket)),
                new UpdateOptions().upsert(true));
    }

    private static String monthId(String organization, String month) {
        return organization + "|" + month;
    }

    private static String bucketId(String organization, String month, int bucket) {
        return organization + "|" + month + "|" + bucket;
    }

    /**
     * The newest {@code limit} entries of the last {@code days} days in Japan (today included, at most {@value
     * #MAX_DAYS}), newest first, only those before {@code before} when given (the next page: the {@code at} of the
     * last entry of the previous one). A page never ends inside a run of entries of one instant (it is cut before the
     * run, unless the run fills it), so paging by {@code at} skips nothing.
     */
    List<AccessLogEntryView> recent(TenantId organization, LocalDate today, int days, Instant before, int limit) {
        Instant since = today.minusDays(Math.max(1, Math.min(days, MAX_DAYS)) - 1L)
                .atStartOfDay(BusinessTime.ZONE)
                .toInstant();
        Comparator<AccessLogEntryView> newestFirst =
                Comparator.comparing(AccessLogEntryView::at).reversed();
        List<AccessLogEntryView> page = new ArrayList<>();
        // one entry beyond the page, to see whether the page would split entries of the same instant
        int keep = limit + 1;
        String org = organization.toString();
        // newest first; a month past today's too: insights' clock may date a disclosure slightly ahead of this one
        YearMonth newest = YearMonth.from(today).plusMonths(1);
        if (before != null && YearMonth.from(before.atZone(BusinessTime.ZONE)).isBefore(newest)) {
            newest = YearMonth.from(before.atZone(BusinessTime.ZONE));
        }
        List<String> window = new ArrayList<>();
        for (YearMonth m = newest; !m.isBefore(YearMonth.from(since.atZone(BusinessTime.ZONE))); m = m.minusMonths(1)) {
            window.add(m.toString());
        }
        Map<String, Document> counts = new HashMap<>();
        months.find(Filters.in("_id", window.stream().map(m -> monthId(org, m)).toList()))
                .forEach(count -> counts.put(count.getString("month"), count));
        for (String month : window) {
            // a full page ends the walk: an earlier month holds only entries older than any of this month's
            if (page.size() >= keep) {
                break;
            }
            for (Document bucket : bucketsNewestFirst(org, counts.get(month))) {
                if (page.size() >= keep
                        && bucket.getDate("to")
                                .toInstant()
                                .isBefore(page.get(keep - 1).at())) {
                    break; // every later bucket of the month holds only older entries than a full page
                }
                for (Document e : bucket.getList("entries", Document.class, List.of())) {
                    Instant at = e.getDate("at").toInstant();
                    if (!at.isBefore(since) && (before == null || at.isBefore(before))) {
                        page.add(new AccessLogEntryView(
                                at,
                                openViewer.apply(e.getString("viewer")),
                                e.getString("scope"),
                                e.getString("what") == null ? "MEMBER_STATUS" : e.getString("what")));
                    }
                }
                page.sort(newestFirst);
                if (page.size() > keep) {
                    page.subList(keep, page.size()).clear();
                }
            }
        }
        if (page.size() > limit) {
            Instant next = page.get(limit).at();
            page.subList(limit, page.size()).clear();
            // never end a page inside a run of one instant: the next page ('before' = the last at) starts with it
            int end = page.size();
            while (end > 0 && page.get(end - 1).at().equals(next)) {
                end--;
            }
            if (end > 0) {
                page.subList(end, page.size()).clear();
            }
        }
        return page;
    }

    /**
     * The month's buckets, newest ({@code to}) first, in one read by {@code _id}: its count names its buckets, and
     * {@code earlier} lists those of the earlier layout. None for a month without a count.
     */
    private List<Document> bucketsNewestFirst(String organization, Document count) {
        if (count == null) {
            return List.of();
        }
        long entries = ((Number) count.get("entries")).longValue();
        List<Object> bucketIds = new ArrayList<>(count.getList("earlier", Object.class, List.of()));
        for (int bucket = 0; entries > 0 && bucket <= (entries - 1) / perDocument; bucket++) {
            bucketIds.add(bucketId(organization, count.getString("month"), bucket));
        }
        return accessLog
                .find(Filters.in("_id", bucketIds))
                .sort(Indexes.descending("to"))
                .into(new ArrayList<>());
    }

    @Scheduled(
            initialDelayString = "${hoshi.compliance.access-log.purge-initial-delay:PT5M}",
            fixedDelayString = "${hoshi.compliance.access-log.purge-interval:PT6H}")
    void scheduledPurge() {
        long purged = purge();
        if (purged > 0) {
            log.info(
                    "Purged {} access-log buckets older than {} (hoshi.compliance.access-log.retention)",
                    purged,
                    retention);
        }
    }

    /** Removes the buckets whose newest entry is older than the retention, counted back from today in Japan. */
    long purge() {
        Instant cutoff = BusinessTime.today(clock)
                .minus(retention)
                .atStartOfDay(BusinessTime.ZONE)
                .toInstant();
        long purged = accessLog.deleteMany(Filters.lt("to", Date.from(cutoff))).getDeletedCount();
        // a month before the cutoff's has no bucket left: its count goes too (a late entry starts it again)
        months.deleteMany(Filters.lt(
                "month", YearMonth.from(cutoff.atZone(BusinessTime.ZONE)).toString()));
        upgradeEarlierLayouts();
        return purged;
    }

    /**
     * Documents of the earlier layouts, all found by one read (none has a {@code bucket} number):
     *
     * <ul>
     *   <li>buckets of the previous layout (an {@code ObjectId} for {@code _id}) stay where they are and are listed in
     *       their month's count ({@code earlier}), then marked {@code bucket: -1}: nothing is copied or deleted,
     *       listing twice changes nothing, and an older instance still appending to one during a rolling update
     *       appends to a listed bucket;
     *   <li>day documents of the layout before ({@code <org>:<date>}, unbounded) are moved into buckets.
     * </ul>
     *
     * <p>At start, and at each purge for the buckets an older instance opened meanwhile; on the embedded store a read
     * of the whole collection, as the purge's own delete is.
     */
    private void upgradeEarlierLayouts() {
        List<Document> earlier = accessLog
                .find(Filters.exists("bucket", false))
                .projection(Projections.include("_id", "organization", "month"))
                .into(new ArrayList<>());
        int listed = 0;
        for (Document doc : earlier) {
            if (doc.containsKey("organization")) {
                list(doc);
                listed++;
            } else {
                moveDay(doc.get("_id"));
            }
        }
        if (listed > 0) {
            log.info("Listed {} access-log buckets of the earlier layout in their months", listed);
        }
        if (listed < earlier.size()) {
            log.info("Moved {} access-log day documents into monthly buckets", earlier.size() - listed);
        }
    }

    private void list(Document bucket) {
        String organization = bucket.getString("organization");
        String month = bucket.getString("month");
        months.updateOne(
                Filters.eq("_id", monthId(organization, month)),
                Updates.combine(
                        Updates.addToSet("earlier", bucket.get("_id")),
                        Updates.setOnInsert("organization", organization),
                        Updates.setOnInsert("month", month),
                        Updates.setOnInsert("entries", 0)),
                new UpdateOptions().upsert(true));
        accessLog.updateOne(Filters.eq("_id", bucket.get("_id")), Updates.set("bucket", -1));
    }

    private void moveDay(Object id) {
        Document day = accessLog.find(Filters.eq("_id", id)).first();
        String name = id.toString();
        int colon = name.lastIndexOf(':');
        if (day != null && colon > 0) {
            day.getList("entries", Document.class, List.of()).forEach(entry -> append(name.substring(0, colon), entry));
        }
        accessLog.deleteOne(Filters.eq("_id", id));
    }
}
