package dev.hoshi.eventstore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Which global sequence numbers were reserved recently, told from readings of the counter taken on this process's
 * clock: a number above every reading that is at least {@code wait} old was reserved less than {@code wait} ago (or
 * shortly before the first reading that saw it, when readings are sparse). Everything reserved before the first
 * reading counts as old, so a tracker replaying old history never waits for numbers that died long ago.
 *
 * <p>The engine waits for such a number before delivering the events after it, so trackers see events in global
 * sequence order (the order a rebuild replays) while appends are in flight; a number still missing once it is old
 * becomes an ordinary gap.
 */
final class RecentReservations {

    private record Reading(Instant at, long reserved) {}

    private final Clock clock;
    private final Duration wait;
    private final Deque<Reading> readings = new ArrayDeque<>();
    /** Numbers up to this one were reserved at least {@code wait} ago; -1 before the first reading. */
    private long settled = -1;

    RecentReservations(Clock clock, Duration wait) {
        this.clock = clock;
        this.wait = wait;
    }

    boolean started() {
        synchronized (this) {
            return settled >= 0;
        }
    }

    /** Notes that the counter stands at {@code reserved} now. */
    void read(long reserved) {
        Instant now = clock.instant();
        synchronized (this) {
            if (settled < 0) {
                settled = reserved;
                return;
            }
            if (readings.isEmpty() || readings.peekLast().reserved() < reserved) {
                readings.addLast(new Reading(now, reserved));
            }
            settle(now);
        }
    }

    /** Whether {@code number} was reserved less than {@code wait} ago, as far as the readings tell. */
    boolean recent(long number) {
        Instant now = clock.instant();
        synchronized (this) {
            settle(now);
            return number > settled;
        }
    }

    private void settle(Instant now) {
        Instant cutoff = now.minus(wait);
        while (!readings.isEmpty() && !readings.peekFirst().at().isAfter(cutoff)) {
            settled = Math.max(settled, readings.pollFirst().reserved());
        }
    }
}
