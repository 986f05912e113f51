package dev.hoshi.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store's unique indexes with {@link SerializedKeyType}: a file written by the stock H2 backend (before Hoshi
 * changed the key type) opens and answers every look-up, old keys and new. (The way back, a file written now opened by
 * the stock backend, ended when documents became BSON: {@link BsonDocumentType}.)
 * Sizes go well past one B-tree page (H2 splits pages at a few dozen keys), so searches descend several levels.
 */
class EmbeddedStoreIndexTest {

    private static final int DOCUMENTS = 3_000;

    @TempDir
    Path data;

    @Test
    void aFileWrittenByTheStockBackendAnswersEveryLookUpOldKeysAndNew() throws Exception {
        Path file = data.resolve("store/hoshi.mv");
        file.getParent().toFile().mkdirs();
        withStockBackend(file, events -> {
            events.createIndex(Indexes.ascending("aggregateId", "seq"), new IndexOptions().unique(true));
            List<Document> batch = new ArrayList<>();
            for (int i = 0; i < DOCUMENTS; i++) {
                batch.add(event(i));
            }
            events.insertMany(batch);
        });

        try (EmbeddedStore store = EmbeddedStore.start(data, 0);
                MongoClient client = MongoClients.create(store.connectionString())) {
            MongoCollection<Document> events = events(client);
            assertEveryLookUpFinds(events, DOCUMENTS);
            assertThatThrownBy(() -> events.insertOne(event(17).append("_id", "another")))
                    .isInstanceOf(MongoWriteException.class)
                    .hasMessageContaining("duplicate key");
            for (int i = DOCUMENTS; i < DOCUMENTS + 500; i++) {
                events.insertOne(event(i));
            }
            assertEveryLookUpFinds(events, DOCUMENTS + 500);
        }

        try (EmbeddedStore store = EmbeddedStore.start(data, 0);
                MongoClient client = MongoClients.create(store.connectionString())) {
            assertEveryLookUpFinds(events(client), DOCUMENTS + 500);
        }
    }

    private static void assertEveryLookUpFinds(MongoCollection<Document> events, int count) {
        for (int i = 0; i < count; i++) {
            Document byId = events.find(new Document("_id", "e-" + i)).first();
            assertThat(byId).as("event %d by _id", i).isNotNull();
            Document byKey = events.find(new Document("aggregateId", aggregate(i)).append("seq", (long) (i % 25)))
                    .first();
            assertThat(byKey).as("event %d by (aggregateId, seq)", i).isNotNull();
            assertThat(byKey.getString("_id")).isEqualTo("e-" + i);
        }
        assertThat(events.find(new Document("_id", "e-" + count)).first()).isNull();
        assertThat(events.countDocuments()).isEqualTo(count);
    }

    private static Document event(int i) {
        return new Document("_id", "e-" + i)
                .append("aggregateId", aggregate(i))
                .append("seq", (long) (i % 25))
                .append("payload", "x".repeat(50));
    }

    private static String aggregate(int i) {
        return "org-" + (i / 25);
    }

    private static MongoCollection<Document> events(MongoClient client) {
        return client.getDatabase("hoshi").getCollection("events");
    }

    private interface WithEvents {
        void accept(MongoCollection<Document> events) throws Exception;
    }

    private static void withStockBackend(Path file, WithEvents work) throws Exception {
        try (ServedBackend served = ServedBackend.serve(new H2Backend(file.toString()))) {
            work.accept(events(served.client()));
        }
    }
}
