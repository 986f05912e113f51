package dev.hoshi.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store in its own process, killed with SIGKILL right after its last acknowledged write, or while several clients
 * write at once: every acknowledged write is there when it opens its file again (no shutdown hook, no flush).
 */
class EmbeddedStoreCrashTest {

    private static final int WRITES = 300;
    private static final int WRITERS = 6;

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

    @Test
    void everyWriteAcknowledgedToConcurrentClientsSurvivesAStoreKilledWhileTheyWrite() throws Exception {
        StoreProcess store = StoreProcess.onFreePort(data).start(Duration.ofSeconds(60));
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        try (MongoClient client =
                MongoClients.create(store.connectionString() + "/?serverSelectionTimeoutMS=2000&retryWrites=false")) {
            MongoCollection<Document> things = client.getDatabase("hoshi").getCollection("things");
            for (int w = 0; w < WRITERS; w++) {
                String writer = "writer-" + w;
                writers.submit(() -> {
                    for (int i = 0; ; i++) {
                        String id = writer + "-" + i;
                        things.insertOne(new Document("_id", id).append("n", i)); // throws once the store is gone
                        acknowledged.add(id);
                    }
                });
            }
            while (acknowledged.size() < WRITES) {
                Thread.sleep(1); // until enough writes are acknowledged, however long they take
            }
            store.kill(); // SIGKILL, with every writer in the middle of its next write
        } finally {
            store.kill();
            writers.shutdownNow();
            assertThat(writers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }

        try (EmbeddedStore again = EmbeddedStore.start(data, 0);
                MongoClient client = MongoClients.create(again.connectionString())) {
            MongoCollection<Document> things = client.getDatabase("hoshi").getCollection("things");
            Set<String> stored = new HashSet<>();
            things.find().forEach(thing -> stored.add(thing.getString("_id")));
            assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(WRITES);
            assertThat(stored).containsAll(acknowledged);
        }
    }
}
