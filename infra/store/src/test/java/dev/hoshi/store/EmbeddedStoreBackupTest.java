package dev.hoshi.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backup of the embedded store is a copy of its one file (docs/operations.md): taken while Hoshi is stopped, the
 * copy opened in a fresh data folder holds everything; taken while writes go on, it holds a clean prefix of them (every
 * write acknowledged before the copy started, and no hole after it), which is what H2's append-only file gives.
 */
class EmbeddedStoreBackupTest {

    @TempDir
    Path data;

    @TempDir
    Path restored;

    @Test
    void aCopyOfTheStoppedStoresFileRestoresEveryEvent() throws Exception {
        try (EmbeddedStore store = EmbeddedStore.start(data, 0);
                MongoClient client = MongoClients.create(store.connectionString())) {
            MongoCollection<Document> events =
                    client.getDatabase("hoshi_events").getCollection("events");
            for (int i = 0; i < 2_000; i++) {
                events.insertOne(new Document("_id", "org:" + i).append("globalSeq", i));
            }
        }
        Files.createDirectories(restored.resolve("store"));
        Files.copy(data.resolve("store/hoshi.mv"), restored.resolve("store/hoshi.mv"));

        try (EmbeddedStore store = EmbeddedStore.start(restored, 0);
                MongoClient client = MongoClients.create(store.connectionString())) {
            MongoCollection<Document> events =
                    client.getDatabase("hoshi_events").getCollection("events");
            assertThat(events.countDocuments()).isEqualTo(2_000);
            assertThat(events.find(new Document("_id", "org:1999")).first()).containsEntry("globalSeq", 1999);
        }
    }

    @Test
    void aCopyTakenWhileWritesGoOnRestoresACleanPrefixOfThem() throws Exception {
        AtomicInteger acknowledged = new AtomicInteger();
        int beforeCopy;
        try (EmbeddedStore store = EmbeddedStore.start(data, 0);
                MongoClient client = MongoClients.create(store.connectionString())) {
            MongoCollection<Document> events =
                    client.getDatabase("hoshi_events").getCollection("events");
            Thread writer = new Thread(() -> {
                for (int i = 0; i < 3_000; i++) {
                    events.insertOne(new Document("_id", i).append("payload", "x".repeat(200)));
                    acknowledged.incrementAndGet();
                }
            });
            writer.start();
            while (acknowledged.get() < 1_000) {
                Thread.onSpinWait();
            }
            beforeCopy = acknowledged.get();
            Files.createDirectories(restored.resolve("store"));
            Files.copy(data.resolve("store/hoshi.mv"), restored.resolve("store/hoshi.mv"));
            writer.join();
        }

        try (EmbeddedStore store = EmbeddedStore.start(restored, 0);
                MongoClient client = MongoClients.create(store.connectionString())) {
            List<Integer> ids = new ArrayList<>();
            client.getDatabase("hoshi_events")
                    .getCollection("events")
                    .find()
                    .forEach(d -> ids.add(d.getInteger("_id")));
            ids.sort(null);
            assertThat(ids.size()).as("writes in the copy").isGreaterThanOrEqualTo(beforeCopy);
            for (int i = 0; i < ids.size(); i++) {
                assertThat(ids.get(i)).as("the copy's %d-th write", i).isEqualTo(i);
            }
        }
    }
}
