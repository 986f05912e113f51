package dev.hoshi.platform.graphql;

import dev.hoshi.kernel.error.ErrorKind;
import dev.hoshi.kernel.error.HoshiException;
import dev.hoshi.kernel.text.Text;
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
                    "'" + field + "' の値が正しくありません: " + e.getMessage());
        }
    }
}
