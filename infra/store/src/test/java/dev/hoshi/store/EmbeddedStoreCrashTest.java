package dev.hoshi.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
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
    @Timeout(300)
    void everyWriteAcknowledgedToConcurrentClientsSurvivesAStoreKilledWhileTheyWrite() throws Exception {
        StoreProcess store = StoreProcess.onFreePort(data).start(Duration.ofSeconds(60));
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        List<Future<?>> running = new ArrayList<>();
        MongoClient client = MongoClients.create( // closed once the writers stopped, so none sees it closed
                store.connectionString() + "/?serverSelectionTimeoutMS=10000&retryWrites=false");
        try {
            client.getDatabase("admin").runCommand(new Document("ping", 1));
            MongoCollection<Document> things = client.getDatabase("hoshi").getCollection("things");
            for (int w = 0; w < WRITERS; w++) {
                String writer = "writer-" + w;
                running.add(writers.submit(() -> {
                    for (int i = 0; ; i++) { // until a write fails: the store is gone
                        String id = writer + "-" + i;
                        things.insertOne(new Document("_id", id).append("n", i));
                        acknowledged.add(id);
                    }
                }));
            }
            while (acknowledged.size() < WRITES && running.stream().noneMatch(Future::isDone)) {
                Thread.sleep(1); // until enough writes are acknowledged, however long they take
            }
            assertThat(running).as("every writer still writing at the kill").noneMatch(Future::isDone);
            store.kill(); // SIGKILL, with every writer in the middle of its next write
        } finally {
            store.kill();
            writers.shutdown(); // each writer stops at its first failed write (server selection gives up after 10 s)
            boolean stopped = writers.awaitTermination(60, TimeUnit.SECONDS);
            writers.shutdownNow();
            client.close();
            assertThat(stopped).isTrue();
        }
        for (Future<?> writer : running) { // each stopped because the store was gone, not for a reason of its own
            assertThatThrownBy(writer::get).cause().isInstanceOf(MongoException.class);
        }

        try (EmbeddedStore again = EmbeddedStore.start(data, 0);
                MongoClient reader = MongoClients.create(again.connectionString())) {
            MongoCollection<Document> things = reader.getDatabase("hoshi").getCollection("things");
            Set<String> stored = new HashSet<>();
            things.find().forEach(thing -> stored.add(thing.getString("_id")));
            assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(WRITES);
            assertThat(stored).containsAll(acknowledged);
        }
    }
}
