package dev.hoshi.compliance.securityaction.query;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOptions;
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
import java.util.List;
import java.util.function.UnaryOperator;
import org.bson.Document;
import org.bson.conversions.Bson;
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
 */
@Component
class AccessLogStore {

    static final int ENTRIES_PER_DOCUMENT = 1000;
    static final int MAX_DAYS = 366;

    private static final Logger log = LoggerFactory.getLogger(AccessLogStore.class);

    private final MongoCollection<Document> accessLog;
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
                db.getCollection("access_log"),
                clock,
                PeriodStyle.detectAndParse(retention),
                ENTRIES_PER_DOCUMENT,
                vault::sealActor,
                vault::openActor);
    }

    AccessLogStore(MongoCollection<Document> accessLog, Clock clock, Period retention, int perDocument) {
        this(accessLog, clock, retention, perDocument, UnaryOperator.identity(), UnaryOperator.identity());
    }

    /**
     * The viewer is stored sealed ({@code sealViewer}: a person's id under their key) and opened on read, so an
     * erased person reads as {@code USER:erased-<key ref>} and no entry keeps their id.
     */
    private AccessLogStore(
            MongoCollection<Document> accessLog,
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
        this.accessLog = accessLog;
        this.clock = clock;
        this.retention = retention;
        this.perDocument = perDocument;
        accessLog.createIndex(Indexes.ascending("organization", "month", "count"));
        accessLog.createIndex(Indexes.compoundIndex(Indexes.ascending("organization"), Indexes.descending("to")));
        accessLog.createIndex(Indexes.ascending("to"));
        moveDayDocuments();
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
        // the first bucket of the month with room; none: the upsert opens a new one
        accessLog.updateOne(
                Filters.and(
                        Filters.eq("organization", organization),
                        Filters.eq("month", month),
                        Filters.lt("count", perDocument)),
                new Document("$push", new Document("entries", entry))
                        .append("$inc", new Document("count", 1))
                        .append("$min", new Document("from", at))
                        .append("$max", new Document("to", at)),
                new UpdateOptions().upsert(true));
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
        List<Bson> filters = new ArrayList<>(
                List.of(Filters.eq("organization", organization.toString()), Filters.gte("to", Date.from(since))));
        if (before != null) {
            filters.add(Filters.lt("from", Date.from(before)));
        }
        Comparator<AccessLogEntryView> newestFirst =
                Comparator.comparing(AccessLogEntryView::at).reversed();
        List<AccessLogEntryView> page = new ArrayList<>();
        // one entry beyond the page, to see whether the page would split entries of the same instant
        int keep = limit + 1;
        for (Document bucket : accessLog.find(Filters.and(filters)).sort(Indexes.descending("to"))) {
            if (page.size() >= keep
                    && bucket.getDate("to")
                            .toInstant()
                            .isBefore(page.get(keep - 1).at())) {
                break; // every later bucket holds only older entries than a full page
            }
            for (Document e : bucket.getList("entries", Document.class)) {
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
        return accessLog.deleteMany(Filters.lt("to", Date.from(cutoff))).getDeletedCount();
    }

    /** Day documents of the earlier layout ({@code <org>:<date>}, unbounded) are moved into buckets, once. */
    private void moveDayDocuments() {
        int moved = 0;
        for (Document day : accessLog.find(Filters.exists("organization", false))) {
            String id = day.get("_id").toString();
            int colon = id.lastIndexOf(':');
            if (colon > 0) {
                List<Document> entries = day.getList("entries", Document.class, List.of());
                entries.forEach(entry -> append(id.substring(0, colon), entry));
            }
            accessLog.deleteOne(Filters.eq("_id", day.get("_id")));
            moved++;
        }
        if (moved > 0) {
            log.info("Moved {} access-log day documents into monthly buckets", moved);
        }
    }
}
