package dev.hoshi.kernel.text;

import dev.hoshi.kernel.error.ErrorKind;
import dev.hoshi.kernel.error.HoshiException;

/**
 * Checks on the free text people type (names, notes): trimmed, not blank, bounded, and readable: no control characters
 * but tabs and line breaks, and no half of a UTF-16 surrogate pair (what a broken client or a bad copy leaves).
 */
public final class Text {

    private Text() {}

    /**
     * A required text: trimmed, 1 to {@code maxLength} characters, none a control character but a tab or a line break
     * and none half a surrogate pair, else {@code INVALID_<FIELD>}.
     */
    public static String required(String field, String value, int maxLength) {
        String trimmed = value == null ? "" : value.strip();
        if (trimmed.isEmpty() || trimmed.codePointCount(0, trimmed.length()) > maxLength) {
            throw new HoshiException(
                    "INVALID_" + constantCase(field),
                    ErrorKind.INVALID_INPUT,
                    "'" + field + "' must be 1 to " + maxLength + " characters.",
                    "'" + field + "' は1〜" + maxLength + "文字で入力してください。");
        }
        if (!readable(trimmed)) {
            throw new HoshiException(
                    "INVALID_" + constantCase(field),
                    ErrorKind.INVALID_INPUT,
                    "'" + field + "' contains a control character or a broken character; only printable text, tabs and"
                            + " line breaks are allowed.",
                    "'" + field + "' に制御文字または壊れた文字が含まれています。通常の文字・タブ・改行のみ使えます。");
        }
        return trimmed;
    }

    /** No control character but tab, line feed and carriage return, and no lone surrogate. */
    static boolean readable(String text) {
        return text.codePoints()
                .noneMatch(c -> (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r')
                        || Character.getType(c) == Character.SURROGATE);
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
