package dev.hoshi.store;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SerializedKeyTypeTest {

    private final Random random = new Random(42);

    @Test
    void ordersKeysExactlyAsH2sDefaultKeyTypeDoes() {
        SerializedKeyType fast = new SerializedKeyType();
        ObjectDataType stock = new ObjectDataType();
        List<KeyValue> keys = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            keys.add(randomKey());
        }
        int compared = 0;
        for (KeyValue a : keys) {
            for (int j = 0; j < 40; j++) {
                KeyValue b = keys.get(random.nextInt(keys.size()));
                assertThat(Integer.signum(fast.compare(a, b)))
                        .as("%s vs %s", a, b)
                        .isEqualTo(Integer.signum(stock.compare(a, b)));
                compared++;
            }
        }
        assertThat(compared).isEqualTo(16_000);
    }

    @Test
    void keepsTheOrderAndItsBudgetWhenEveryMapForgetsPastTheBudget() {
        SerializedKeyType fast = new SerializedKeyType();
        SerializedKeyType idle = new SerializedKeyType(); // another index map, idle while the budget fills
        ObjectDataType stock = new ObjectDataType();
        KeyValue first = new KeyValue("org-1", 7L);
        KeyValue second = new KeyValue("org-1", 8L);
        int expected = Integer.signum(stock.compare(first, second));
        assertThat(expected).isNotZero();
        fast.compare(first, second);
        assertThat(fast.remembered(second)).isNotNull();
        KeyValue idleKey = new KeyValue("org-2", 0L);
        long idleKeys = SerializedKeyType.BUDGET_BYTES / SerializedKeyType.ENTRY_COST / 4;
        for (long i = 1; i < idleKeys; i++) { // a quarter of the budget, or less if a new generation starts meanwhile
            idle.compare(idleKey, new KeyValue("org-2", i));
        }
        int generation = SerializedKeyType.generation();

        for (long i = 0; SerializedKeyType.generation() == generation; i++) {
            fast.compare(new KeyValue("filler", i), first);
            assertThat(SerializedKeyType.rememberedBytes()).isLessThanOrEqualTo(SerializedKeyType.BUDGET_BYTES);
        }

        assertThat(idle.rememberedKeys())
                .as("an idle map's memory freed at once")
                .isZero();
        assertThat(SerializedKeyType.rememberedBytes())
                .as("the new generation counts only what was remembered since it started")
                .isLessThan(1_000);
        assertThat(fast.remembered(second))
                .as("forgotten by the map that filled the budget")
                .isNull();
        assertThat(Integer.signum(fast.compare(first, second))).isEqualTo(expected);
        assertThat(fast.compare(first, new KeyValue("org-1", 7L))).isZero();
        assertThat(Integer.signum(idle.compare(idleKey, new KeyValue("org-2", 2L))))
                .isEqualTo(-1);
    }

    /** Several threads on one map, as mongo-java-server's network threads and H2's writer are, past the budget. */
    @Test
    void ordersKeysAsH2DoesFromSeveralThreadsAtOnce() throws Exception {
        SerializedKeyType fast = new SerializedKeyType();
        int threads = 4;
        int keysEach = (int) (SerializedKeyType.BUDGET_BYTES / SerializedKeyType.ENTRY_COST / threads) + 1_000;
        KeyValue pivot = new KeyValue("org-500", 500L);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> wrong = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                wrong.add(pool.submit(() -> {
                    ObjectDataType stock = new ObjectDataType();
                    int mismatches = 0;
                    for (int i = 0; i < keysEach; i++) {
                        KeyValue key = new KeyValue("org-" + (i % 1_000), (long) thread * keysEach + i);
                        int expected = Integer.signum(stock.compare(key, pivot));
                        if (Integer.signum(fast.compare(key, pivot)) != expected
                                || Integer.signum(fast.compare(pivot, key)) != -expected) {
                            mismatches++;
                        }
                    }
                    return mismatches;
                }));
            }
            for (Future<Integer> mismatches : wrong) {
                assertThat(mismatches.get(120, TimeUnit.SECONDS)).isZero();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(SerializedKeyType.rememberedBytes()).isLessThanOrEqualTo(SerializedKeyType.BUDGET_BYTES);
    }

    @Test
    void writesTheBytesH2sOwnTypeWrites() {
        SerializedKeyType fast = new SerializedKeyType();
        ObjectDataType stock = new ObjectDataType();
        for (int i = 0; i < 300; i++) {
            KeyValue key = randomKey();
            if (i % 2 == 0) {
                fast.compare(key, randomKey()); // half of them remembered before they are written
            }
            assertThat(written(fast, key)).as("%s", key).isEqualTo(written(stock, key));
        }
        assertThat(written(fast, "plain")).isEqualTo(written(stock, "plain"));
        assertThat(written(fast, 42L)).isEqualTo(written(stock, 42L));
    }

    @Test
    void readsWhatH2sOwnTypeWroteAndWritesItBackWithTheBytesItRead() {
        SerializedKeyType fast = new SerializedKeyType();
        ObjectDataType stock = new ObjectDataType();
        for (int i = 0; i < 300; i++) {
            KeyValue key = randomKey();
            byte[] stored = written(stock, key);

            Object read = fast.read(ByteBuffer.wrap(stored));

            assertThat(read).isEqualTo(key);
            byte[] remembered = fast.remembered(read);
            assertThat(remembered).isNotNull();
            ByteBuffer payload = ByteBuffer.wrap(stored, 1, stored.length - 1);
            assertThat(remembered).hasSize(DataUtils.readVarInt(payload));
            assertThat(Arrays.copyOfRange(stored, payload.position(), stored.length))
                    .isEqualTo(remembered);
            assertThat(written(fast, read)).isEqualTo(stored);
        }
        assertThat(fast.read(ByteBuffer.wrap(written(stock, "plain")))).isEqualTo("plain");
    }

    @Test
    void estimatesAKeysMemoryAsH2sOwnTypeDoesAfterEveryReadAndWrite() {
        SerializedKeyType fast = new SerializedKeyType();
        ObjectDataType stock = new ObjectDataType();
        ObjectDataType reader = new ObjectDataType();
        KeyValue probe = new KeyValue("probe", 1L);
        assertThat(fast.getMemory(probe)).isEqualTo(stock.getMemory(probe)).isEqualTo(10_000);
        for (int i = 0; i < 60; i++) {
            KeyValue key = new KeyValue("organisation-" + "x".repeat(i * 7), (long) i);
            if (i % 3 == 0) {
                byte[] stored = written(reader, key);
                fast.read(ByteBuffer.wrap(stored));
                stock.read(ByteBuffer.wrap(stored));
            } else {
                written(fast, key);
                written(stock, key);
            }
            assertThat(fast.getMemory(probe)).as("after key %s", i).isEqualTo(stock.getMemory(probe));
        }
        assertThat(fast.getMemory("plain")).isEqualTo(stock.getMemory("plain"));
    }

    @Test
    void readsKeysOneAfterAnotherFromOneBuffer() {
        SerializedKeyType fast = new SerializedKeyType();
        ObjectDataType stock = new ObjectDataType();
        KeyValue first = new KeyValue("org-1", 1L);
        KeyValue second = new KeyValue("org-22", 22L);
        WriteBuffer page = new WriteBuffer();
        page.putInt(42); // something before the keys, as in a page
        stock.write(page, first);
        stock.write(page, second);
        ByteBuffer bytes = page.getBuffer();
        bytes.flip();
        assertThat(bytes.getInt()).isEqualTo(42);

        Object readFirst = fast.read(bytes);
        Object readSecond = fast.read(bytes);

        assertThat(readFirst).isEqualTo(first);
        assertThat(readSecond).isEqualTo(second);
        assertThat(bytes.hasRemaining()).isFalse();
        assertThat(fast.remembered(readFirst)).isEqualTo(ObjectDataType.serialize(first));
        assertThat(fast.remembered(readSecond)).isEqualTo(ObjectDataType.serialize(second));
    }

    /**
     * An index map past the budget, in a file: every key comes back in H2's own order, read by this type and by the
     * stock one, after the memory started over more than once.
     */
    @Test
    void anIndexMapPastTheBudgetReadsBackInOrderWithEitherType(@TempDir Path data) {
        String file = data.resolve("keys.mv").toString();
        String padding = "x".repeat(400);
        int keySize = ObjectDataType.serialize(new KeyValue("organisation-999-" + padding, 0L)).length;
        int keys = (int) (2 * SerializedKeyType.BUDGET_BYTES / (keySize + SerializedKeyType.ENTRY_COST));
        int generation = SerializedKeyType.generation();
        MVStore store = MVStore.open(file);
        MVMap<Object, Object> index = store.openMap("index", new MVMap.Builder<>().keyType(new SerializedKeyType()));
        for (int i = 0; i < keys; i++) {
            index.put(new KeyValue("organisation-" + i % 1_000 + "-" + padding, (long) i), (long) i);
        }
        store.close();
        assertThat(SerializedKeyType.generation()).as("the memory started over").isGreaterThan(generation);

        for (ObjectDataType type : List.of(new SerializedKeyType(), new ObjectDataType())) {
            MVStore reopened = MVStore.open(file);
            MVMap<Object, Object> read = reopened.openMap("index", new MVMap.Builder<>().keyType(type));
            assertThat(read.size()).isEqualTo(keys);
            byte[] previous = null;
            for (Object key : read.keySet()) {
                byte[] bytes = ObjectDataType.serialize(key);
                if (previous != null) {
                    assertThat(Arrays.compareUnsigned(previous, bytes)).isNegative(); // H2's own order
                }
                previous = bytes;
            }
            assertThat(read.get(new KeyValue("organisation-7-" + padding, 7_007L)))
                    .isEqualTo(7_007L);
            assertThat(read.get(new KeyValue("organisation-7-" + padding, 7_008L)))
                    .isNull();
            reopened.close();
        }
        assertThat(SerializedKeyType.rememberedBytes()).isLessThanOrEqualTo(SerializedKeyType.BUDGET_BYTES);
    }

    private static byte[] written(ObjectDataType type, Object key) {
        WriteBuffer buffer = new WriteBuffer();
        type.write(buffer, key);
        ByteBuffer bytes = buffer.getBuffer();
        bytes.flip();
        byte[] result = new byte[bytes.remaining()];
        bytes.get(result);
        return result;
    }

    @Test
    void leavesKeysOfOtherTypesToH2() {
        SerializedKeyType fast = new SerializedKeyType();
        assertThat(Integer.signum(fast.compare(1L, 2L))).isEqualTo(-1);
        assertThat(fast.compare("b", "b")).isZero();
    }

    private KeyValue randomKey() {
        int size = 1 + random.nextInt(3);
        Object[] values = new Object[size];
        for (int i = 0; i < size; i++) {
            values[i] = randomValue();
        }
        return new KeyValue(values);
    }

    private Object randomValue() {
        return switch (random.nextInt(8)) {
            case 0 -> "org-" + random.nextInt(50);
            case 1 -> (long) random.nextInt(100);
            case 2 -> random.nextInt(100);
            case 3 -> random.nextDouble();
            case 4 -> random.nextBoolean();
            case 5 -> new ObjectId();
            case 6 -> Instant.ofEpochSecond(random.nextInt(1_000_000));
            default -> new Document("k", "v" + random.nextInt(5));
        };
    }
}
