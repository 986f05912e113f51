package dev.hoshi.insights.rollup.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.TreeMap;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class MonthlyChangesTest {

    @Test
    void eachMonthBecomesTheSumOfTheMonthsUpToItNestedFiguresAlike() {
        TreeMap<String, Document> months = new TreeMap<>();
        months.put("2026-07", month("2026-07", 3).append("level", new Document("NONE", 2L).append("ONE", 1L)));
        months.put("2026-05", month("2026-05", 1).append("members", 2L).append("level", new Document("NONE", 2L)));
        months.put("2026-06", month("2026-06", 7).append("level", new Document("NONE", -2L).append("TWO", 2L)));

        MonthlyChanges.runningSums(months);

        assertThat(months.get("2026-05"))
                .isEqualTo(new Document("members", 2L).append("level", new Document("NONE", 2L)));
        // NONE went back to 0 in June: kept at 0, as the rollup itself keeps a field once changed
        assertThat(months.get("2026-06"))
                .isEqualTo(new Document("members", 2L).append("level", new Document("NONE", 0L).append("TWO", 2L)));
        assertThat(months.get("2026-07"))
                .isEqualTo(new Document("members", 2L)
                        .append(
                                "level",
                                new Document("NONE", 2L).append("TWO", 2L).append("ONE", 1L)));
    }

    @Test
    void theSumsCountIntegersAndLongsAlikeAndLeaveTheirPartsUnchanged() {
        Document sum = new Document("members", 2).append("level", new Document("NONE", 1L));
        Document changes = new Document("members", 3L).append("level", new Document("NONE", 1));

        assertThat(MonthlyChanges.plus(sum, changes))
                .isEqualTo(new Document("members", 5L).append("level", new Document("NONE", 2L)));
        assertThat(sum).isEqualTo(new Document("members", 2).append("level", new Document("NONE", 1L)));
        assertThat(changes).isEqualTo(new Document("members", 3L).append("level", new Document("NONE", 1)));
    }

    @Test
    void aValueThatIsNoFigureIsRefused() {
        assertThatThrownBy(() -> MonthlyChanges.plus(new Document(), new Document("since", "2026-05")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("since");
    }

    /** A month's document as the projection writes it, without figures yet. */
    private static Document month(String month, long rev) {
        return new Document("_id", "s|*|*|*:" + month)
                .append("slice", "s|*|*|*")
                .append("month", month)
                .append("rev", rev);
    }
}
