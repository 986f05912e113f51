package dev.hoshi.directory.api.organization;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.hoshi.kernel.error.ErrorKind;
import dev.hoshi.kernel.error.HoshiException;

/**
 * 法人番号: the 13-digit corporate number the National Tax Agency assigns to every registered company. The first
 * digit is a check digit over the other twelve: {@code 9 - (Σ Pn × Qn mod 9)}, where Pn is the n-th of the twelve
 * digits counted from the right and Qn is 1 for odd n and 2 for even n. Sole proprietors have none.
 */
public record CorporateNumber(String value) {

    public CorporateNumber {
        if (value == null || !value.matches("\\d{13}")) {
            throw invalid(value, "13 digits", "13桁の数字");
        }
        if (value.charAt(0) - '0' != checkDigit(value.substring(1))) {
            throw invalid(value, "a valid check digit (the first digit)", "正しいチェックデジット（先頭の1桁）");
        }
    }

    @JsonCreator
    public static CorporateNumber of(String value) {
        return new CorporateNumber(value);
    }

    /** The check digit for the twelve digits that follow it. */
    public static int checkDigit(String twelveDigits) {
        int sum = 0;
        for (int n = 1; n <= 12; n++) {
            int digit = twelveDigits.charAt(12 - n) - '0';
            sum += digit * (n % 2 == 1 ? 1 : 2);
        }
        return 9 - sum % 9;
    }

    private static HoshiException invalid(String value, String needs, String needsJa) {
        return new HoshiException(
                "INVALID_CORPORATE_NUMBER",
                ErrorKind.INVALID_INPUT,
                "A corporate number (法人番号) has " + needs + "; '" + value + "' does not.",
                "法人番号は" + needsJa + "である必要があります（入力値: " + value + "）。");
    }

    @JsonValue
    @Override
    public String toString() {
        return value;
    }
}
