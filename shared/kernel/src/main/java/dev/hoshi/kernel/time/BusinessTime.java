package dev.hoshi.kernel.time;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Hoshi's business calendar. Dates the user gives (a policy adopted on, an assessment done on) are calendar dates
 * in Japan; instants (when something was recorded) are UTC. Code takes a {@link Clock} so tests can set the time.
 */
public final class BusinessTime {

    /** Japan Standard Time: the zone of every business date. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Tokyo");

    private BusinessTime() {}

    /** Today's date in Japan according to {@code clock}. */
    public static LocalDate today(Clock clock) {
        return LocalDate.now(clock.withZone(ZONE));
    }

    /** Whether {@code date} lies after today in Japan: business facts may be backdated, never future-dated. */
    public static boolean isInFuture(LocalDate date, Clock clock) {
        return date.isAfter(today(clock));
    }
}
