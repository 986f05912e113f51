package dev.hoshi.kernel.error;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The shared error type: a stable machine-readable {@code code} ({@code UPPER_SNAKE_CASE}), a kind, and a message a
 * person can act on, in English and Japanese. The platform maps it to a GraphQL error with the code in its
 * extensions; anything that is not a {@code HoshiException} reaches clients only as a generic internal error.
 */
public class HoshiException extends RuntimeException {

    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]*");

    private final String code;
    private final ErrorKind kind;
    private final String messageJa;

    public HoshiException(String code, ErrorKind kind, String message, String messageJa) {
        super(message);
        if (code == null || !CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("error codes are UPPER_SNAKE_CASE, but was: " + code);
        }
        this.code = code;
        this.kind = Objects.requireNonNull(kind, "kind");
        this.messageJa = Objects.requireNonNull(messageJa, "messageJa");
    }

    public static HoshiException notFound(String what, Object id) {
        return new HoshiException(
                "NOT_FOUND",
                ErrorKind.NOT_FOUND,
                "No " + what + " with id " + id + " was found.",
                "ID " + id + " の" + what + "は見つかりません。");
    }

    public String code() {
        return code;
    }

    public ErrorKind kind() {
        return kind;
    }

    public String messageJa() {
        return messageJa;
    }
}
