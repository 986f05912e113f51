package dev.hoshi.kernel.text;

import dev.hoshi.kernel.error.ErrorKind;
import dev.hoshi.kernel.error.HoshiException;
import java.net.URI;

/** A public web address people give (a published policy, a piece of evidence): absolute http(s), bounded. */
public final class WebUrl {

    private static final int MAX_LENGTH = 2048;

    private WebUrl() {}

    /** The address, or {@code INVALID_URL} naming the field. */
    public static String required(String field, String value) {
        if (value != null && value.strip().length() <= MAX_LENGTH) {
            try {
                URI uri = URI.create(value.strip());
                boolean web = "https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme());
                if (web && uri.getHost() != null) {
                    return uri.toString();
                }
            } catch (IllegalArgumentException ignored) {
                // not a URI at all: the error below says what is expected
            }
        }
        throw new HoshiException(
                "INVALID_URL",
                ErrorKind.INVALID_INPUT,
                "'" + field + "' must be a full http(s) address, e.g. https://example.co.jp/security-policy.",
                "'" + field + "' は https://example.co.jp/security-policy のような http(s) の完全なURLで指定してください。");
    }

    /** {@code null} when absent or blank, else as {@link #required}. */
    public static String optional(String field, String value) {
        return value == null || value.isBlank() ? null : required(field, value);
    }
}
