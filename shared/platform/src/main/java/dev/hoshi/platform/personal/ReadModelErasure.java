package dev.hoshi.platform.personal;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.ReplaceOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;

/**
 * Takes an erased person out of a read model that copied their user id in clear: every value of the named fields,
 * at any depth (in nested documents and lists, and lists of ids themselves), that is the person's id becomes what
 * their sealed ids read as from now on ({@code erased-<key ref>}), so the live read model equals one rebuilt from
 * the events after the erasure. The erasure names the person only by the vault's keyed digest; a read model is
 * scanned whole, which is fine for an operation as rare as an erasure.
 */
public final class ReadModelErasure {

    private final PersonalDataVault vault;

    public ReadModelErasure(PersonalDataVault vault) {
        this.vault = vault;
    }

    /**
     * Replaces the person named by {@code subjectDigest} by {@code erasedAs} in {@code fields} of every document of
     * {@code collection} ({@code _id} too, if named: the document moves); forgets {@code keyId} from the key cache.
     */
    public void replace(
            MongoCollection<Document> collection,
            Set<String> fields,
            String subjectDigest,
            String keyId,
            String erasedAs) {
        if (keyId != null) {
            vault.evict(keyId);
        }
        Map<String, Boolean> known = new HashMap<>();
        List<Document> all = collection.find().into(new ArrayList<>());
        for (Document doc : all) {
            Object id = doc.get("_id");
            boolean changed = replaceIn(doc, fields, subjectDigest, erasedAs, known);
            if (!changed) {
                continue;
            }
            if (!doc.get("_id").equals(id)) {
                collection.deleteOne(new Document("_id", id));
                collection.replaceOne(new Document("_id", doc.get("_id")), doc, new ReplaceOptions().upsert(true));
            } else {
                collection.replaceOne(new Document("_id", id), doc);
            }
        }
    }

    private boolean replaceIn(
            Document doc, Set<String> fields, String digest, String erasedAs, Map<String, Boolean> known) {
        boolean changed = false;
        for (Map.Entry<String, Object> entry : doc.entrySet()) {
            Object value = entry.getValue();
            if (fields.contains(entry.getKey())) {
                if (value instanceof String user && isSubject(user, digest, known)) {
                    entry.setValue(erasedAs);
                    changed = true;
                    continue;
                }
                if (value instanceof List<?> list && list.stream().anyMatch(v -> v instanceof String)) {
                    List<Object> replaced = new ArrayList<>(list.size());
                    for (Object v : list) {
                        boolean hit = v instanceof String user && isSubject(user, digest, known);
                        replaced.add(hit ? erasedAs : v);
                        changed |= hit;
                    }
                    entry.setValue(replaced);
                    continue;
                }
            }
            changed |= replaceNested(value, fields, digest, erasedAs, known);
        }
        return changed;
    }

    private boolean replaceNested(
            Object value, Set<String> fields, String digest, String erasedAs, Map<String, Boolean> known) {
        if (value instanceof Document nested) {
            return replaceIn(nested, fields, digest, erasedAs, known);
        }
        boolean changed = false;
        if (value instanceof List<?> list) {
            for (Object item : list) {
                changed |= replaceNested(item, fields, digest, erasedAs, known);
            }
        }
        return changed;
    }

    private boolean isSubject(String user, String digest, Map<String, Boolean> known) {
        return known.computeIfAbsent(user, u -> vault.isSubject(u, digest));
    }
}
