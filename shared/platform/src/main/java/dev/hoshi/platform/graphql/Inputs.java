package dev.hoshi.platform.graphql;

import dev.hoshi.kernel.error.ErrorKind;
import dev.hoshi.kernel.error.HoshiException;
import dev.hoshi.kernel.text.Text;
import dev.hoshi.kernel.time.BusinessTime;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Optional;
import java.util.function.Function;

/** Turns GraphQL input values into domain values, with an {@code INVALID_<FIELD>} error naming the field. */
public final class Inputs {

    private Inputs() {}

    /**
     * Parses {@code value} with {@code parser}, or nothing when it is not valid: for lookups where a malformed id must
     * answer exactly like an id that does not exist.
     */
    public static <T> Optional<T> parseIfValid(String value, Function<String, T> parser) {
        try {
            return Optional.of(parser.apply(value));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Parses {@code value} with {@code parser}; a refusal becomes an error that names {@code field}. */
    public static <T> T parse(String field, String value, Function<String, T> parser) {
        try {
            return parser.apply(value);
        } catch (HoshiException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new HoshiException(
                    "INVALID_" + Text.constantCase(field),
                    ErrorKind.INVALID_INPUT,
                    "The value of '" + field + "' is not valid: " + e.getMessage(),
                    "'" + field + "' の値が正しくありません。形式を確認してください。");
        }
    }

    /** A date written {@code YYYY-MM-DD}; anything else is {@code INVALID_<FIELD>} saying so. */
    public static LocalDate date(String field, String value) {
        return parse(
                field,
                value,
                LocalDate::parse,
                "a date written YYYY-MM-DD, such as 2026-04-01",
                "YYYY-MM-DD 形式の日付（例: 2026-04-01）");
    }

    /**
     * An {@code asOf} date for a history question: written {@code YYYY-MM-DD} and not after today in Japan. Every
     * service refuses a future {@code asOf} with this one error ({@code INVALID_AS_OF}), rather than answering as if
     * nothing would change until then. Null stays null (the current figures).
     */
    public static LocalDate asOf(String value, Clock clock) {
        if (value == null) {
            return null;
        }
        LocalDate date = date("asOf", value.strip());
        if (date.isAfter(BusinessTime.today(clock))) {
            throw new HoshiException(
                    "INVALID_AS_OF",
                    ErrorKind.INVALID_INPUT,
                    "'asOf' (" + value + ") is after today in Japan; leave it out for the current figures.",
                    "'asOf'（" + value + "）が今日（日本時間）より後です。現在の値は asOf を省略してください。");
        }
        return date;
    }

    /** A month written {@code YYYY-MM}; anything else is {@code INVALID_<FIELD>} saying so. */
    public static YearMonth month(String field, String value) {
        return parse(
                field,
                value,
                YearMonth::parse,
                "a month written YYYY-MM, such as 2026-04",
                "YYYY-MM 形式の年月（例: 2026-04）");
    }

    /** A page size {@code first}: {@code defaultSize} when absent, else 1 to {@code max} ({@code INVALID_FIRST}). */
    public static int first(Integer first, int defaultSize, int max) {
        int size = first == null ? defaultSize : first;
        if (size < 1 || size > max) {
            throw new HoshiException(
                    "INVALID_FIRST",
                    ErrorKind.INVALID_INPUT,
                    "'first' must be between 1 and " + max + ".",
                    "'first' は 1 以上 " + max + " 以下にしてください。");
        }
        return size;
    }

    /** As {@link #parse(String, String, Function)}, with the error naming what {@code field} should be. */
    public static <T> T parse(
            String field, String value, Function<String, T> parser, String expectedEn, String expectedJa) {
        try {
            return parser.apply(value);
        } catch (HoshiException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new HoshiException(
                    "INVALID_" + Text.constantCase(field),
                    ErrorKind.INVALID_INPUT,
                    "'" + field + "' must be " + expectedEn + "; '" + value + "' is not.",
                    "'" + field + "' には" + expectedJa + "を指定してください（入力値: " + value + "）。");
        }
    }
}
