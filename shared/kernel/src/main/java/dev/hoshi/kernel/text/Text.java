package dev.hoshi.kernel.text;

import dev.hoshi.kernel.error.ErrorKind;
import dev.hoshi.kernel.error.HoshiException;

/** Checks on the free text people type (names, notes): trimmed, not blank, bounded. */
public final class Text {

    private Text() {}

    /** A required text: trimmed, 1 to {@code maxLength} characters, else {@code INVALID_<FIELD>}. */
    public static String required(String field, String value, int maxLength) {
        String trimmed = value == null ? "" : value.strip();
        if (trimmed.isEmpty() || trimmed.codePointCount(0, trimmed.length()) > maxLength) {
            throw new HoshiException(
                    "INVALID_" + constantCase(field),
                    ErrorKind.INVALID_INPUT,
                    "'" + field + "' must be 1 to " + maxLength + " characters.",
                    "'" + field + "' は1〜" + maxLength + "文字で入力してください。");
        }
        return trimmed;
    }

    /** An optional text: {@code null} when absent or blank, else as {@link #required}. */
    public static String optional(String field, String value, int maxLength) {
        return value == null || value.isBlank() ? null : required(field, value, maxLength);
    }

    /** {@code nameEn} → {@code NAME_EN}: how a field appears in an error code. */
    public static String constantCase(String field) {
        return field.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase();
    }
}
