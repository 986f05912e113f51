package dev.hoshi.store;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The embedded MongoDB-wire server Hoshi runs on locally: {@code mongo-java-server} with its H2 backend, one file
 * under the data directory (kept between runs), listening on 127.0.0.1 only. Its limits (only unique indexes, no
 * transactions, ranges are scans) are why Hoshi's hot paths are point look-ups; see docs/eventstore.md.
 *
 * <p>Run on its own: {@code java -cp ... dev.hoshi.store.EmbeddedStore} with {@code HOSHI_STORE_PORT} (27017) and
 * {@code HOSHI_DATA_DIR} ({@code ./data}); Ctrl-C closes the file cleanly.
 */
public final class EmbeddedStore implements AutoCloseable {

    private final H2Backend backend;
    private final MongoServer server;
    private final Path file;

    private EmbeddedStore(Path file, H2Backend backend, MongoServer server) {
        this.file = file;
        this.backend = backend;
        this.server = server;
    }

    /** Opens (or creates) {@code <dataDir>/store/hoshi.mv} and listens on {@code 127.0.0.1:port} (0 = any). */
    public static EmbeddedStore start(Path dataDir, int port) throws IOException {
        Path dir = dataDir.resolve("store");
        Files.createDirectories(dir);
        Path file = dir.resolve("hoshi.mv");
        H2Backend backend = new FastIndexH2Backend(file.toString());
        MongoServer server = new MongoServer(backend);
        try {
            server.bind("127.0.0.1", port);
        } catch (Exception e) { // a BindException arrives undeclared
            server.shutdownNow();
            backend.close();
            throw new IOException(
                    "Could not listen on 127.0.0.1:" + port
                            + " (is another MongoDB or Hoshi running? set HOSHI_STORE_PORT to use another port)",
                    e);
        }
        return new EmbeddedStore(file, backend, server);
    }

    public int port() {
        return server.getLocalAddress().getPort();
    }

    public String connectionString() {
        return "mongodb://127.0.0.1:" + port();
    }

    public Path file() {
        return file;
    }

    /** Stops listening, then flushes and closes the H2 file so no lock is left behind. */
    @Override
    public void close() {
        server.shutdownNow();
        backend.close();
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(System.getenv().getOrDefault("HOSHI_STORE_PORT", "27017"));
        Path dataDir = Path.of(System.getenv().getOrDefault("HOSHI_DATA_DIR", "data"));
        EmbeddedStore store = start(dataDir, port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            store.close();
                            stopped.countDown();
                        },
                        "hoshi-store-stop"));
        System.out.println("Hoshi embedded store: " + store.connectionString() + " (data in " + store.file() + ")");
        stopped.await();
    }
}
