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
     * @param level always shown (every scope includes the level)
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
            Integer score,
            String band,
            String assessedOn,
            Boolean reviewOverdue,
            List<ItemAnswerView> answers) {}

    /** One item of the 25 and its answer (DONE, PARTLY, NOT_DONE, UNKNOWN). */
    public record ItemAnswerView(String item, String answer) {}
}
