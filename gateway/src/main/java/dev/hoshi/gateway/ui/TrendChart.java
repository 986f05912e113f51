package dev.hoshi.gateway.ui;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A line chart drawn on the server: the template writes it out as SVG, so a page with a chart needs no script, no
 * chart library and no inline style, and loads nothing. Each series has one value per period (oldest first); a
 * missing value (withheld below the disclosure threshold, or not recorded) has no point and breaks the line there.
 * The pages show the same figures as a table beside the chart.
 */
record TrendChart(List<String> labels, List<Line> lines, List<Tick> xTicks, List<Tick> yTicks, Scale scale) {

    static final int WIDTH = 640;
    static final int HEIGHT = 240;
    static final int LEFT = 40;
    static final int RIGHT = 16;
    static final int TOP = 12;
    static final int BOTTOM = 32;

    /** One series: its CSS class (the colour, in hoshi.css) and a value or null per period. */
    record Series(String cssClass, List<Integer> values) {}

    /** One series drawn, as the {@code points} of one or more polylines (broken where a value is missing). */
    record Line(String cssClass, List<String> segments, List<Point> points) {}

    /** A drawn value: where, and which period's value it is. */
    record Point(int x, int y, String period, int value) {
        public String label() {
            return period + ": " + value;
        }
    }

    /** An axis label: where, what, and how its text is anchored (the first and last stay inside the chart). */
    record Tick(int position, String label, String anchor) {
        Tick(int position, String label) {
            this(position, label, "end");
        }
    }

    /** The value axis: from {@code min} to {@code max}, with a labelled line at each tick. */
    record Scale(int min, int max, List<Integer> ticks) {

        /** Counts: from 0 to the largest value rounded up to an even number (at least 2), ticks at 0, half, top. */
        static Scale counts(List<Series> series) {
            int largest = 0;
            for (Series one : series) {
                for (Integer value : one.values()) {
                    if (value != null) {
                        largest = Math.max(largest, value);
                    }
                }
            }
            int max = largest <= 2 ? 2 : largest + (largest % 2);
            return new Scale(0, max, List.of(0, max / 2, max));
        }
    }

    /** The chart of counts over the labels, on a scale that fits them. */
    static TrendChart of(List<String> labels, List<Series> series) {
        return of(labels, series, Scale.counts(series));
    }

    static TrendChart of(List<String> labels, List<Series> series, Scale scale) {
        List<Line> lines = new ArrayList<>();
        for (Series one : series) {
            lines.add(line(one, labels, scale));
        }
        List<Tick> xTicks = new ArrayList<>();
        int every = Math.max(1, (labels.size() + 5) / 6);
        for (int i = 0; i < labels.size(); i++) {
            if (i % every == 0 || i == labels.size() - 1) {
                String anchor =
                        labels.size() == 1 ? "middle" : i == 0 ? "start" : i == labels.size() - 1 ? "end" : "middle";
                xTicks.add(new Tick(x(i, labels.size()), labels.get(i), anchor));
            }
        }
        List<Tick> yTicks = scale.ticks().stream()
                .map(value -> new Tick(y(value, scale), Integer.toString(value)))
                .toList();
        return new TrendChart(List.copyOf(labels), List.copyOf(lines), List.copyOf(xTicks), yTicks, scale);
    }

    /** Whether any series has a point to draw. */
    public boolean anyShown() {
        return lines.stream().anyMatch(line -> !line.points().isEmpty());
    }

    public int width() {
        return WIDTH;
    }

    public int height() {
        return HEIGHT;
    }

    public int left() {
        return LEFT;
    }

    public int right() {
        return WIDTH - RIGHT;
    }

    private static Line line(Series series, List<String> labels, Scale scale) {
        List<String> segments = new ArrayList<>();
        List<Point> points = new ArrayList<>();
        StringBuilder segment = new StringBuilder();
        for (int i = 0; i < labels.size(); i++) {
            Integer value = i < series.values().size() ? series.values().get(i) : null;
            if (value == null) {
                flush(segment, segments);
                continue;
            }
            int x = x(i, labels.size());
            int y = y(value, scale);
            points.add(new Point(x, y, labels.get(i), value));
            segment.append(segment.isEmpty() ? "" : " ").append(x).append(',').append(y);
        }
        flush(segment, segments);
        return new Line(series.cssClass(), List.copyOf(segments), List.copyOf(points));
    }

    private static void flush(StringBuilder segment, List<String> segments) {
        if (!segment.isEmpty()) {
            segments.add(segment.toString());
            segment.setLength(0);
        }
    }

    static int x(int index, int count) {
        int span = WIDTH - LEFT - RIGHT;
        return count <= 1 ? LEFT + span / 2 : LEFT + Math.round((float) span * index / (count - 1));
    }

    /** The vertical position of a value, kept within the scale. */
    static int y(int value, Scale scale) {
        int span = HEIGHT - TOP - BOTTOM;
        int within = Math.max(scale.min(), Math.min(value, scale.max()));
        return HEIGHT - BOTTOM - Math.round((float) span * (within - scale.min()) / (scale.max() - scale.min()));
    }

    /**
     * The organisation's self-assessment scores ({@code scoreHistory}: organisation-wide sheets, oldest first), one
     * point per sheet on the score's own range (-25 to 100).
     */
    static TrendChart scores(JsonNode history) {
        List<String> labels = new ArrayList<>();
        List<Integer> scores = new ArrayList<>();
        for (JsonNode sheet : history) {
            labels.add(sheet.path("completedOn").asText());
            scores.add(sheet.path("score").isNumber() ? sheet.path("score").asInt() : null);
        }
        return of(labels, List.of(new Series("series-score", scores)), new Scale(-25, 100, List.of(-25, 0, 50, 100)));
    }
}
