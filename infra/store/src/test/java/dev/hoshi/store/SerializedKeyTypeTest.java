package dev.hoshi.store;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;

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
    void keepsTheOrderAfterItsMemoryStartsOver() {
        SerializedKeyType fast = new SerializedKeyType();
        ObjectDataType stock = new ObjectDataType();
        KeyValue first = new KeyValue("org-1", 7L);
        KeyValue second = new KeyValue("org-1", 8L);
        int expected = Integer.signum(stock.compare(first, second));
        assertThat(expected).isNotZero();

        for (int i = 0; i < SerializedKeyType.REMEMBERED + 10; i++) {
            fast.compare(new KeyValue("filler", (long) i), first);
        }

        assertThat(Integer.signum(fast.compare(first, second))).isEqualTo(expected);
        assertThat(fast.compare(first, new KeyValue("org-1", 7L))).isZero();
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
