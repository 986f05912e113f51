package dev.hoshi.kernel.id;

import java.util.UUID;
import java.util.regex.Pattern;

/** Validation shared by the typed ids. Ids are opaque, printable, and safe to embed in an event {@code _id}. */
final class Ids {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._\\-]{0,127}");

    private Ids() {}

    static String requireValid(String kind, String value) {
        if (value == null || !SAFE.matcher(value).matches()) {
            throw new IllegalArgumentException(kind + " must be 1-128 characters of letters, digits, '.', '_' or '-'"
                    + " and start with a letter or digit, but was: " + value);
        }
        return value;
    }

    static String random() {
        return UUID.randomUUID().toString();
    }
}
