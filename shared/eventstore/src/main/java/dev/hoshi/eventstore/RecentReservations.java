package dev.hoshi.eventstore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;

/**
 * Which global sequence numbers were reserved recently, told from readings of the counter taken on this process's
 * clock: a number above every reading that is at least {@code wait} old was reserved less than {@code wait} ago (or
 * shortly before the reading that first saw it). The first reading is taken when the engine starts, so everything
 * reserved before counts as old and a tracker replaying old history does not wait for numbers that died long ago;
 * the engine takes another whenever the newest is older than half the wait, and one when it meets a missing number.
 *
 * <p>The engine waits for a recent missing number before delivering the events after it, so trackers see events in
 * global sequence order (the order a rebuild replays) while appends are in flight; a number still missing once it is
 * old becomes an ordinary gap. Should the clock step back, readings it dates in the future count as taken now, so a
 * number is never waited for much longer than {@code wait}.
 */
final class RecentReservations {

    private record Reading(Instant at, long reserved) {}

    private final Clock clock;
    private final Duration wait;
    private final Deque<Reading> readings = new ArrayDeque<>();
    /** Numbers up to this one were reserved at least {@code wait} ago. */
    private long settled;

    private Instant lastReading;

    RecentReservations(Clock clock, Duration wait, long reservedAtStart) {
        this.clock = clock;
        this.wait = wait;
        this.settled = reservedAtStart;
        this.lastReading = clock.instant();
    }

    /** Whether the newest reading is older than half the wait: time for another, so that old numbers settle. */
    synchronized boolean due() {
        return !wait.isZero() && !lastReading.plus(wait.dividedBy(2)).isAfter(clock.instant());
    }

    /** Notes that the counter stands at {@code reserved} now. */
    synchronized void read(long reserved) {
        Instant now = clock.instant();
        lastReading = now;
        if (readings.isEmpty() || readings.peekLast().reserved() < reserved) {
            readings.addLast(new Reading(now, reserved));
        }
        settle(now);
    }

    /**
     * Whether {@code number} was reserved less than {@code wait} ago. A number no reading has seen yet is timed from
     * now: the counter is read ({@code counter}, outside the lock) only then, not again while the number is waited for.
     */
    boolean recent(long number, LongSupplier counter) {
        synchronized (this) {
            settle(clock.instant());
            if (number <= settled) {
                return false;
            }
            if (!readings.isEmpty() && readings.peekLast().reserved() >= number) {
                return true;
            }
        }
        read(counter.getAsLong());
        return recent(number);
    }

    /** Whether {@code number} was reserved less than {@code wait} ago, as far as the readings tell. */
    synchronized boolean recent(long number) {
        settle(clock.instant());
        return number > settled;
    }

    private void settle(Instant now) {
        if (!readings.isEmpty() && readings.peekLast().at().isAfter(now)) {
            // the clock stepped back: what it dated later than now counts as read now
            Deque<Reading> redated = new ArrayDeque<>();
            readings.forEach(r -> redated.addLast(r.at().isAfter(now) ? new Reading(now, r.reserved()) : r));
            readings.clear();
            readings.addAll(redated);
            if (lastReading.isAfter(now)) {
                lastReading = now;
            }
        }
        Instant cutoff = now.minus(wait);
        while (!readings.isEmpty() && !readings.peekFirst().at().isAfter(cutoff)) {
            settled = Math.max(settled, readings.pollFirst().reserved());
        }
    }
}
