package dev.hoshi.compliance.facts;

import dev.hoshi.compliance.api.EffectiveDated;
import dev.hoshi.kernel.error.ErrorKind;
import dev.hoshi.kernel.error.HoshiException;
import dev.hoshi.kernel.time.BusinessTime;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

/** The rules every compliance fact shares: the date it took effect, and which facts had taken effect by a day. */
public final class Facts {

    /** Earlier than any fact Hoshi records. */
    public static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);

    private Facts() {}

    /** The effective date of a fact: today (Japan time) when left out, never in the future, never before 2000. */
    public static LocalDate effective(LocalDate date, Clock clock) {
        if (date == null) {
            return BusinessTime.today(clock);
        }
        if (BusinessTime.isInFuture(date, clock)) {
            throw new HoshiException(
                    "DATE_IN_FUTURE",
                    ErrorKind.INVALID_INPUT,
                    "The date " + date + " is in the future; record what has happened, up to today (Japan time).",
                    "日付 " + date + " は未来です。実施済みの事実を今日（日本時間）までの日付で記録してください。");
        }
        if (date.isBefore(EARLIEST)) {
            throw new HoshiException(
                    "DATE_TOO_EARLY",
                    ErrorKind.INVALID_INPUT,
                    "The date " + date + " is implausibly early.",
                    "日付 " + date + " が古すぎます。");
        }
        return date;
    }

    /** The facts among {@code events} effective on or before {@code asOf}, in recording order. */
    public static List<Object> effectiveBy(List<?> events, LocalDate asOf) {
        return events.stream()
                .filter(e -> e instanceof EffectiveDated d && !d.effectiveOn().isAfter(asOf))
                .map(e -> (Object) e)
                .toList();
    }
}
