package dev.hoshi.insights.rollup.query;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import dev.hoshi.insights.api.rollup.SuppressionReason;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * Decides which figures of a rollup may be shown, so that no figure can be subtracted from another to single out a
 * member (docs/insights.md, "Disclosure control"). Each figure is judged on its own group, the members whose scope
 * shows that fact ({@link Group}). A group's figures are shown only when
 *
 * <ol>
 *   <li>the group has at least {@code threshold} members;
 *   <li>against the same group in every wider slice of the same period (the unfiltered rollup first), the members
 *       left out are none or at least {@code threshold} (the complement rule);
 *   <li>its size equals, or is at least {@code threshold} away from, every size already shown for that group in this
 *       slice or a wider or narrower one, in any period (the change rule).
 * </ol>
 *
 * <p>Rule 3 remembers what was shown: each size shown is added to {@code insights_disclosed_sizes}
 * ({@code _id} {@code <slice>#<group>}), whose ids a support organisation's {@code <supportOrganization>#keys}
 * lists. That ledger is not part of the projection: a rebuild keeps it, since it
 * records what people have already seen.
 */
final class DisclosureControl {

    /** A figure's group and the rollup counter that holds its size. */
    enum Group {
        /** levels, standingLapsed, declined: every consenting member. */
        MEMBERS("members"),
        /** reviewsOverdue: members whose grant includes scores. */
        REVIEWS("reviewable"),
        /** scores: members whose grant includes scores and who have a sheet. */
        SCORES("scored"),
        /** items: members whose grant is full detail and who have a sheet. */
        ITEMS("detailed"),
        /** controls: members whose grant is full detail and who track a control. */
        CONTROLS("controlled"),
        /** keyActions: members whose grant is full detail (a key action not confirmed counts as such). */
        KEY_ACTIONS("fullDetail");

        final String counter;

        Group(String counter) {
            this.counter = counter;
        }
    }

    /** What was decided for each group of one rollup: its size and, when withheld, why. */
    record Verdict(Map<Group, Long> sizes, Map<Group, SuppressionReason> reasons) {

        boolean shown(Group group) {
            return !reasons.containsKey(group);
        }

        SuppressionReason reason(Group group) {
            return reasons.get(group);
        }

        /** The group's size, or {@code null} below the threshold. */
        Long size(Group group) {
            return reasons.get(group) == SuppressionReason.SMALL_GROUP ? null : sizes.get(group);
        }
    }

    /**
     * Ids per {@code $in} when reading a support organisation's ledger. On the embedded store one {@code $in} costs
     * more than linearly in its length: 8,000 ids at once took about ten times as long as the same ids in reads of 500
     * (docs/insights.md). A real MongoDB needs a few more round trips for a ledger longer than this.
     */
    static final int IDS_PER_READ = 500;

    private final MongoCollection<Document> ledger;
    private final int threshold;

    DisclosureControl(MongoDatabase db, int threshold) {
        this.ledger = db.getCollection("insights_disclosed_sizes");
        this.threshold = threshold;
        ledger.createIndex(new Document("supportOrganization", 1));
    }

    /**
     * Judges one rollup document of {@code slice} against the same period's documents of its wider slices
     * ({@code wider}: slice id → document, missing or {@code null} meaning empty), and notes the sizes it shows.
     */
    Verdict judge(String supportOrganization, String slice, Document doc, Map<String, Document> wider) {
        Map<Group, Long> sizes = new EnumMap<>(Group.class);
        Map<Group, SuppressionReason> reasons = new EnumMap<>(Group.class);
        List<Document> entries = entries(supportOrganization);
        for (Group group : Group.values()) {
            long n = count(doc, group.counter);
            sizes.put(group, n);
            SuppressionReason reason = reason(n, wider, group, shownSizes(entries, slice, group));
            if (reason == null && !note(supportOrganization, slice, group, n)) {
                reason = SuppressionReason.SMALL_CHANGE; // another reader showed a conflicting size meanwhile
            }
            if (reason != null) {
                reasons.put(group, reason);
            }
        }
        return new Verdict(sizes, reasons);
    }

    private SuppressionReason reason(long n, Map<String, Document> wider, Group group, List<Long> shown) {
        if (n < threshold) {
            return SuppressionReason.SMALL_GROUP;
        }
        for (Document parent : wider.values()) {
            long complement = count(parent, group.counter) - n;
            if (complement != 0 && complement < threshold) {
                return SuppressionReason.SMALL_COMPLEMENT;
            }
        }
        return separated(n, shown) ? null : SuppressionReason.SMALL_CHANGE;
    }

    /** Whether {@code n} equals, or is at least the threshold away from, each size in {@code shown}. */
    private boolean separated(long n, List<Long> shown) {
        return shown.stream().allMatch(z -> z == n || Math.abs(z - n) >= threshold);
    }

    /**
     * The support organisation's ledger entries, found through its list of keys ({@code <supportOrganization>#keys})
     * by {@code _id}: the embedded store reads the whole collection for a filter on {@code supportOrganization},
     * and every rollup read asks (docs/eventstore.md). A support organisation without a list yet (its entries
     * noted before the list existed, or none) is found by that filter once, and its list written.
     */
    private List<Document> entries(String supportOrganization) {
        Document keys =
                ledger.find(Filters.eq("_id", keysId(supportOrganization))).first();
        if (keys == null) {
            List<Document> entries = ledger.find(Filters.eq("supportOrganization", supportOrganization))
                    .into(new ArrayList<>());
            ledger.updateOne(
                    Filters.eq("_id", keysId(supportOrganization)),
                    Updates.addEachToSet(
                            "keys", entries.stream().map(e -> e.get("_id")).toList()),
                    new UpdateOptions().upsert(true));
            return entries;
        }
        List<Object> ids = keys.getList("keys", Object.class, List.of());
        List<Document> entries = new ArrayList<>(ids.size());
        for (int from = 0; from < ids.size(); from += IDS_PER_READ) {
            ledger.find(Filters.in("_id", ids.subList(from, Math.min(ids.size(), from + IDS_PER_READ))))
                    .into(entries);
        }
        return entries;
    }

    /** No entry's {@code _id} ({@code <slice>#<group>}, a slice always holding a '|') can be this. */
    private static String keysId(String supportOrganization) {
        return supportOrganization + "#keys";
    }

    /** Sizes shown for {@code group} in {@code slice} and every slice wider or narrower than it. */
    private static List<Long> shownSizes(List<Document> entries, String slice, Group group) {
        List<Long> sizes = new ArrayList<>();
        for (Document entry : entries) {
            if (group.name().equals(entry.getString("group")) && related(slice, entry.getString("slice"))) {
                entry.getList("sizes", Number.class, List.of()).forEach(s -> sizes.add(s.longValue()));
            }
        }
        return sizes;
    }

    /**
     * Notes that {@code n} is shown, then checks again that no conflicting size was noted by another reader at the
     * same time; on a conflict it takes its own note back and answers false.
     */
    private boolean note(String supportOrganization, String slice, Group group, long n) {
        Document key = new Document("_id", slice + "#" + group.name());
        Document own = ledger.find(key).first();
        if (own != null
                && own.getList("sizes", Number.class, List.of()).stream().anyMatch(s -> s.longValue() == n)) {
            return true; // shown before: nothing new
        }
        // listed before it is written: a reader that finds the entry through the list cannot miss it
        ledger.updateOne(
                Filters.eq("_id", keysId(supportOrganization)),
                Updates.addToSet("keys", key.get("_id")),
                new UpdateOptions().upsert(true));
        ledger.updateOne(
                key,
                new Document(
                                "$set",
                                new Document("supportOrganization", supportOrganization)
                                        .append("slice", slice)
                                        .append("group", group.name()))
                        .append("$addToSet", new Document("sizes", n)),
                new UpdateOptions().upsert(true));
        if (separated(n, shownSizes(entries(supportOrganization), slice, group))) {
            return true;
        }
        ledger.updateOne(key, new Document("$pull", new Document("sizes", n)));
        return false;
    }

    /** Whether one slice is the other, or wider or narrower than it (each filter value equal or {@code *}). */
    static boolean related(String a, String b) {
        String[] x = a.split("\\|", -1);
        String[] y = b.split("\\|", -1);
        if (x.length != y.length || !x[0].equals(y[0])) {
            return false;
        }
        boolean aWider = true;
        boolean bWider = true;
        for (int i = 1; i < x.length; i++) {
            if (x[i].equals(y[i])) {
                continue;
            }
            aWider &= x[i].equals(MemberState.ANY);
            bWider &= y[i].equals(MemberState.ANY);
        }
        return aWider || bWider;
    }

    /** The slices wider than {@code slice}: each combination of its filter values with some of them set to any. */
    static List<String> wider(String slice) {
        String[] parts = slice.split("\\|", -1);
        List<Integer> set = new ArrayList<>();
        for (int i = 1; i < parts.length; i++) {
            if (!parts[i].equals(MemberState.ANY)) {
                set.add(i);
            }
        }
        List<String> wider = new ArrayList<>();
        for (int mask = 1; mask < (1 << set.size()); mask++) {
            String[] w = parts.clone();
            for (int bit = 0; bit < set.size(); bit++) {
                if ((mask & (1 << bit)) != 0) {
                    w[set.get(bit)] = MemberState.ANY;
                }
            }
            wider.add(String.join("|", w));
        }
        return wider;
    }

    private static long count(Document doc, String field) {
        Number n = doc == null ? null : doc.get(field, Number.class);
        return n == null ? 0 : n.longValue();
    }
}
