package dev.hoshi.platform.axon;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Axon's embedded event store, which learns of this process's own commits at once but of other services' events only
 * when its producer looks again (a fixed fetch delay, 1 s by default), with the next look paced: a small thread reads
 * the store's sequence counter (one point look-up) after {@code fetchDelay}, and when the counter moved it wakes the
 * producer at once and looks again after {@code fetchDelay}; each look that finds it unchanged doubles the wait, up
 * to {@code idleFetchDelay}, which is also the producer's own fetch delay. While a read waits for an append in flight
 * (the event store keeps events in global sequence order), the producer is woken every {@code fetchDelay} too. So
 * while events flow another service's events are seen within tens of milliseconds, and an idle service reads a few
 * small documents a second.
 *
 * <p>The embedded MongoDB-wire server has no change streams, so the counter is polled. On a real replica set a change
 * stream on the counter collection (or on the events collection, filtered to inserts) could replace the look-ups: the
 * pacer would wake the producer on each change notification and keep {@code idleFetchDelay} only as the fallback.
 */
final class PacedEventStore extends EmbeddedEventStore {

    private static final Logger log = LoggerFactory.getLogger(PacedEventStore.class);

    private final LongSupplier highestReserved;
    private final BooleanSupplier waitingForAppends;
    private final long fetchDelayNanos;
    private final long idleFetchDelayNanos;
    private volatile boolean stopped;
    private Thread pacer;

    PacedEventStore(
            Builder builder,
            LongSupplier highestReserved,
            BooleanSupplier waitingForAppends,
            Duration fetchDelay,
            Duration idleFetchDelay) {
        super(builder.fetchDelay(idleFetchDelay.toMillis()).timeUnit(TimeUnit.MILLISECONDS));
        this.highestReserved = highestReserved;
        this.waitingForAppends = waitingForAppends;
        this.fetchDelayNanos = fetchDelay.toNanos();
        this.idleFetchDelayNanos = idleFetchDelay.toNanos();
    }

    @Override
    public TrackingEventStream openStream(TrackingToken trackingToken) {
        ensurePacing();
        return super.openStream(trackingToken);
    }

    @Override
    public void shutDown() {
        synchronized (this) {
            stopped = true;
            if (pacer != null) {
                pacer.interrupt();
            }
        }
        super.shutDown();
    }

    private synchronized void ensurePacing() {
        if (pacer == null && !stopped) {
            pacer = new Thread(this::pace, "hoshi-event-pacer");
            pacer.setDaemon(true);
            pacer.start();
        }
    }

    private void pace() {
        long delay = fetchDelayNanos;
        long seen = Long.MIN_VALUE;
        boolean wakeAgain = false;
        while (!stopped) {
            try {
                TimeUnit.NANOSECONDS.sleep(delay);
                long now = highestReserved.getAsLong();
                boolean moved = seen != Long.MIN_VALUE && now != seen;
                seen = now;
                if (moved || wakeAgain || waitingForAppends.getAsBoolean()) {
                    // numbers are reserved just before their events are written: wake once more on the next look;
                    // and keep looking while a read waits for an append in flight (its events come next)
                    wakeAgain = moved;
                    afterCommit(List.of()); // wakes the producer if it waits
                    delay = fetchDelayNanos;
                } else {
                    delay = Math.min(idleFetchDelayNanos, delay * 2);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.debug("Looking for new events failed; the producer still looks every idle fetch delay", e);
                delay = idleFetchDelayNanos;
            }
        }
    }
}
