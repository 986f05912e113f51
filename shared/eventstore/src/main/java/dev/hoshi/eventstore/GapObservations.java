package dev.hoshi.eventstore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When this engine first saw each gap. A gap is given up once it has been seen open for longer than the gap
 * timeout, measured on this process's own clock: unlike a decision based on the stored events' timestamps, a writer
 * whose clock runs behind cannot make a fresh gap look old. A process that starts with a token full of gaps sees
 * them all as new, which errs on the side of waiting.
 */
final class GapObservations {

    private static final int PRUNE_ABOVE = 50_000;

    private final Map<Long, Instant> firstSeen = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration timeout;

    GapObservations(Clock clock, Duration timeout) {
        this.clock = clock;
        this.timeout = timeout;
    }

    /** The gaps among {@code gaps} that have been open for longer than the timeout. */
    SortedSet<Long> expired(SortedSet<Long> gaps) {
        Instant now = clock.instant();
        Instant cutoff = now.minus(timeout);
        SortedSet<Long> expired = new TreeSet<>();
        for (Long gap : gaps) {
            Instant seen = firstSeen.computeIfAbsent(gap, g -> now);
            if (seen.isBefore(cutoff)) {
                expired.add(gap);
            }
        }
        if (firstSeen.size() > PRUNE_ABOVE) {
            // entries long past the timeout serve no processor any more
            Instant stale = cutoff.minus(timeout.multipliedBy(10));
            firstSeen.values().removeIf(seen -> seen.isBefore(stale));
        }
        return expired;
    }

    /** A number that was a gap has been written: forget it. */
    void filled(long globalSeq) {
        firstSeen.remove(globalSeq);
    }

    int size() {
        return firstSeen.size();
    }
}
