package dev.hoshi.insights.api.rollup;

import java.util.List;

/** A page of members, each shown only at its grant's scope. */
public record MemberPageView(List<MemberView> members, int offset, boolean hasNext) {

    /**
     * One member as its grant lets the support organisation see it: fields beyond the scope are {@code null}.
     *
     * @param industry JSIC division letter, from its profile (shown at every scope, like the name)
     * @param smeClass SMALL, MEDIUM or LARGE, derived from its profile
     * @param prefecture JIS X 0401 code of its head office
     * @param level the level bucket, always shown (every scope includes the level): NONE, ONE_STAR_ELIGIBLE,
     *     ONE_STAR_DECLARED, TWO_STARS_ELIGIBLE or TWO_STARS_DECLARED
     * @param declaredLevel NONE, ONE_STAR or TWO_STARS: the level declared with IPA, as compliance reports it (always
     *     shown)
     * @param standing NOT_DECLARED, GOOD or PREREQUISITES_LAPSED: whether the declared level's prerequisites still
     *     hold, by Hoshi's monitoring rule, not IPA's (always shown, beside the level it qualifies)
     * @param lapseReason why they stopped holding; {@code null} unless lapsed
     * @param lapsedOn the first day they no longer held, {@code yyyy-MM-dd}; {@code null} unless lapsed
     * @param score latest organisation-wide score (LEVEL_AND_SCORES and up)
     * @param band its band (LEVEL_AND_SCORES and up)
     * @param assessedOn the sheet's effective date, {@code yyyy-MM-dd} (LEVEL_AND_SCORES and up)
     * @param reviewOverdue whether a review is overdue (LEVEL_AND_SCORES and up)
     * @param answers each item's answer (FULL_DETAIL only)
     */
    public record MemberView(
            String organizationId,
            String name,
            String scope,
            String industry,
            String smeClass,
            String prefecture,
            String level,
            String declaredLevel,
            String standing,
            String lapseReason,
            String lapsedOn,
            Integer score,
            String band,
            String assessedOn,
            Boolean reviewOverdue,
            List<ItemAnswerView> answers) {}

    /** One item of the 25 and its answer (DONE, PARTLY, NOT_DONE, UNKNOWN). */
    public record ItemAnswerView(String item, String answer) {}
}
