package dev.hoshi.store;

import de.bwaldvogel.mongo.backend.KeyValue;
import java.nio.ByteBuffer;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The key type of the embedded store's unique indexes: orders and writes keys exactly as H2's {@link ObjectDataType}
 * does, but serializes each key object at most once instead of on every comparison and every page write.
 *
 * <p>mongo-java-server keeps a unique index in an H2 map keyed by {@link KeyValue}. H2 knows no order for that class,
 * so its default key type compares two keys by Java-serializing both and comparing the bytes, on every step of every
 * B-tree search, and serializes every key of a page again each time it writes the page. This type gives the same
 * order (the same bytes, compared the same way) and writes the same bytes, so files written before it stay valid and
 * files it writes stay readable by the stock type. It remembers each key object's bytes: those it serialized, and
 * those it read from a page (a key read from the file is compared and written again with the bytes it was read from).
 *
 * <p>The memory is bounded for all index maps together: past {@value #BUDGET_BYTES} bytes remembered, every instance
 * starts over the next time it is used. One instance per index map; the monitor here only guards the memory.
 */
final class SerializedKeyType extends ObjectDataType {

    /** What all instances together may remember, counting each key's bytes and {@value #ENTRY_COST} more. */
    static final long BUDGET_BYTES = 32L << 20;

    /** The remembered map's entry, the array's header and the key object kept alive, roughly. */
    static final int ENTRY_COST = 128;

    /** H2's tag for a Java-serialized value: the tag, the length as a variable-size int, the bytes. */
    private static final byte SERIALIZED_TAG = 19;

    private static final AtomicLong REMEMBERED_BYTES = new AtomicLong();

    /** Moves on each time the budget is reached; an instance that sees it moved forgets what it remembered. */
    private static final AtomicInteger GENERATION = new AtomicInteger();

    private final Map<Object, byte[]> serialized = new IdentityHashMap<>();
    private long ownBytes;
    private int ownGeneration = GENERATION.get();

    /** As H2's own estimate for serialized objects: a moving average of twice their size, starting high. */
    private int averageMemory = 10_000;

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

    @Override
    public void write(WriteBuffer buff, Object obj) {
        if (!(obj instanceof KeyValue)) {
            super.write(buff, obj);
            return;
        }
        byte[] bytes = bytes(obj);
        averageMemory = movingAverage(bytes.length);
        buff.put(SERIALIZED_TAG).putVarInt(bytes.length).put(bytes);
    }

    @Override
    public Object read(ByteBuffer buff) {
        int start = buff.position();
        Object key = super.read(buff);
        if (key instanceof KeyValue && buff.get(start) == SERIALIZED_TAG) {
            ByteBuffer stored = buff.duplicate().position(start + 1);
            byte[] bytes = new byte[DataUtils.readVarInt(stored)];
            stored.get(bytes);
            averageMemory = movingAverage(bytes.length);
            remember(key, bytes);
        }
        return key;
    }

    @Override
    public int getMemory(Object obj) {
        return obj instanceof KeyValue ? averageMemory : super.getMemory(obj);
    }

    /** The bytes this instance remembers for that very key object, or null. */
    synchronized byte[] remembered(Object key) {
        return ownGeneration == GENERATION.get() ? serialized.get(key) : null;
    }

    private int movingAverage(int length) {
        return (int) ((length * 2L + 15L * averageMemory) / 16);
    }

    private synchronized byte[] bytes(Object key) {
        byte[] bytes = remembered(key);
        if (bytes == null) {
            bytes = serialize(key);
            remember(key, bytes);
        }
        return bytes;
    }

    private synchronized void remember(Object key, byte[] bytes) {
        int generation = GENERATION.get();
        if (ownGeneration != generation) {
            forget(generation);
        }
        long cost = bytes.length + ENTRY_COST;
        if (REMEMBERED_BYTES.addAndGet(cost) > BUDGET_BYTES) {
            forget(GENERATION.incrementAndGet());
        }
        byte[] previous = serialized.put(key, bytes);
        ownBytes += cost;
        if (previous != null) {
            ownBytes -= previous.length + ENTRY_COST;
            REMEMBERED_BYTES.addAndGet(-(previous.length + ENTRY_COST));
        }
    }

    private void forget(int generation) {
        REMEMBERED_BYTES.addAndGet(-ownBytes);
        serialized.clear();
        ownBytes = 0;
        ownGeneration = generation;
    }

    /** What all instances remember now, in the budget's terms. */
    static long rememberedBytes() {
        return REMEMBERED_BYTES.get();
    }

    /** How many times the budget was reached since the class was loaded. */
    static int generation() {
        return GENERATION.get();
    }
}
