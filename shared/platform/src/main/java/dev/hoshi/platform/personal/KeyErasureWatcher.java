package dev.hoshi.platform.personal;

import dev.hoshi.kernel.personal.KeyErasure;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Every process forgets an erased key as soon as it sees the erasure's event, in one place for all services and
 * every replica: a daemon thread of each process tails the event store from its head (not a processing group, whose
 * segments only one replica holds; no token is kept: a process that starts has no key cached) and {@link
 * PersonalDataVault#evict evicts} the key id of every {@link KeyErasure} event. Only those events' payloads are read
 * (the type is known without deserialising); the tail is the store's shared one, so this costs no extra query. A
 * process that misses the event (the watcher restarting after a store failure) still stops opening the key when its
 * cached copy expires ({@code hoshi.personal-data.key-cache-ttl}).
 */
public final class KeyErasureWatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(KeyErasureWatcher.class);
    private static final Duration RETRY = Duration.ofSeconds(1);

    private final StreamableMessageSource<TrackedEventMessage<?>> store;
    private final PersonalDataVault vault;
    private volatile boolean running;
    private Thread watcher;

    public KeyErasureWatcher(StreamableMessageSource<TrackedEventMessage<?>> store, PersonalDataVault vault) {
        this.store = store;
        this.vault = vault;
    }

    /** Forgets the key an erasure event names; other events are passed over unread. */
    void handle(TrackedEventMessage<?> event) {
        if (KeyErasure.class.isAssignableFrom(event.getPayloadType())
                && event.getPayload() instanceof KeyErasure erasure
                && erasure.keyId() != null) {
            vault.evict(erasure.keyId());
        }
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        // taken here, before start() returns: an erasure stored from now on is seen
        TrackingToken from = store.createHeadToken();
        watcher = new Thread(() -> watch(from), "hoshi-key-erasure-watcher");
        watcher.setDaemon(true);
        watcher.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (watcher != null) {
            watcher.interrupt();
            watcher = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void watch(TrackingToken from) {
        TrackingToken seen = from;
        while (running) {
            try (BlockingStream<TrackedEventMessage<?>> tail = store.openStream(seen)) {
                while (running) {
                    if (tail.hasNextAvailable(1, TimeUnit.SECONDS)) {
                        TrackedEventMessage<?> event = tail.nextAvailable();
                        seen = event.trackingToken();
                        handle(event);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                log.warn("Watching for key erasures failed; again in {} (cached keys still expire)", RETRY, e);
                try {
                    Thread.sleep(RETRY.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
