package dev.hoshi.testsupport.axon;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import org.bson.Document;
import org.springframework.context.ApplicationContext;

/**
 * The event store's snapshot documents: collection {@value #COLLECTION} of the events database, one document per
 * aggregate with {@code _id} = the aggregate's identifier (see {@code dev.hoshi.eventstore.EventDocuments}).
 *
 * <pre>{@code
 * StoredSnapshots snapshots = StoredSnapshots.of(applicationContext);
 * assertThat(snapshots.require(id).sequenceNumber()).isGreaterThanOrEqualTo(99);
 * snapshots.putResource("old-snapshots/ControlPlan.json", id);   // a snapshot as older code stored it
 * }</pre>
 */
public final class StoredSnapshots {

    /** The events database unless {@code hoshi.eventstore.database} says otherwise. */
    public static final String DEFAULT_DATABASE = "hoshi_events";

    public static final String COLLECTION = "snapshots";

    private final MongoCollection<Document> collection;

    private StoredSnapshots(MongoCollection<Document> collection) {
        this.collection = collection;
    }

    /** The snapshots of a running service: its {@code MongoClient} and {@code hoshi.eventstore.database}. */
    public static StoredSnapshots of(ApplicationContext context) {
        String database = context.getEnvironment().getProperty("hoshi.eventstore.database", DEFAULT_DATABASE);
        return in(context.getBean(MongoClient.class).getDatabase(database));
    }

    /** The snapshots kept in {@code eventsDatabase}. */
    public static StoredSnapshots in(MongoDatabase eventsDatabase) {
        return new StoredSnapshots(eventsDatabase.getCollection(COLLECTION));
    }

    /** The aggregate's stored snapshot, if it has one. */
    public Optional<StoredSnapshot> find(String aggregateId) {
        return Optional.ofNullable(collection.find(byId(aggregateId)).first()).map(StoredSnapshot::of);
    }

    /** The aggregate's stored snapshot; fails when it has none. */
    public StoredSnapshot require(String aggregateId) {
        return find(aggregateId)
                .orElseThrow(() -> new AssertionError("No snapshot is stored for aggregate " + aggregateId));
    }

    /** Stores {@code document} as its aggregate's snapshot (its {@code _id}), in place of any stored one. */
    public void put(Document document) {
        Object id = Objects.requireNonNull(document.get("_id"), "a snapshot document needs its _id");
        collection.replaceOne(new Document("_id", id), document, new ReplaceOptions().upsert(true));
    }

    /**
     * Stores the snapshot document in {@code classpathResource} (MongoDB Extended JSON, as {@code
     * Document.toJson()} writes it) exactly as it is, and returns it.
     */
    public Document putResource(String classpathResource) {
        Document document = Document.parse(read(classpathResource));
        put(document);
        return document;
    }

    /**
     * Stores the snapshot document in {@code classpathResource} as the snapshot of another aggregate: only its
     * {@code _id} and {@code aggregateId} become {@code aggregateId}. Returns the stored document.
     */
    public Document putResource(String classpathResource, String aggregateId) {
        Document document = Document.parse(read(classpathResource))
                .append("_id", aggregateId)
                .append("aggregateId", aggregateId);
        put(document);
        return document;
    }

    private static Document byId(String aggregateId) {
        return new Document("_id", aggregateId);
    }

    private static String read(String classpathResource) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try (InputStream in = loader.getResourceAsStream(classpathResource)) {
            if (in == null) {
                throw new IllegalArgumentException("No resource " + classpathResource + " on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
