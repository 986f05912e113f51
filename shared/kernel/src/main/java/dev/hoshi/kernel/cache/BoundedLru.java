package dev.hoshi.kernel.cache;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A map of at most {@code capacity} entries in access order: adding one more drops the least recently used, so a burst
 * of new keys pushes out only the keys nobody used lately. Thread-safe by one lock; every operation is O(1) and never
 * calls out while holding it, except the short functions given to {@link #update}.
 */
public final class BoundedLru<K, V> {

    private final int capacity;
    private final Map<K, V> entries;

    public BoundedLru(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must not be negative, but was: " + capacity);
        }
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > BoundedLru.this.capacity;
            }
        };
    }

    public int capacity() {
        return capacity;
    }

    /** The value for {@code key}, or null; a hit makes the entry the most recently used. */
    public synchronized V get(K key) {
        return entries.get(key);
    }

    public synchronized void put(K key, V value) {
        entries.put(key, value);
    }

    public synchronized void remove(K key) {
        entries.remove(key);
    }

    /**
     * Replaces the value for {@code key} by {@code next} applied to the current one (or to {@code initial}'s value when
     * absent), atomically, and returns what {@code result} makes of the new value.
     */
    public synchronized <R> R update(K key, Function<K, V> initial, UnaryOperator<V> next, Function<V, R> result) {
        V current = entries.get(key);
        V updated = next.apply(current == null ? initial.apply(key) : current);
        entries.put(key, updated);
        return result.apply(updated);
    }

    public synchronized boolean containsKey(K key) {
        return entries.containsKey(key);
    }

    public synchronized int size() {
        return entries.size();
    }
}
