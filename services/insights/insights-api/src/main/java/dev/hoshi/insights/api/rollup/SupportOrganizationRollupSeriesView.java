package dev.hoshi.insights.api.rollup;

import java.util.List;

/** One rollup per month, oldest first; a month without changes repeats the month before. */
public record SupportOrganizationRollupSeriesView(List<SupportOrganizationRollupView> months) {}
