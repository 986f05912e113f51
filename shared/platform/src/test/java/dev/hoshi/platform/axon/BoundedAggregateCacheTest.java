package dev.hoshi.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.Test;

class BoundedAggregateCacheTest {

    private final BoundedAggregateCache cache = new BoundedAggregateCache(2);
    private final List<String> heard = new ArrayList<>();

    BoundedAggregateCacheTest() {
        cache.registerCacheEntryListener(new Cache.EntryListenerAdapter() {
            @Override
            public void onEntryCreated(Object key, Object value) {
                heard.add("created " + key);
            }

            @Override
            public void onEntryExpired(Object key) {
                heard.add("expired " + key);
            }

            @Override
            public void onEntryRemoved(Object key) {
                heard.add("removed " + key);
            }
        });
    }

    @Test
    void keepsTheMostRecentlyUsedAggregatesAndSaysWhichItDropped() {
        cache.put("sato", "A");
        cache.put("suzuki", "B");
        assertThat(cache.<String, String>get("sato")).isEqualTo("A");

        cache.put("yamada", "C");

        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.containsKey("suzuki")).isFalse();
        assertThat(cache.containsKey("sato")).isTrue();
        assertThat(heard).containsExactly("created sato", "created suzuki", "created yamada", "expired suzuki");
    }

    @Test
    void holdsItsEntriesStronglyThroughGarbageCollections() {
        cache.put("sato", new StringBuilder("state"));
        System.gc();
        assertThat(cache.<String, StringBuilder>get("sato")).hasToString("state");
    }

    @Test
    void computesAndRemovesAsAxonExpects() {
        assertThat(cache.computeIfAbsent("sato", () -> "loaded")).isEqualTo("loaded");
        assertThat(cache.computeIfAbsent("sato", () -> "again")).isEqualTo("loaded");
        assertThat(cache.putIfAbsent("sato", "other")).isFalse();

        cache.<String>computeIfPresent("sato", v -> v + "+1");
        assertThat(cache.<String, String>get("sato")).isEqualTo("loaded+1");
        cache.<String>computeIfPresent("sato", v -> null);
        assertThat(cache.containsKey("sato")).isFalse();

        cache.put("suzuki", "B");
        assertThat(cache.remove("suzuki")).isTrue();
        assertThat(cache.remove("suzuki")).isFalse();
        cache.put("yamada", "C");
        cache.removeAll();
        assertThat(cache.size()).isZero();
        assertThatThrownBy(() -> cache.put("x", null)).isInstanceOf(IllegalArgumentException.class);
    }
}
