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

    /** The one message of every {@code NOT_FOUND}, whatever was asked for and why it is not shown. */
    public static final String NOT_FOUND_MESSAGE = "The requested object was not found.";

    public static final String NOT_FOUND_MESSAGE_JA = "指定された対象は見つかりません。";

    /**
     * The one shape of {@code NOT_FOUND}: the same code, kind and messages whether the object does not exist or belongs
     * to someone the caller may not see, so that no answer tells the two apart.
     */
    public static HoshiException notFound() {
        return new HoshiException("NOT_FOUND", ErrorKind.NOT_FOUND, NOT_FOUND_MESSAGE, NOT_FOUND_MESSAGE_JA);
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
