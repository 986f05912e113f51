package dev.hoshi.gateway.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrendChartTest {

    // LevelTrend: the association's figures per period; TrendChart: their geometry

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void levelGroupsAreSummedPerPeriodAndTheAxisCoversTheLargestCount() throws Exception {
        LevelTrend trend = LevelTrend.of(series(
                period("2026-10", false, 1, 2, 3, 0, 0, 61.25),
                period("2026-11", false, 2, 2, 3, 1, 4, 64.0),
                period("2026-12", false, 2, 3, 1, 3, 3, null)));

        assertThat(trend.rows())
                .extracting(LevelTrend.Row::period, LevelTrend.Row::twoStars, LevelTrend.Row::oneStar)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("2026-10", 3, 3),
                        org.assertj.core.groups.Tuple.tuple("2026-11", 4, 4),
                        org.assertj.core.groups.Tuple.tuple("2026-12", 5, 4));
        assertThat(trend.rows().get(0).scoreMean()).isEqualTo(61.25);
        assertThat(trend.rows().get(2).scoreMean()).isNull();
        TrendChart chart = trend.chart();
        assertThat(chart.scale().max()).isEqualTo(6); // 5 rounded up to even, so the middle tick is whole
        assertThat(chart.yTicks()).extracting(TrendChart.Tick::label).containsExactly("0", "3", "6");

        TrendChart.Line twoStars = line(chart, "series-two-stars");
        assertThat(twoStars.segments()).hasSize(1);
        // first period at the left edge, last at the right, counts upward from the bottom
        assertThat(twoStars.points().get(0).x()).isEqualTo(TrendChart.LEFT);
        assertThat(twoStars.points().get(2).x()).isEqualTo(TrendChart.WIDTH - TrendChart.RIGHT);
        assertThat(twoStars.points().get(0).y())
                .isGreaterThan(twoStars.points().get(1).y());
        assertThat(line(chart, "series-none").points().get(0).y()).isEqualTo(TrendChart.HEIGHT - TrendChart.BOTTOM);
        assertThat(twoStars.points().get(1).label()).isEqualTo("2026-11: 4");
    }

    @Test
    void aWithheldPeriodHasNoPointAndBreaksTheLine() throws Exception {
        LevelTrend trend = LevelTrend.of(series(
                period("2026-01", false, 1, 1, 1, 1, 1, 50.0),
                period("2026-02", true, 0, 0, 0, 0, 0, null),
                period("2026-03", false, 2, 1, 1, 1, 1, 55.0)));

        assertThat(trend.rows().get(1).withheld()).isTrue();
        TrendChart chart = trend.chart();
        TrendChart.Line twoStars = line(chart, "series-two-stars");
        assertThat(twoStars.points()).hasSize(2);
        assertThat(twoStars.segments()).hasSize(2); // one point each side of the gap, never joined across it
        assertThat(chart.anyShown()).isTrue();
    }

    @Test
    void aSeriesWithEveryPeriodWithheldDrawsNothing() throws Exception {
        TrendChart chart = LevelTrend.of(series(period("2026-01", true, 0, 0, 0, 0, 0, null)))
                .chart();

        assertThat(chart.anyShown()).isFalse();
        assertThat(chart.lines()).allSatisfy(line -> assertThat(line.segments()).isEmpty());
        assertThat(chart.scale().max()).isEqualTo(2);
    }

    @Test
    void xTicksAreThinnedToAboutSixButKeepTheLastPeriod() {
        List<String> months = new java.util.ArrayList<>();
        for (int month = 1; month <= 12; month++) {
            months.add(String.format("2026-%02d", month));
        }
        TrendChart chart =
                TrendChart.of(months, List.of(new TrendChart.Series("s", java.util.Collections.nCopies(12, 1))));

        assertThat(chart.xTicks())
                .extracting(TrendChart.Tick::label)
                .containsExactly("2026-01", "2026-03", "2026-05", "2026-07", "2026-09", "2026-11", "2026-12");
        // the first and last labels are anchored inside the chart, not cut at its edges
        assertThat(chart.xTicks()).first().extracting(TrendChart.Tick::anchor).isEqualTo("start");
        assertThat(chart.xTicks()).last().extracting(TrendChart.Tick::anchor).isEqualTo("end");
    }

    @Test
    void scoresKeepTheirOwnRangeFromMinus25To100() throws Exception {
        TrendChart chart = TrendChart.scores(json.readTree("[{\"completedOn\":\"2025-04-01\",\"score\":-25},"
                + "{\"completedOn\":\"2025-10-01\",\"score\":40},{\"completedOn\":\"2026-04-01\",\"score\":100}]"));

        assertThat(chart.yTicks()).extracting(TrendChart.Tick::label).containsExactly("-25", "0", "50", "100");
        List<TrendChart.Point> points = chart.lines().get(0).points();
        assertThat(points)
                .extracting(TrendChart.Point::label)
                .containsExactly("2025-04-01: -25", "2025-10-01: 40", "2026-04-01: 100");
        assertThat(points.get(0).y()).isEqualTo(TrendChart.HEIGHT - TrendChart.BOTTOM);
        assertThat(points.get(2).y()).isEqualTo(TrendChart.TOP);
        assertThat(chart.lines().get(0).segments()).singleElement().isEqualTo("40,208 332,106 624,12");
    }

    private static TrendChart.Line line(TrendChart chart, String cssClass) {
        return chart.lines().stream()
                .filter(l -> l.cssClass().equals(cssClass))
                .findFirst()
                .orElseThrow();
    }

    private JsonNode series(String... periods) throws Exception {
        return json.readTree("{\"periods\":[" + String.join(",", periods) + "]}");
    }

    private static String period(
            String period,
            boolean suppressed,
            int twoDeclared,
            int twoEligible,
            int oneDeclared,
            int oneEligible,
            int none,
            Double mean) {
        String levels = suppressed
                ? "null"
                : "{\"twoStarsDeclared\":%d,\"twoStarsEligible\":%d,\"oneStarDeclared\":%d,\"oneStarEligible\":%d,\"none\":%d}"
                        .formatted(twoDeclared, twoEligible, oneDeclared, oneEligible, none);
        String scores =
                mean == null ? "{\"suppressed\":true,\"mean\":null}" : "{\"suppressed\":false,\"mean\":" + mean + "}";
        return "{\"period\":\"%s\",\"suppressed\":%s,\"levels\":%s,\"scores\":%s}"
                .formatted(period, suppressed, levels, scores);
    }
}
