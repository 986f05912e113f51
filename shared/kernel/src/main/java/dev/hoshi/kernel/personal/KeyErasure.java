package dev.hoshi.kernel.personal;

/**
 * An event saying a key of the personal-data vault was deleted (a person's or an organisation's erasure): every
 * process that caches keys forgets {@link #keyId()} when it sees the event, so values sealed with it stop opening
 * there too (the platform's {@code KeyErasureWatcher}).
 */
public interface KeyErasure {

    /** The deleted key's id; null when there was none to delete. */
    String keyId();
}
