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
record TrendChart(List<String> labels, List<Line> lines, List<Tick> xTicks, List<Tick> yTicks, int max) {

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

    record Point(int x, int y, String label) {}

    record Tick(int position, String label) {}

    /**
     * The chart of the series over the labels.
     *
     * @param fixedMax the axis maximum (100 for scores), or 0 to fit the largest value
     */
    static TrendChart of(List<String> labels, List<Series> series, int fixedMax) {
        int max = fixedMax > 0 ? fixedMax : niceCeiling(largest(series));
        List<Line> lines = new ArrayList<>();
        for (Series one : series) {
            lines.add(line(one, labels, max));
        }
        List<Tick> xTicks = new ArrayList<>();
        int every = Math.max(1, (labels.size() + 5) / 6);
        for (int i = 0; i < labels.size(); i++) {
            if (i % every == 0 || i == labels.size() - 1) {
                xTicks.add(new Tick(x(i, labels.size()), labels.get(i)));
            }
        }
        List<Tick> yTicks = List.of(
                new Tick(y(0, max), "0"),
                new Tick(y(max / 2, max), Integer.toString(max / 2)),
                new Tick(y(max, max), Integer.toString(max)));
        return new TrendChart(List.copyOf(labels), List.copyOf(lines), List.copyOf(xTicks), yTicks, max);
    }

    /** Whether any series has a point to draw. */
    boolean anyShown() {
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

    private static Line line(Series series, List<String> labels, int max) {
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
            int y = y(value, max);
            points.add(new Point(x, y, labels.get(i) + ": " + value));
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

    static int y(int value, int max) {
        int span = HEIGHT - TOP - BOTTOM;
        return HEIGHT - BOTTOM - Math.round((float) span * Math.min(value, max) / max);
    }

    private static int largest(List<Series> series) {
        int largest = 0;
        for (Series one : series) {
            for (Integer value : one.values()) {
                if (value != null) {
                    largest = Math.max(largest, value);
                }
            }
        }
        return largest;
    }

    /** The axis maximum: the largest value rounded up to an even number (so the middle tick is whole), at least 2. */
    static int niceCeiling(int value) {
        return value <= 2 ? 2 : value + (value % 2);
    }

    /** The JSON number as an int, or null when absent or null. */
    static Integer intOrNull(JsonNode node) {
        return node.isNumber() ? node.asInt() : null;
    }
}
