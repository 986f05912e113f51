package dev.hoshi.directory.consent.query;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import dev.hoshi.platform.axon.ProjectionBatch;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.bson.Document;

/**
 * The consent grants' writes for one batch of events ({@link ProjectionBatch}): the organisations touched are read in
 * one {@code $in}, each one's changes applied in the order of its events, and written back in one bulk write; then the
 * batch's erasures. An erasure thus also covers what the batch's later events wrote (one event at a time, an event
 * after the erasure kept the id it named; none should name an erased person).
 *
 * <p>A batch whose flush wrote but whose token was not stored comes again: its changes, applied in order to what
 * they wrote (and an erasure may have rewritten since), must give the same lists.
 */
final class ConsentGrantBatch implements ProjectionBatch.Buffer {

    private final MongoCollection<Document> grants;
    private final Map<String, List<Consumer<List<Document>>>> changes = new LinkedHashMap<>();
    private final List<Runnable> erasures = new ArrayList<>();

    ConsentGrantBatch(MongoCollection<Document> grants) {
        this.grants = grants;
    }

    /** Changes the organisation's list of grants. */
    void change(String organization, Consumer<List<Document>> change) {
        changes.computeIfAbsent(organization, o -> new ArrayList<>()).add(change);
    }

    /** Runs after the batch's changes are written. */
    void erase(Runnable erasure) {
        erasures.add(erasure);
    }

    @Override
    public void flush() {
        if (!changes.isEmpty()) {
            Map<String, List<Document>> lists = new HashMap<>();
            for (Document doc : grants.find(Filters.in("_id", new ArrayList<>(changes.keySet())))) {
                lists.put(doc.getString("_id"), new ArrayList<>(doc.getList("grants", Document.class)));
            }
            List<WriteModel<Document>> writes = new ArrayList<>();
            changes.forEach((organization, organizationChanges) -> {
                List<Document> list = lists.getOrDefault(organization, new ArrayList<>());
                organizationChanges.forEach(change -> change.accept(list));
                writes.add(new ReplaceOneModel<>(
                        new Document("_id", organization),
                        new Document("_id", organization).append("grants", list),
                        new ReplaceOptions().upsert(true)));
            });
            grants.bulkWrite(writes, new BulkWriteOptions().ordered(false));
        }
        erasures.forEach(Runnable::run);
    }
}
