package dev.hoshi.testsupport.personal;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/**
 * Searches every document of every collection of every database on a MongoDB server, as raw JSON (Extended JSON of
 * the stored BSON, binary values as base64), for a text: the event store, snapshots, read models, tokens, outboxes,
 * the key vault, whatever is there. Nothing decrypts on the way, so a hit is the text stored in clear.
 */
public final class RawGrep {

    private final MongoClient client;

    public RawGrep(MongoClient client) {
        this.client = client;
    }

    /** Where {@code text} is stored in clear: {@code database.collection#_id} for each document that holds it. */
    public List<String> hits(String text) {
        List<String> hits = new ArrayList<>();
        for (String name : client.listDatabaseNames()) {
            MongoDatabase database = client.getDatabase(name);
            for (String collection : database.listCollectionNames()) {
                for (Document doc : database.getCollection(collection).find()) {
                    if (doc.toJson().contains(text)) {
                        hits.add(name + "." + collection + "#" + doc.get("_id"));
                    }
                }
            }
        }
        return hits;
    }

    /** How many documents were searched: to show a search of nothing did not pass for a clean one. */
    public long documents() {
        long count = 0;
        for (String name : client.listDatabaseNames()) {
            MongoDatabase database = client.getDatabase(name);
            for (String collection : database.listCollectionNames()) {
                count += database.getCollection(collection).countDocuments();
            }
        }
        return count;
    }
}
