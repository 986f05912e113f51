package dev.hoshi.insights.api.rollup;

import dev.hoshi.kernel.id.SupportOrganizationId;
import dev.hoshi.kernel.id.UserId;

/**
 * A page of a support organisation's consenting members, as {@code viewer} (one of its analysts) may see them.
 *
 * @param level only members at this level (NONE, ONE_STAR_ELIGIBLE, ONE_STAR_DECLARED,
 *     TWO_STARS_DECLARED); {@code null}: all
 * @param sort how to order them
 * @param offset how many members to skip
 * @param limit how many to return at most
 */
public record ListSupportOrganizationMembersQuery(
        SupportOrganizationId supportOrganizationId,
        UserId viewer,
        String level,
        MemberSort sort,
        int offset,
        int limit) {

    /** Highest first; ties by organisation id. A member whose scope hides its score sorts after every score. */
    public enum MemberSort {
        SCORE,
        LEVEL
    }
}
