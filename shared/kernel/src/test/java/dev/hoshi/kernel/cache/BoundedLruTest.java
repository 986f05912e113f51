package dev.hoshi.kernel.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BoundedLruTest {

    @Test
    void dropsTheLeastRecentlyUsedEntryPastItsCapacity() {
        BoundedLru<String, Integer> lru = new BoundedLru<>(2);
        lru.put("a", 1);
        lru.put("b", 2);
        assertThat(lru.get("a")).isEqualTo(1); // "b" is now the least recently used

        lru.put("c", 3);

        assertThat(lru.size()).isEqualTo(2);
        assertThat(lru.containsKey("b")).isFalse();
        assertThat(lru.get("a")).isEqualTo(1);
        assertThat(lru.get("c")).isEqualTo(3);
    }

    @Test
    void updatesAValueFromItsInitialOrCurrentOne() {
        BoundedLru<String, Integer> lru = new BoundedLru<>(4);

        String first = lru.update("n", k -> 10, v -> v + 1, v -> "now " + v);
        String second = lru.update("n", k -> 10, v -> v + 1, v -> "now " + v);

        assertThat(first).isEqualTo("now 11");
        assertThat(second).isEqualTo("now 12");
        lru.remove("n");
        assertThat(lru.get("n")).isNull();
    }

    @Test
    void refusesANegativeCapacity() {
        assertThatThrownBy(() -> new BoundedLru<>(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
