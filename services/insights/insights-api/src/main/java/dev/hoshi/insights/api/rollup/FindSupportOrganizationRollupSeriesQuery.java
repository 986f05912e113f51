package dev.hoshi.insights.api.rollup;

import dev.hoshi.kernel.id.SupportOrganizationId;
import dev.hoshi.kernel.id.UserId;
import java.time.YearMonth;

/** The monthly rollups from {@code from} to {@code to} (inclusive), as {@code viewer} may see them. */
public record FindSupportOrganizationRollupSeriesQuery(
        SupportOrganizationId supportOrganizationId, UserId viewer, YearMonth from, YearMonth to) {}
