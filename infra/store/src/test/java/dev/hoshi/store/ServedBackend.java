package dev.hoshi.store;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

/**
 * A backend served on a free local port with a driver client, for tests that need the backend object itself (the
 * stock one, or Hoshi's with its {@code MVStore}); closing stops the client, then the server, then the backend.
 */
final class ServedBackend implements AutoCloseable {

    private final MongoServer server;
    private final H2Backend backend;
    private final MongoClient client;

    private ServedBackend(H2Backend backend) {
        this.backend = backend;
        this.server = new MongoServer(backend);
        try {
            server.bind("127.0.0.1", 0);
        } catch (RuntimeException e) {
            server.shutdownNow();
            backend.close();
            throw e;
        }
        this.client = MongoClients.create(
                "mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
    }

    static ServedBackend serve(H2Backend backend) {
        return new ServedBackend(backend);
    }

    MongoClient client() {
        return client;
    }

    @Override
    public void close() {
        try {
            client.close();
        } finally {
            server.shutdownNow();
            backend.close();
        }
    }
}
