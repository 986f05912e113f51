package dev.hoshi.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
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
        int port = freePort();
        Process store = startStore(port);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port)) {
            MongoCollection<Document> things = client.getDatabase("hoshi").getCollection("things");
            for (int i = 0; i < WRITES; i++) {
                things.insertOne(new Document("_id", "thing-" + i).append("n", i));
            }
            things.updateOne(new Document("_id", "thing-0"), new Document("$set", new Document("changed", true)));
            store.destroyForcibly(); // SIGKILL, at once after the last acknowledgement
            assertThat(store.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            store.destroyForcibly();
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

    private Process startStore(int port) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(
                        java, "-cp", System.getProperty("java.class.path"), EmbeddedStore.class.getName())
                .redirectErrorStream(true)
                .redirectOutput(data.resolve("store.log").toFile());
        builder.environment().put("HOSHI_STORE_PORT", String.valueOf(port));
        builder.environment().put("HOSHI_DATA_DIR", data.toString());
        Process process = builder.start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!listening(port)) {
            assertThat(process.isAlive()).as("the store process is running").isTrue();
            assertThat(Instant.now()).as("the store listens within 60 s").isBefore(deadline);
            Thread.sleep(100);
        }
        return process;
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
