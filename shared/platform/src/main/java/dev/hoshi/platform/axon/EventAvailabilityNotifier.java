package dev.hoshi.platform.axon;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event store as the pooled streaming processors see it, with word when new events arrive. Axon's embedded event
 * store has no availability callback, so an idle processor looks for new events only every 500 ms, which is how late
 * a service's own read models used to be after a command. Here one watcher thread tails the store (it is woken by
 * the store's producer as soon as new events are in its cache: at once for this JVM's commits, within the fetch delay
 * for other services') and then tells every open processor stream, whose coordinator reads at once. Without word
 * (the watcher is restarting) a processor still looks every {@code tokenClaimInterval}.
 */
final class EventAvailabilityNotifier implements StreamableMessageSource<TrackedEventMessage<?>> {

    private static final Logger log = LoggerFactory.getLogger(EventAvailabilityNotifier.class);
    private static final Duration RETRY = Duration.ofSeconds(1);

    private final StreamableMessageSource<TrackedEventMessage<?>> store;
    private final Set<Runnable> listeners = new CopyOnWriteArraySet<>();
    private volatile boolean stopped;
    private Thread watcher;

    EventAvailabilityNotifier(StreamableMessageSource<TrackedEventMessage<?>> store) {
        this.store = store;
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
        return new NotifiedStream(store.openStream(trackingToken));
    }

    @Override
    public TrackingToken createTailToken() {
        return store.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return store.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return store.createTokenAt(dateTime);
    }

    @Override
    public TrackingToken createTokenSince(Duration duration) {
        return store.createTokenSince(duration);
    }

    /** Stops the watcher; streams opened before keep working without word. */
    synchronized void stop() {
        stopped = true;
        if (watcher != null) {
            watcher.interrupt();
        }
    }

    int listenerCount() {
        return listeners.size();
    }

    private synchronized void ensureWatching() {
        if (watcher == null && !stopped) {
            // taken here, not in the watcher's thread: an event stored after a stream asked for word is seen
            TrackingToken from = store.createHeadToken();
            watcher = new Thread(() -> watch(from), "hoshi-event-watcher");
            watcher.setDaemon(true);
            watcher.start();
        }
    }

    private void watch(TrackingToken from) {
        TrackingToken seen = from;
        while (!stopped) {
            try (BlockingStream<TrackedEventMessage<?>> tail = store.openStream(seen)) {
                while (!stopped) {
                    if (tail.hasNextAvailable(1, TimeUnit.SECONDS)) {
                        while (tail.hasNextAvailable()) {
                            seen = tail.nextAvailable().trackingToken();
                        }
                        listeners.forEach(Runnable::run);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (stopped) {
                    return;
                }
                log.warn("Watching the event store for new events failed; trying again in {}", RETRY, e);
                try {
                    Thread.sleep(RETRY.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private final class NotifiedStream implements BlockingStream<TrackedEventMessage<?>> {

        private final BlockingStream<TrackedEventMessage<?>> delegate;
        private volatile Runnable callback;

        NotifiedStream(BlockingStream<TrackedEventMessage<?>> delegate) {
            this.delegate = delegate;
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            Runnable previous = this.callback;
            if (previous != null) {
                listeners.remove(previous);
            }
            this.callback = callback;
            listeners.add(callback);
            ensureWatching();
            return true;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return delegate.peek();
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            return delegate.hasNextAvailable(timeout, unit);
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            return delegate.nextAvailable();
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            delegate.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public void close() {
            Runnable registered = callback;
            if (registered != null) {
                listeners.remove(registered);
            }
            delegate.close();
        }
    }
}
