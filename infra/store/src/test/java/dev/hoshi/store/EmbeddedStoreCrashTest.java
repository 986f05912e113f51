package dev.hoshi.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import java.nio.file.Path;
import java.time.Duration;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store in its own process, killed with SIGKILL right after its last acknowledged write: every acknowledged write
 * is there when it opens its file again (no shutdown hook, no flush).
 */
class EmbeddedStoreCrashTest {

    private static final int WRITES = 300;

    @TempDir
    Path data;

    @Test
    void everyAcknowledgedWriteSurvivesAKilledStoreProcess() throws Exception {
        StoreProcess store = StoreProcess.onFreePort(data).start(Duration.ofSeconds(60));
        try (MongoClient client = MongoClients.create(store.connectionString())) {
            MongoCollection<Document> things = client.getDatabase("hoshi").getCollection("things");
            for (int i = 0; i < WRITES; i++) {
                things.insertOne(new Document("_id", "thing-" + i).append("n", i));
            }
            things.updateOne(new Document("_id", "thing-0"), new Document("$set", new Document("changed", true)));
            store.kill(); // SIGKILL, at once after the last acknowledgement
        } finally {
            store.kill();
        }

        try (EmbeddedStore again = EmbeddedStore.start(data, 0);
                MongoClient client = MongoClients.create(again.connectionString())) {
            MongoCollection<Document> things = client.getDatabase("hoshi").getCollection("things");
            assertThat(things.countDocuments()).isEqualTo(WRITES);
            assertThat(things.find(new Document("_id", "thing-" + (WRITES - 1))).first())
                    .containsEntry("n", WRITES - 1);
            assertThat(things.find(new Document("_id", "thing-0")).first()).containsEntry("changed", true);
        }
    }
}
