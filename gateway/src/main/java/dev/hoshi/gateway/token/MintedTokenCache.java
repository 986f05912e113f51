package dev.hoshi.gateway.token;

import dev.hoshi.kernel.cache.BoundedLru;
import java.time.Instant;
import java.util.Optional;

/**
 * The internal tokens minted lately, at most {@code capacity} of them, the least recently used dropped first. A token
 * is handed out again only while it has more than the reuse margin left before its {@code exp}, so a service never
 * receives one about to expire. Signing happens outside the lock: two requests of the same new caller may both mint,
 * and the later one stays.
 *
 * @param <K> everything that goes into a token's claims apart from the times and {@code jti}
 */
final class MintedTokenCache<K> {

    record Minted(String token, Instant expiresAt) {}

    private final BoundedLru<K, Minted> entries;

    MintedTokenCache(int capacity) {
        this.entries = new BoundedLru<>(capacity);
    }

    /** The token cached for {@code key} if it is still good after {@code notAfter}; a stale one is dropped. */
    Optional<String> reusable(K key, Instant notAfter) {
        if (entries.capacity() == 0) {
            return Optional.empty();
        }
        Minted minted = entries.get(key);
        if (minted == null) {
            return Optional.empty();
        }
        if (minted.expiresAt().isAfter(notAfter)) {
            return Optional.of(minted.token());
        }
        entries.remove(key);
        return Optional.empty();
    }

    void put(K key, Minted minted) {
        if (entries.capacity() > 0) {
            entries.put(key, minted);
        }
    }

    int size() {
        return entries.size();
    }
}
