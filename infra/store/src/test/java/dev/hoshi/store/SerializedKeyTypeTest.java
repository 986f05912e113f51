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
    void keepsTheOrderAndItsBudgetAfterItsMemoryStartsOver() {
        SerializedKeyType fast = new SerializedKeyType();
        ObjectDataType stock = new ObjectDataType();
        KeyValue first = new KeyValue("org-1", 7L);
        KeyValue second = new KeyValue("org-1", 8L);
        int expected = Integer.signum(stock.compare(first, second));
        assertThat(expected).isNotZero();
        fast.compare(first, second);
        assertThat(fast.remembered(first)).isNotNull();

        long keysPastTheBudget = SerializedKeyType.BUDGET_BYTES / SerializedKeyType.ENTRY_COST + 10;
        for (long i = 0; i < keysPastTheBudget; i++) {
            fast.compare(new KeyValue("filler", i), first);
            assertThat(SerializedKeyType.rememberedBytes()).isLessThanOrEqualTo(SerializedKeyType.BUDGET_BYTES);
        }

        assertThat(Integer.signum(fast.compare(first, second))).isEqualTo(expected);
        assertThat(fast.compare(first, new KeyValue("org-1", 7L))).isZero();
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
    void estimatesAKeysMemoryAsH2sOwnTypeDoes() {
        SerializedKeyType fast = new SerializedKeyType();
        ObjectDataType stock = new ObjectDataType();
        KeyValue key = new KeyValue("organisation-" + "x".repeat(100), 7L);
        for (int i = 0; i < 200; i++) {
            written(fast, key);
            written(stock, key);
        }
        assertThat(fast.getMemory(key)).isEqualTo(stock.getMemory(key));
        assertThat(fast.getMemory("plain")).isEqualTo(stock.getMemory("plain"));
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
