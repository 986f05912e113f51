package dev.hoshi.directory.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoshi.directory.api.organization.CorporateNumber;
import dev.hoshi.kernel.error.HoshiException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CorporateNumberTest {

    /** Published numbers: the National Tax Agency itself and Toyota Motor Corporation. */
    @ParameterizedTest
    @ValueSource(strings = {"7000012050002", "1180301018771"})
    void realCorporateNumbersAreAccepted(String number) {
        assertThat(CorporateNumber.of(number)).hasToString(number);
    }

    @ParameterizedTest
    @ValueSource(strings = {"8000012050002", "2180301018771", "7000012050003"})
    void aWrongCheckDigitIsRefused(String number) {
        assertThatThrownBy(() -> CorporateNumber.of(number)).isInstanceOfSatisfying(HoshiException.class, e -> {
            assertThat(e.code()).isEqualTo("INVALID_CORPORATE_NUMBER");
            assertThat(e.getMessage()).contains("check digit");
            assertThat(e.messageJa()).contains("チェックデジット");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"700001205000", "70000120500021", "70000120500O2", "", " 7000012050002"})
    void anythingButThirteenDigitsIsRefused(String number) {
        assertThatThrownBy(() -> CorporateNumber.of(number))
                .isInstanceOfSatisfying(
                        HoshiException.class, e -> assertThat(e.getMessage()).contains("13 digits"));
    }

    @org.junit.jupiter.api.Test
    void theCheckDigitFollowsTheNationalTaxAgencyFormula() {
        // 9 - ((2*1 + 0*2 + 0*1 + 0*2 + 5*1 + 0*2 + 2*1 + 1*2) mod 9) = 9 - (11 mod 9) = 7
        assertThat(CorporateNumber.checkDigit("000012050002")).isEqualTo(7);
    }
}
