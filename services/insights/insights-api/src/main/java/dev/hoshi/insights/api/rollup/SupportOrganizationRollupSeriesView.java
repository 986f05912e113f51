package dev.hoshi.insights.api.rollup;

import java.util.List;

/** One rollup per month or quarter, oldest first; a period without changes repeats the one before. */
public record SupportOrganizationRollupSeriesView(List<SupportOrganizationRollupView> periods) {}
