package dev.hoshi.gateway.ui;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A support organisation's trend for its rollup page: per period of {@code supportOrganizationRollupSeries} the
 * members in each level group (★★ declared or eligible, ★ declared or eligible, none) and the mean score, as a
 * table and as a chart with one line per group. A period whose levels are withheld has no figures.
 */
record LevelTrend(List<Row> rows, TrendChart chart) {

    /** One period's figures; null counts are withheld, a null mean is withheld or not in the grants' scope. */
    record Row(String period, Integer twoStars, Integer oneStar, Integer none, Double scoreMean) {
        public boolean withheld() {
            return twoStars == null;
        }
    }

    static LevelTrend of(JsonNode series) {
        List<Row> rows = new ArrayList<>();
        for (JsonNode period : series.path("periods")) {
            rows.add(row(period));
        }
        List<String> labels = rows.stream().map(Row::period).toList();
        TrendChart chart = TrendChart.of(
                labels,
                List.of(
                        new TrendChart.Series(
                                "series-two-stars",
                                rows.stream().map(Row::twoStars).toList()),
                        new TrendChart.Series(
                                "series-one-star",
                                rows.stream().map(Row::oneStar).toList()),
                        new TrendChart.Series(
                                "series-none", rows.stream().map(Row::none).toList())));
        return new LevelTrend(List.copyOf(rows), chart);
    }

    private static Row row(JsonNode period) {
        String label = period.path("period").asText();
        JsonNode levels = period.path("levels");
        JsonNode scores = period.path("scores");
        Double mean = scores.path("suppressed").asBoolean(true)
                        || !scores.path("mean").isNumber()
                ? null
                : scores.path("mean").asDouble();
        if (period.path("suppressed").asBoolean(true) || !levels.isObject()) {
            return new Row(label, null, null, null, mean);
        }
        return new Row(
                label,
                levels.path("twoStarsDeclared").asInt()
                        + levels.path("twoStarsEligible").asInt(),
                levels.path("oneStarDeclared").asInt()
                        + levels.path("oneStarEligible").asInt(),
                levels.path("none").asInt(),
                mean);
    }
}
