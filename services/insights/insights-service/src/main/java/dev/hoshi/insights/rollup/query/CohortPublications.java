package dev.hoshi.insights.rollup.query;

import static dev.hoshi.insights.rollup.query.MemberState.MAX_SCORE;
import static dev.hoshi.insights.rollup.query.MemberState.MIN_SCORE;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOptions;
import dev.hoshi.kernel.time.BusinessTime;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.temporal.TemporalAdjusters;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.bson.Document;

/**
 * The cohort benchmark's published figures (docs/insights.md, "Cohort benchmark"). A cohort's figures are not read
 * live: once per week (Monday to Sunday in Japan, on the first read of the week; while the publication shows no
 * figures, on every read, since withholding tells nothing) the cohort is computed from the
 * members' states and compared with the last publication that showed figures. The new figures replace the published
 * ones only when at least {@code minimumChange} members joined, left or changed their score or a part subtotal since
 * then; otherwise the published figures stay. So two publications an SME can see never differ by fewer than
 * {@code minimumChange} members, and no single member's score can be derived from them. A cohort of fewer than
 * {@code threshold} members publishes no figures.
 *
 * <p>Publications live in {@code insights_cohort_publications} ({@code _id}: the cohort id), which the projection
 * does not own: a rebuild keeps them. The member states are read once per cohort per week (by industry and SME class);
 * {@code insights_cohorts}, the projection's live sums, are not shown any more.
 */
final class CohortPublications {

    private final MongoCollection<Document> members;
    private final MongoCollection<Document> published;
    private final int threshold;
    private final int minimumChange;
    private final Clock clock;

    CohortPublications(MongoDatabase db, int threshold, int minimumChange, Clock clock) {
        this.members = db.getCollection("insights_member_state");
        this.published = db.getCollection("insights_cohort_publications");
        this.threshold = threshold;
        this.minimumChange = minimumChange;
        this.clock = clock;
        members.createIndex(new Document("industry", 1).append("smeClass", 1));
    }

    /**
     * The cohort's publication for this week, publishing first when the week's has not been decided yet. Its
     * {@code figures} are {@code null} while the cohort is below the threshold; otherwise {@code members},
     * {@code scoreSum}, {@code hist.<score+25>} and {@code part.<n>.{sum,n}}, with {@code publishedOn}.
     */
    Document publication(String industry, String smeClass) {
        String cohort = MemberState.cohort(industry, smeClass);
        String week = BusinessTime.today(clock)
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                .toString();
        while (true) {
            Document current = published.find(new Document("_id", cohort)).first();
            boolean decided = current != null && week.equals(current.getString("week"));
            if (decided && current.get("figures") != null) {
                return current;
            }
            // a publication without figures shows nothing, so it is decided again at each read until it has some
            Document next = next(cohort, industry, smeClass, current, week);
            if (decided && next.get("figures") == null) {
                return current;
            }
            if (write(current, next)) {
                return next;
            }
            // another reader decided this week first: read its decision
        }
    }

    private Document next(String cohort, String industry, String smeClass, Document current, String week) {
        Map<String, Document> now = cohortNow(cohort, industry, smeClass);
        Document baseline = current == null ? new Document() : current.get("baseline", Document.class);
        long version =
                current == null ? 0 : current.get("version", Number.class).longValue();
        Document next = new Document("_id", cohort).append("week", week).append("version", version + 1);
        if (current != null && changed(baseline, now) < minimumChange) {
            // too few changes since the figures last shown: they stay as published
            return next.append("figures", current.get("figures"))
                    .append("baseline", baseline)
                    .append("reason", current.getString("reason"));
        }
        if (now.size() < threshold) {
            return next.append("figures", null).append("baseline", baseline).append("reason", "SMALL_GROUP");
        }
        Document values = new Document();
        now.forEach(values::append);
        return next.append("figures", figures(now)).append("baseline", values).append("reason", null);
    }

    /** The cohort's members now, by organisation id: each one's score and part subtotals. */
    private Map<String, Document> cohortNow(String cohort, String industry, String smeClass) {
        Document filter = new Document("industry", industry);
        if (smeClass != null) {
            filter.append("smeClass", smeClass);
        }
        Map<String, Document> now = new TreeMap<>();
        for (Document state : members.find(filter)
                .projection(Projections.include("industry", "smeClass", "score", "parts", "grants", "evaluatedOn"))) {
            if (MemberState.cohortContribution(state).containsKey(cohort + ":members")) {
                Document parts = state.get("parts", Document.class);
                now.put(
                        MemberState.fieldSafe(state.getString("_id")),
                        new Document("score", state.getInteger("score"))
                                .append("parts", parts == null ? new Document() : parts));
            }
        }
        return now;
    }

    /** Members that joined, left, or whose score or part subtotals differ, between the baseline and now. */
    private static long changed(Document baseline, Map<String, Document> now) {
        Set<String> ids = new HashSet<>(baseline.keySet());
        ids.addAll(now.keySet());
        return ids.stream()
                .filter(id -> {
                    Document was = baseline.get(id, Document.class);
                    Document is = now.get(id);
                    return was == null || is == null || !was.toJson().equals(is.toJson());
                })
                .count();
    }

    private Document figures(Map<String, Document> now) {
        long sum = 0;
        Document hist = new Document();
        Map<String, long[]> parts = new TreeMap<>();
        for (Document member : now.values()) {
            int score = member.getInteger("score");
            sum += score;
            String bucket = Integer.toString(score - MIN_SCORE);
            hist.put(bucket, hist.get(bucket, 0L) + 1);
            Document own = member.get("parts", Document.class);
            for (String part : own.keySet()) {
                long[] p = parts.computeIfAbsent(part, k -> new long[2]);
                p[0] += own.get(part, Number.class).longValue();
                p[1]++;
            }
        }
        Document part = new Document();
        parts.forEach((p, v) -> part.append(p, new Document("sum", v[0]).append("n", v[1])));
        return new Document("members", (long) now.size())
                .append("scoreSum", sum)
                .append("hist", hist)
                .append("part", part)
                .append("publishedOn", BusinessTime.today(clock).toString());
    }

    /** Writes the week's decision unless another reader wrote one since {@code current} was read. */
    private boolean write(Document current, Document next) {
        if (current == null) {
            try {
                published.insertOne(next);
                return true;
            } catch (MongoWriteException e) {
                return false;
            }
        }
        return published
                        .replaceOne(
                                new Document("_id", next.get("_id")).append("version", current.get("version")),
                                next,
                                new ReplaceOptions())
                        .getModifiedCount()
                == 1;
    }

    /** The published histogram as counts from {@link MemberState#MIN_SCORE} to {@link MemberState#MAX_SCORE}. */
    static long[] histogram(Document figures) {
        long[] counts = new long[MAX_SCORE - MIN_SCORE + 1];
        Document hist = figures.get("hist", Document.class);
        for (String key : hist.keySet()) {
            counts[Integer.parseInt(key)] = hist.get(key, Number.class).longValue();
        }
        return counts;
    }
}
