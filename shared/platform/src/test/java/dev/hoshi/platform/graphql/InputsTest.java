package dev.hoshi.platform.graphql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoshi.kernel.error.HoshiException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
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
    void anAsOfAfterTodayInJapanIsRefusedAndTodayIsNot() {
        // 2026-04-01 15:30 UTC is already 2026-04-02 in Japan
        Clock clock = Clock.fixed(Instant.parse("2026-04-01T15:30:00Z"), ZoneOffset.UTC);

        assertThat(Inputs.asOf(null, clock)).isNull();
        assertThat(Inputs.asOf("2026-04-02", clock)).isEqualTo(LocalDate.of(2026, 4, 2));
        assertThatThrownBy(() -> Inputs.asOf("2026-04-03", clock)).isInstanceOfSatisfying(HoshiException.class, e -> {
            assertThat(e.code()).isEqualTo("INVALID_AS_OF");
            assertThat(e.getMessage()).contains("2026-04-03", "after today");
            assertThat(e.messageJa()).contains("今日（日本時間）より後");
        });
        assertThatThrownBy(() -> Inputs.asOf("2099-1-1", clock))
                .isInstanceOfSatisfying(
                        HoshiException.class, e -> assertThat(e.code()).isEqualTo("INVALID_AS_OF"));
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
