package dev.hoshi.platform.graphql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoshi.kernel.error.HoshiException;
import java.time.LocalDate;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;

class InputsTest {

    @Test
    void aDateOrAMonthInTheWrongFormIsAnErrorThatSaysTheRightForm() {
        assertThat(Inputs.date("asOf", "2026-04-01")).isEqualTo(LocalDate.of(2026, 4, 1));
        assertThat(Inputs.month("from", "2026-04")).isEqualTo(YearMonth.of(2026, 4));

        assertThatThrownBy(() -> Inputs.date("asOf", "2026-13-01")).isInstanceOfSatisfying(HoshiException.class, e -> {
            assertThat(e.code()).isEqualTo("INVALID_AS_OF");
            assertThat(e.getMessage()).contains("YYYY-MM-DD", "2026-13-01").doesNotContain("MonthOfYear");
            assertThat(e.messageJa()).contains("YYYY-MM-DD 形式の日付");
        });
        assertThatThrownBy(() -> Inputs.month("from", "2026/01")).isInstanceOfSatisfying(HoshiException.class, e -> {
            assertThat(e.code()).isEqualTo("INVALID_FROM");
            assertThat(e.getMessage()).contains("YYYY-MM");
        });
    }

    @Test
    void theGenericErrorKeepsTheJapaneseMessageJapanese() {
        assertThatThrownBy(() -> Inputs.parse("count", "x", Integer::parseInt))
                .isInstanceOfSatisfying(HoshiException.class, e -> {
                    assertThat(e.code()).isEqualTo("INVALID_COUNT");
                    assertThat(e.getMessage()).contains("For input string");
                    assertThat(e.messageJa()).isEqualTo("'count' の値が正しくありません。形式を確認してください。");
                });
    }
}
