package dev.hoshi.platform.readmodel;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.bson.Document;

/**
 * Sets of ids that may grow to every tenant (the organisations due on a day, say), each kept in {@value #BUCKETS}
 * documents ({@code <set>#<bucket>}, the bucket from the member's hash) instead of one. In one document every addition
 * rewrote an ever longer list: the embedded server copies the whole document on each update, and {@code $addToSet}
 * compares with every element, so filling a set of n cost n² (3,700 ids per document at 5,000 tenants, a processor
 * falling further behind with each tenant). A bucket holds about n / 256 ids.
 *
 * <p>A set is read with one {@code $in} of its ids, which includes the single document ({@code <set>}) that earlier
 * versions wrote, so what they stored is still found and still removed. Writes are {@code $addToSet} and
 * {@code $pullAll}: safe to repeat, and to run from several threads at once.
 */
public final class BucketedSets {

    public static final int BUCKETS = 256;

    private final MongoCollection<Document> collection;
    private final String field;

    /** The sets kept in {@code collection}, their members in the array {@code field} of each document. */
    public BucketedSets(MongoCollection<Document> collection, String field) {
        this.collection = collection;
        this.field = field;
    }

    /** Adds {@code member} to {@code set} (again changes nothing). */
    public void add(String set, String member) {
        addAll(Map.of(set, List.of(member)));
    }

    /** Adds every set's members: one bulk write of one {@code $addToSet} per bucket touched. */
    public void addAll(Map<String, ? extends Collection<String>> members) {
        Map<String, Set<String>> byBucket = new TreeMap<>();
        members.forEach(
                (set, ids) -> ids.forEach(id -> byBucket.computeIfAbsent(bucketId(set, id), k -> new TreeSet<>())
                        .add(id)));
        addToSets(collection, field, byBucket);
    }

    /**
     * Adds each document's ids to its array {@code field} ({@code $addToSet}, the document created if missing): one
     * unordered bulk write of one update per document, none for an empty map. For the buckets here, and for sets small
     * enough to stay one document (an analyst's support organisations, an organisation's memberships).
     */
    public static void addToSets(
            MongoCollection<Document> collection, String field, Map<String, ? extends Collection<String>> byDocument) {
        if (byDocument.isEmpty()) {
            return;
        }
        List<WriteModel<Document>> writes = new ArrayList<>();
        byDocument.forEach((id, ids) -> writes.add(new UpdateOneModel<>(
                new Document("_id", id),
                new Document("$addToSet", new Document(field, new Document("$each", new ArrayList<>(ids)))),
                new UpdateOptions().upsert(true))));
        collection.bulkWrite(writes, new BulkWriteOptions().ordered(false));
    }

    /** The set's members, each once, in id order (one read). */
    public Set<String> members(String set) {
        return membersOf(List.of(set)).get(set);
    }

    /** Each set's members, each once, in id order (one read for all; an empty set for a set without any). */
    public Map<String, Set<String>> membersOf(Collection<String> sets) {
        Map<String, String> setOf = new HashMap<>(); // document id -> set
        Map<String, Set<String>> members = new TreeMap<>();
        for (String set : sets) {
            ids(set).forEach(id -> setOf.put(id, set));
            members.put(set, new TreeSet<>());
        }
        if (!setOf.isEmpty()) {
            for (Document bucket : collection.find(Filters.in("_id", new ArrayList<>(setOf.keySet())))) {
                members.get(setOf.get(bucket.getString("_id"))).addAll(bucket.getList(field, String.class, List.of()));
            }
        }
        return members;
    }

    /** Takes {@code members} out of {@code set}: from its buckets and from an earlier version's single document. */
    public void removeAll(String set, Collection<String> members) {
        Map<String, List<String>> byBucket = new TreeMap<>();
        for (String id : members) {
            byBucket.computeIfAbsent(bucketId(set, id), k -> new ArrayList<>()).add(id);
        }
        List<WriteModel<Document>> writes = new ArrayList<>();
        byBucket.forEach((bucket, ids) -> writes.add(pullAll(bucket, ids)));
        if (!members.isEmpty()) {
            writes.add(pullAll(set, new ArrayList<>(members)));
        }
        if (!writes.isEmpty()) {
            collection.bulkWrite(writes, new BulkWriteOptions().ordered(false));
        }
    }

    private UpdateOneModel<Document> pullAll(String id, List<String> members) {
        return new UpdateOneModel<>(new Document("_id", id), new Document("$pullAll", new Document(field, members)));
    }

    /** The ids of the set's documents: its buckets and the single document of earlier versions. */
    private static List<String> ids(String set) {
        List<String> ids = new ArrayList<>(BUCKETS + 1);
        ids.add(set);
        for (int bucket = 0; bucket < BUCKETS; bucket++) {
            ids.add(bucketId(set, bucket));
        }
        return ids;
    }

    static String bucketId(String set, String member) {
        return bucketId(set, Math.floorMod(member.hashCode(), BUCKETS));
    }

    private static String bucketId(String set, int bucket) {
        return set + "#" + bucket;
    }
}
