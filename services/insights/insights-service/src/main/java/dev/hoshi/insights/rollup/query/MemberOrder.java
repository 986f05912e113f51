package dev.hoshi.insights.rollup.query;

import com.mongodb.client.MongoCollection;
import dev.hoshi.insights.api.rollup.ListSupportOrganizationMembersQuery.MemberSort;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bson.Document;

/**
 * The member list's four orders, kept so that a page is read with point look-ups rather than a sort of every row
 * (the embedded server has no ordered index: any other read of the rows reads them all).
 *
 * <p>The one rule of the list's order is {@link #place}: a row's place in a sort is a <em>key</em> and an
 * <em>entry</em>, two strings that sort ascending in list order (highest score first, a row without the sort's field
 * last, ties by organisation id). The filtered list sorts the rows by the same strings ({@link #ranks}).
 *
 * <p>Stored in {@code insights_member_order}, counted like the rollups (one {@code $inc} per batch, from each step's
 * difference, so that threads writing the same member in any order leave the same counts):
 *
 * <ul>
 *   <li>{@code <supportOrg>|<sort>}: how many members each key holds ({@code k.<key>});
 *   <li>{@code <supportOrg>|<sort>|<key>|<n>}: the entries of that key, {@code m.<entry>: 1} (0 once the member
 *       moved on), split over {@value #SUBS} documents by the organisation id's hash so that one document stays small
 *       however many members share a key.
 * </ul>
 *
 * A page reads the counts (one look-up), finds the keys it spans and reads their buckets (one {@code $in}).
 */
final class MemberOrder {

    /** Buckets per key. */
    static final int SUBS = 16;

    /** Where a row stands in one sort; ascending {@code (key, entry)} is the list's order. */
    record Place(String key, String entry) {}

    /** The organisations of a page in list order, and how many members the list holds. */
    record Page(List<String> organizations, long total) {}

    private MemberOrder() {}

    /** The row's place in {@code sort}: descending on the sort's field (absent last), then score, then id. */
    static Place place(MemberSort sort, Document row) {
        String organization = row.getString("organization");
        String score = descending(row.getInteger("score"));
        return switch (sort) {
            case SCORE -> new Place(score, organization);
            case LEVEL -> new Place(descending(row.getInteger("levelRank")) + score, organization);
            case OVERDUE -> new Place(descending(row.getInteger("overdueRank")) + score, organization);
            case LAST_ASSESSMENT -> new Place(descendingDate(row.getString("assessedOn")), score + "|" + organization);
        };
    }

    /** The row's rank in each sort, {@code key|entry}: what the filtered list sorts on (ascending). */
    static Document ranks(Document row) {
        Document ranks = new Document();
        for (MemberSort sort : MemberSort.values()) {
            Place place = place(sort, row);
            ranks.append(sort.name(), place.key() + "|" + place.entry());
        }
        return ranks;
    }

    /**
     * Large values first: {@code 50000 - value} in five digits, enough for every field sorted on (a score from
     * {@value MemberState#MIN_SCORE} to {@value MemberState#MAX_SCORE}, a level rank, 0 or 1); absent after all.
     */
    private static String descending(Integer value) {
        return value == null ? "~~~~~" : String.format("%05d", 50_000 - value);
    }

    /** {@code yyyy-MM-dd}, latest first; absent after all. */
    private static String descendingDate(String date) {
        if (date == null) {
            return "~~~~~~~~";
        }
        return String.format("%08d", 99_999_999 - Integer.parseInt(date.replace("-", "")));
    }

    static String countsId(String supportOrganization, MemberSort sort) {
        return supportOrganization + "|" + sort.name();
    }

    static String bucketId(String supportOrganization, MemberSort sort, String key, int sub) {
        return countsId(supportOrganization, sort) + "|" + key + "|" + sub;
    }

    private static int sub(String organization) {
        return Math.floorMod(organization.hashCode(), SUBS);
    }

    /** An entry as a field name: ids may hold '.', which a field path would split; ':' is not an id character. */
    private static String field(String entry) {
        return entry.replace('.', ':');
    }

    private static String entry(String field) {
        return field.replace(':', '.');
    }

    private static String organization(String entry) {
        return entry.substring(entry.lastIndexOf('|') + 1);
    }

    /**
     * Adds the row's places to {@code inc} ({@code _id} → field → amount) with {@code sign}: +1 for a row the
     * member now has, -1 for the one it had.
     */
    static void count(Map<String, Map<String, Long>> inc, String supportOrganization, Document row, long sign) {
        String organization = row.getString("organization");
        for (MemberSort sort : MemberSort.values()) {
            Place place = place(sort, row);
            inc.computeIfAbsent(countsId(supportOrganization, sort), k -> new TreeMap<>())
                    .merge("k." + place.key(), sign, Long::sum);
            inc.computeIfAbsent(
                            bucketId(supportOrganization, sort, place.key(), sub(organization)), k -> new TreeMap<>())
                    .merge("m." + field(place.entry()), sign, Long::sum);
        }
    }

    /** The organisations at {@code offset} to {@code offset + limit} in {@code sort}: two reads by id. */
    static Page page(
            MongoCollection<Document> order, String supportOrganization, MemberSort sort, int offset, int limit) {
        Document counts = order.find(new Document("_id", countsId(supportOrganization, sort)))
                .first();
        if (counts == null) {
            return new Page(List.of(), 0);
        }
        TreeMap<String, Long> keys = new TreeMap<>();
        counts.get("k", new Document()).forEach((key, n) -> {
            if (((Number) n).longValue() > 0) {
                keys.put(key, ((Number) n).longValue());
            }
        });
        long total = keys.values().stream().mapToLong(Long::longValue).sum();
        long before = 0; // members in the keys before the first one read
        long seen = 0;
        Map<String, String> buckets = new HashMap<>(); // bucket id -> key
        for (var key : keys.entrySet()) {
            if (seen >= (long) offset + limit) {
                break;
            }
            if (seen + key.getValue() <= offset) {
                before += key.getValue();
            } else {
                for (int sub = 0; sub < SUBS; sub++) {
                    buckets.put(bucketId(supportOrganization, sort, key.getKey(), sub), key.getKey());
                }
            }
            seen += key.getValue();
        }
        if (buckets.isEmpty()) {
            return new Page(List.of(), total);
        }
        TreeMap<String, List<String>> entries = new TreeMap<>();
        order.find(new Document("_id", new Document("$in", new ArrayList<>(buckets.keySet()))))
                .forEach(bucket -> {
                    List<String> ofKey =
                            entries.computeIfAbsent(buckets.get(bucket.getString("_id")), k -> new ArrayList<>());
                    bucket.get("m", new Document()).forEach((field, n) -> {
                        if (((Number) n).longValue() > 0) {
                            ofKey.add(entry(field));
                        }
                    });
                });
        List<String> organizations = new ArrayList<>();
        long position = before;
        for (List<String> ofKey : entries.values()) {
            ofKey.sort(null);
            for (String entry : ofKey) {
                if (position >= offset && organizations.size() < limit) {
                    organizations.add(organization(entry));
                }
                position++;
            }
        }
        return new Page(organizations, total);
    }
}
