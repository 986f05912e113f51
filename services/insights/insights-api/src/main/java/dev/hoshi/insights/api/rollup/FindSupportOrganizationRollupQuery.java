package dev.hoshi.insights.api.rollup;

import dev.hoshi.kernel.id.SupportOrganizationId;
import dev.hoshi.kernel.id.UserId;
import java.time.LocalDate;

/**
 * The rollup of a support organisation's consenting members, as {@code viewer} may see it: empty unless the viewer is
 * one of its analysts. {@code asOf} ({@code null}: now) gives it as it stood at the end of the month containing that
 * date; {@code filter} narrows it to members of one industry, SME class and/or prefecture.
 */
public record FindSupportOrganizationRollupQuery(
        SupportOrganizationId supportOrganizationId, UserId viewer, LocalDate asOf, RollupFilter filter) {

    public FindSupportOrganizationRollupQuery {
        filter = filter == null ? RollupFilter.NONE : filter;
    }
}
