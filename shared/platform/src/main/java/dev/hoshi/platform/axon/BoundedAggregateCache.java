package dev.hoshi.platform.axon;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;

/**
 * An aggregate cache that keeps the {@code capacity} most recently used aggregates. Axon's {@code WeakReferenceCache}
 * loses its entries at every garbage collection, which under load is several times a second: a profile found each
 * command reading the aggregate's snapshot and events again. With this cache a command on a recently used aggregate
 * reads nothing before it appends.
 *
 * <p>Safe with several replicas: an append from a stale cached aggregate conflicts on the event store's unique
 * (aggregate, sequence) index, Axon drops the entry when the unit of work rolls back, and the command is retried
 * ({@link ConflictRetryScheduler}) on a freshly loaded aggregate. Listeners are called outside the lock.
 */
public final class BoundedAggregateCache implements Cache {

    private final int capacity;
    private final Set<EntryListener> listeners = new CopyOnWriteArraySet<>();
    private final List<Object> evicted = new ArrayList<>();
    private final Map<Object, Object> entries;

    public BoundedAggregateCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, but was: " + capacity);
        }
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Object, Object> eldest) {
                if (size() > BoundedAggregateCache.this.capacity) {
                    evicted.add(eldest.getKey());
                    return true;
                }
                return false;
            }
        };
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        Object value;
        synchronized (entries) {
            value = entries.get(key);
        }
        if (value != null) {
            tell(l -> l.onEntryRead(key, value));
        }
        return (V) value;
    }

    @Override
    public void put(Object key, Object value) {
        requireValue(value);
        Object previous;
        synchronized (entries) {
            previous = entries.put(key, value);
        }
        tell(previous == null ? l -> l.onEntryCreated(key, value) : l -> l.onEntryUpdated(key, value));
        tellEvicted();
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        requireValue(value);
        boolean added;
        synchronized (entries) {
            added = entries.putIfAbsent(key, value) == null;
        }
        if (added) {
            tell(l -> l.onEntryCreated(key, value));
            tellEvicted();
        }
        return added;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T computeIfAbsent(Object key, Supplier<T> valueSupplier) {
        T existing = get(key);
        if (existing != null) {
            return existing;
        }
        T value = valueSupplier.get();
        if (value == null) {
            throw new IllegalStateException("The value supplier gave no value for key [" + key + "]");
        }
        put(key, value);
        return value;
    }

    @Override
    public boolean remove(Object key) {
        boolean removed;
        synchronized (entries) {
            removed = entries.remove(key) != null;
        }
        if (removed) {
            tell(l -> l.onEntryRemoved(key));
        }
        return removed;
    }

    @Override
    public void removeAll() {
        List<Object> keys;
        synchronized (entries) {
            keys = new ArrayList<>(entries.keySet());
            entries.clear();
        }
        keys.forEach(key -> tell(l -> l.onEntryRemoved(key)));
    }

    @Override
    public boolean containsKey(Object key) {
        synchronized (entries) {
            return entries.containsKey(key);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> void computeIfPresent(Object key, UnaryOperator<V> update) {
        Object[] outcome = new Object[1];
        boolean[] present = new boolean[1];
        synchronized (entries) {
            entries.computeIfPresent(key, (k, current) -> {
                present[0] = true;
                V next = update.apply((V) current);
                outcome[0] = next;
                return next;
            });
        }
        if (present[0]) {
            Object value = outcome[0];
            tell(value == null ? l -> l.onEntryRemoved(key) : l -> l.onEntryUpdated(key, value));
        }
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    public int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    private void tellEvicted() {
        List<Object> keys;
        synchronized (entries) {
            if (evicted.isEmpty()) {
                return;
            }
            keys = new ArrayList<>(evicted);
            evicted.clear();
        }
        keys.forEach(key -> tell(l -> l.onEntryExpired(key)));
    }

    private void tell(Consumer<EntryListener> event) {
        listeners.forEach(event);
    }

    private static void requireValue(Object value) {
        if (value == null) {
            throw new IllegalArgumentException("Null values not supported");
        }
    }
}
