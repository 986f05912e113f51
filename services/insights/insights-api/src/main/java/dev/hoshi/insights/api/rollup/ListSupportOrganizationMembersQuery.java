package dev.hoshi.insights.api.rollup;

import dev.hoshi.kernel.id.SupportOrganizationId;
import dev.hoshi.kernel.id.UserId;

/**
 * A page of a support organisation's consenting members, as {@code viewer} (one of its analysts) may see them.
 *
 * @param level only members at this level (NONE, ONE_STAR_ELIGIBLE, ONE_STAR_DECLARED, TWO_STARS_ELIGIBLE,
 *     TWO_STARS_DECLARED); {@code null}: all
 * @param filter only members of this industry, SME class and/or prefecture ({@code null}: {@link RollupFilter#NONE})
 * @param overdue only members with ({@code true}) or without ({@code false}) a review overdue, as far as their scope
 *     shows it; {@code null}: all
 * @param sort how to order them
 * @param offset how many members to skip
 * @param limit how many to return at most
 */
public record ListSupportOrganizationMembersQuery(
        SupportOrganizationId supportOrganizationId,
        UserId viewer,
        String level,
        RollupFilter filter,
        Boolean overdue,
        MemberSort sort,
        int offset,
        int limit) {

    public ListSupportOrganizationMembersQuery {
        filter = filter == null ? RollupFilter.NONE : filter;
    }

    /**
     * Highest (latest, overdue first) first; ties by organisation id. A member whose scope hides the sort field sorts
     * after every member that shows it.
     */
    public enum MemberSort {
        SCORE,
        LEVEL,
        LAST_ASSESSMENT,
        OVERDUE
    }
}
