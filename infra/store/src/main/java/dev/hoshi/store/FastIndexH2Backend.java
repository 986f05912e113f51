package dev.hoshi.store;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import java.util.List;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server's H2 backend with its unique indexes keyed by {@link SerializedKeyType}: the same file format and
 * the same key order, without serializing keys on every comparison; its documents stored as BSON ({@link
 * BsonDocumentType}) instead of Java serialization, files written before still read; and durable acknowledgements: a
 * command that changed anything is written to the file before it is answered.
 *
 * <p>The stock backend leaves writing to H2's background commit, once a second: a write was acknowledged to the
 * client up to a second before it reached the file, and a store process killed in that second lost it. Written
 * here, it survives the process (not the machine: there is no fsync per write, as a MongoDB journal would do;
 * {@code EmbeddedStoreCrashTest}). Writers that finish while another commit runs are covered by the next one.
 */
public final class FastIndexH2Backend extends H2Backend {

    /** H2's own default: how often its background writer commits what is not written yet, and compacts the file. */
    static final int BACKGROUND_WRITE_MILLIS = 1_000;

    /**
     * How H2Database names a collection's map of documents ({@code databases.<db>.<collection>}; package-private
     * there).
     */
    static final String COLLECTION_MAP_PREFIX = "databases.";

    private final boolean writeBeforeAnswering;
    private final SlowCommands slowCommands = SlowCommands.fromEnvironment();

    public FastIndexH2Backend(String file) {
        this(file, true);
    }

    /**
     * @param writeBeforeAnswering false leaves writing to H2's background commit, as the stock backend does (for
     *     measuring what durable acknowledgements cost: {@code infra/bench/run.sh --backend h2-background})
     */
    public FastIndexH2Backend(String file, boolean writeBeforeAnswering) {
        super(openWithoutBackgroundWriter(file));
        this.writeBeforeAnswering = writeBeforeAnswering;
        commit();
        getMvStore().setAutoCommitDelay(BACKGROUND_WRITE_MILLIS);
    }

    /**
     * Opens the file with H2's background writer off; the constructor starts it once the stock backend has opened
     * every collection and index.
     *
     * <p>Opening walks every collection to fill its indexes again. With the background writer running from the
     * start, as {@code MVStore.open} does, it committed and compacted the file during that walk, and on a large
     * store the walk then failed with "Chunk … not found": copies of the 10,000-tenant benchmark store failed to open
     * 7 times in 8 (H2 2.3.232), and opened 6 times in 6 with the writer started after the walk (docs/eventstore.md).
     */
    private static MVStore openWithoutBackgroundWriter(String file) {
        return new MVStore.Builder().fileName(file).autoCommitDisabled().open();
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        long start = System.nanoTime();
        Document answer = super.handleCommand(channel, databaseName, command, query);
        if (writeBeforeAnswering && getMvStore().hasUnsavedChanges()) {
            commit();
        }
        slowCommands.record(databaseName, command, query, start);
        return answer;
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new Database(databaseName, getMvStore(), getCursorRegistry());
    }

    /** Not static: the stock constructor opens the existing indexes before a field of this class could be set. */
    private final class Database extends H2Database {

        Database(String databaseName, MVStore store, CursorRegistry cursors) {
            super(databaseName, store, cursors);
        }

        /**
         * Opens the collection's map of documents with {@link BsonDocumentType} under the name H2Database gives it,
         * so that the stock implementation, asked next, finds the map already open and uses it.
         */
        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            String mapName = COLLECTION_MAP_PREFIX + getFullCollectionNamespace(collectionName);
            MVMap<Object, Object> map = getMvStore()
                    .openMap(mapName, new MVMap.Builder<Object, Object>().valueType(new BsonDocumentType()));
            if (!(map.getValueType() instanceof BsonDocumentType)) {
                throw new IllegalStateException(
                        "Collection map " + mapName + " was opened before the store could set its value type");
            }
            return super.openOrCreateCollection(collectionName, options);
        }

        /**
         * Opens the index's map with {@link SerializedKeyType} under the name H2Database gives it, so that the
         * stock implementation, asked next, finds the map already open and uses it.
         */
        @Override
        protected Index<Object> openOrCreateUniqueIndex(
                String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
            String mapName = getFullCollectionNamespace(collectionName) + "._index_" + indexName;
            MVMap<KeyValue, Object> map = getMvStore()
                    .openMap(mapName, new MVMap.Builder<KeyValue, Object>().keyType(new SerializedKeyType()));
            Object keyType = map.getKeyType();
            if (!(keyType instanceof SerializedKeyType)) {
                throw new IllegalStateException(
                        "Index map " + mapName + " was opened before the store could set its key type");
            }
            return super.openOrCreateUniqueIndex(collectionName, indexName, keys, sparse);
        }
    }
}
