package dev.hoshi.store;

import de.bwaldvogel.mongo.backend.KeyValue;
import java.lang.ref.WeakReference;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The key type of the embedded store's unique indexes: orders and writes keys exactly as H2's {@link ObjectDataType}
 * does, but remembers each key object's serialized bytes instead of serializing it again on every comparison and
 * every page write.
 *
 * <p>mongo-java-server keeps a unique index in an H2 map keyed by {@link KeyValue}. H2 knows no order for that class,
 * so its default key type compares two keys by Java-serializing both and comparing the bytes, on every step of every
 * B-tree search, and serializes every key of a page again each time it writes the page. This type gives the same
 * order (the same bytes, compared the same way) and writes the same bytes (for a key read from a page, the bytes it
 * was read with), so files written before it stay valid and files it writes stay readable by the stock type. It
 * remembers the bytes of the keys it serialized and of those it read from a page.
 *
 * <p>The memory is bounded for all index maps together: when what they remember reaches {@value #BUDGET_BYTES} bytes,
 * every instance forgets it all and they start over (a new generation). One instance per index map; its monitor
 * guards its own memory, and no thread holds two monitors.
 */
final class SerializedKeyType extends ObjectDataType {

    /** What all instances together may remember in one generation: each key's bytes and {@value #ENTRY_COST} more. */
    static final long BUDGET_BYTES = 32L << 20;

    /** The remembered map's entry, the array's header and the key object kept alive, roughly. */
    static final int ENTRY_COST = 128;

    /** H2's tag for a Java-serialized value: the tag, the length as a variable-size int, the bytes. */
    private static final byte SERIALIZED_TAG = 19;

    /** Counts the current generation only: set back when a new one starts, so a dropped map leaves nothing counted. */
    private static final AtomicLong REMEMBERED_BYTES = new AtomicLong();

    private static final AtomicInteger GENERATION = new AtomicInteger();

    /** Every instance still in use, so that a new generation frees the memory of maps that are idle too. */
    private static final List<WeakReference<SerializedKeyType>> INSTANCES = new ArrayList<>();

    private Map<Object, byte[]> serialized = new IdentityHashMap<>();
    private int ownGeneration = GENERATION.get();

    /** As H2's own estimate for serialized objects: a moving average of twice their size, starting high. */
    private int averageMemory = 10_000;

    SerializedKeyType() {
        synchronized (INSTANCES) {
            INSTANCES.add(new WeakReference<>(this));
        }
    }

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

    /** How many keys this instance holds bytes for, whatever their generation (for tests). */
    synchronized int rememberedKeys() {
        return serialized.size();
    }

    private int movingAverage(int length) {
        return (int) ((length * 2L + 15L * averageMemory) / 16);
    }

    private byte[] bytes(Object key) {
        byte[] bytes = remembered(key);
        if (bytes == null) {
            bytes = serialize(key);
            remember(key, bytes);
        }
        return bytes;
    }

    private void remember(Object key, byte[] bytes) {
        if (rememberHere(key, bytes)) {
            forgetEverywhere(); // only now, holding no monitor
        }
    }

    /** Returns true if this started a new generation. */
    private synchronized boolean rememberHere(Object key, byte[] bytes) {
        forgetIfOlderThan(GENERATION.get());
        long cost = bytes.length + ENTRY_COST;
        boolean newGeneration = REMEMBERED_BYTES.addAndGet(cost) > BUDGET_BYTES;
        if (newGeneration) {
            forgetIfOlderThan(GENERATION.incrementAndGet());
            REMEMBERED_BYTES.set(cost);
        }
        serialized.put(key, bytes);
        return newGeneration;
    }

    private synchronized void forgetIfOlderThan(int generation) {
        if (ownGeneration != generation) {
            serialized = new IdentityHashMap<>(); // a new table: clear() would keep the old one's size
            ownGeneration = generation;
        }
    }

    private static void forgetEverywhere() {
        int generation = GENERATION.get();
        List<SerializedKeyType> alive = new ArrayList<>();
        synchronized (INSTANCES) {
            INSTANCES.removeIf(reference -> {
                SerializedKeyType instance = reference.get();
                if (instance != null) {
                    alive.add(instance);
                }
                return instance == null;
            });
        }
        alive.forEach(instance -> instance.forgetIfOlderThan(generation));
    }

    /** What all instances remember in the current generation, in the budget's terms. */
    static long rememberedBytes() {
        return REMEMBERED_BYTES.get();
    }

    /** How many generations have started since the class was loaded. */
    static int generation() {
        return GENERATION.get();
    }
}
