package dev.hoshi.insights.api.rollup;

import dev.hoshi.kernel.id.SupportOrganizationId;
import dev.hoshi.kernel.id.UserId;
import java.time.YearMonth;

/**
 * The rollups at the end of each month (or quarter) from {@code from} to {@code to} (inclusive), as {@code viewer}
 * may see them. With {@link Interval#QUARTER}, each quarter that {@code from..to} touches, read at its last month.
 */
public record FindSupportOrganizationRollupSeriesQuery(
        SupportOrganizationId supportOrganizationId,
        UserId viewer,
        YearMonth from,
        YearMonth to,
        Interval interval,
        RollupFilter filter) {

    public FindSupportOrganizationRollupSeriesQuery {
        filter = filter == null ? RollupFilter.NONE : filter;
    }

    public enum Interval {
        MONTH,
        QUARTER
    }
}
