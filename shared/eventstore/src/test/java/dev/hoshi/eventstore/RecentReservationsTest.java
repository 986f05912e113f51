package dev.hoshi.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoshi.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

class RecentReservationsTest {

    private static final Duration WAIT = Duration.ofSeconds(2);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T10:00:00Z"));
    private final RecentReservations reservations = new RecentReservations(clock, WAIT, 100);

    @Test
    void numbersReservedBeforeTheStartAreOldAndLaterOnesRecentUntilTheWaitHasPassedSinceAReadingSawThem() {
        assertThat(reservations.recent(100)).isFalse();
        assertThat(reservations.recent(101)).isTrue();

        reservations.read(120);
        clock.advance(WAIT.minusMillis(1));
        assertThat(reservations.recent(120)).isTrue();

        clock.advance(Duration.ofMillis(1));
        assertThat(reservations.recent(120)).isFalse();
        assertThat(reservations.recent(121))
                .as("reserved after the last reading")
                .isTrue();
    }

    @Test
    void aReadingIsDueOnceTheLastIsHalfTheWaitOld() {
        assertThat(reservations.due()).isFalse();
        clock.advance(WAIT.dividedBy(2));
        assertThat(reservations.due()).isTrue();
        reservations.read(100);
        assertThat(reservations.due()).isFalse();
        assertThat(new RecentReservations(clock, Duration.ZERO, 0).due())
                .as("no wait, no readings")
                .isFalse();
    }

    @Test
    void aNumberFirstMetIsTimedFromAReadingOfTheCounterTakenThenAndOnlyThen() {
        AtomicInteger reads = new AtomicInteger();
        LongSupplier counter = () -> {
            reads.incrementAndGet();
            return 130;
        };

        assertThat(reservations.recent(125, counter)).isTrue();
        clock.advance(WAIT.minusMillis(1));
        assertThat(reservations.recent(125, counter)).isTrue();
        assertThat(reads).as("read once, when first met").hasValue(1);

        clock.advance(Duration.ofMillis(1));
        assertThat(reservations.recent(125, counter)).isFalse();
        assertThat(reservations.recent(100, counter)).isFalse();
        assertThat(reads).hasValue(1);
        assertThat(new RecentReservations(clock, Duration.ZERO, 100).recent(125, counter))
                .as("no wait")
                .isFalse();
    }

    @Test
    void withoutAWaitEveryNumberReadIsOldAtOnce() {
        RecentReservations none = new RecentReservations(clock, Duration.ZERO, 100);
        none.read(150);
        assertThat(none.recent(150)).isFalse();
    }

    @Test
    void aClockSteppingBackDoesNotMakeANumberWaitLongerThanTheWait() {
        reservations.read(120);
        clock.advance(Duration.ofHours(-1)); // an NTP step back

        assertThat(reservations.recent(120)).isTrue();
        clock.advance(WAIT);
        assertThat(reservations.recent(120)).isFalse();
        assertThat(reservations.due()).isTrue();
    }
}
