package dev.hoshi.store;

import de.bwaldvogel.mongo.backend.KeyValue;
import java.util.IdentityHashMap;
import java.util.Map;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The key type of the embedded store's unique indexes: orders keys exactly as H2's {@link ObjectDataType} does, but
 * serializes each key once instead of on every comparison.
 *
 * <p>mongo-java-server keeps a unique index in an H2 map keyed by {@link KeyValue}. H2 knows no order for that class,
 * so its default key type compares two keys by Java-serializing both and comparing the bytes, on every step of every
 * B-tree search: a profile of the local system under load found two thirds of the store's CPU there. This type gives
 * the same order (the same bytes, compared the same way), so files written before it stay valid, and remembers each
 * key object's bytes. The memory is bounded: past {@value #REMEMBERED} keys it starts over. One instance per index map;
 * the collection's lock already serializes its users, the monitor here only guards the memory.
 */
final class SerializedKeyType extends ObjectDataType {

    static final int REMEMBERED = 50_000;

    private final Map<Object, byte[]> serialized = new IdentityHashMap<>();

    @Override
    public int compare(Object a, Object b) {
        if (a == b) {
            return 0;
        }
        if (a instanceof KeyValue && b instanceof KeyValue) {
            return compareNotNull(bytes(a), bytes(b));
        }
        return super.compare(a, b);
    }

    private synchronized byte[] bytes(Object key) {
        byte[] bytes = serialized.get(key);
        if (bytes == null) {
            if (serialized.size() >= REMEMBERED) {
                serialized.clear();
            }
            bytes = serialize(key);
            serialized.put(key, bytes);
        }
        return bytes;
    }
}
