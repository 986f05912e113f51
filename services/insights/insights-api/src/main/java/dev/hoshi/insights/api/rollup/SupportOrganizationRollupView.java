package dev.hoshi.insights.api.rollup;

import java.util.List;

/**
 * What a support organisation's consenting members look like together. Each figure is judged on its own group (the
 * members whose scope shows that fact); a figure is {@code null} with {@code suppressed = true} and a {@link
 * SuppressionReason} when its group is smaller than the disclosure threshold, when the members it leaves out of the
 * unfiltered rollup (or of any wider filter) are fewer than the threshold, or when its group size is within the
 * threshold of a size already shown for a related group, so that no single member can be singled out by subtracting
 * two figures. A group size below the threshold is {@code null} too (docs/insights.md, "Disclosure control").
 *
 * @param period the month ({@code yyyy-MM}) or quarter ({@code yyyy-Qn}) the figures stand at the end of; for the
 *     current rollup, the current month
 * @param filter the members it covers
 * @param consentingMembers members with an active grant to the support organisation (any scope); {@code null} below
 *     the threshold
 * @param suppressed whether the level figures (levels, standingLapsed, declined) are withheld
 * @param suppressedReason why they are withheld; {@code null} when shown
 * @param levels members per level; {@code null} when suppressed
 * @param standingLapsed members whose declared level's prerequisites have lapsed (Hoshi's monitoring rule, not
 *     IPA's: they stay in their declared level's bucket and are counted here too); {@code null} when suppressed
 * @param reviewsOverdue members whose grant includes scores with a review overdue; {@code null} when suppressed
 * @param reviewsOverdueMembers the group reviewsOverdue is judged on: members whose grant includes scores; {@code
 *     null} below the threshold
 * @param reviewsOverdueSuppressedReason why reviewsOverdue is withheld; {@code null} when shown
 * @param declined consenting members whose level bucket went down in the period, or whose standing went from good to
 *     lapsed, or whose score went down where their grant includes scores; {@code null} when suppressed
 */
public record SupportOrganizationRollupView(
        String supportOrganizationId,
        String period,
        RollupFilter filter,
        int disclosureThreshold,
        Long consentingMembers,
        boolean suppressed,
        SuppressionReason suppressedReason,
        LevelCountsView levels,
        Long standingLapsed,
        Long reviewsOverdue,
        Long reviewsOverdueMembers,
        SuppressionReason reviewsOverdueSuppressedReason,
        Long declined,
        ScoreSummaryView scores,
        ItemRatesView items,
        ControlRatesView controls,
        KeyActionRatesView keyActions) {

    /**
     * Members per SECURITY ACTION level, each in the highest bucket that holds, from compliance's status: ★★ declared;
     * ★★ eligible (compliance's eligible level is ★★, ★★ not declared); ★ declared; ★ eligible (eligible level ★,
     * nothing declared); none. A declared level stays in its bucket when its standing lapsed.
     */
    public record LevelCountsView(
            long none, long oneStarEligible, long oneStarDeclared, long twoStarsEligible, long twoStarsDeclared) {}

    /**
     * Latest organisation-wide self-assessment scores over members whose grant includes scores and who have one.
     *
     * @param members the group's size; {@code null} below the threshold
     */
    public record ScoreSummaryView(
            Long members,
            boolean suppressed,
            SuppressionReason suppressedReason,
            Double mean,
            Double median,
            List<BandCountView> bands) {}

    /** Members whose latest score falls in a band. */
    public record BandCountView(String band, long members) {}

    /** Per-item implementation rates over members whose grant includes detail and who have a sheet. */
    public record ItemRatesView(
            Long members, boolean suppressed, SuppressionReason suppressedReason, List<ItemRateView> rates) {}

    /** The share (0..1) of the group that answered an item DONE. */
    public record ItemRateView(String item, double implementedRate) {}

    /**
     * Controls implemented per chapter of the guideline, over members whose grant includes detail and who track at
     * least one control.
     */
    public record ControlRatesView(
            Long members, boolean suppressed, SuppressionReason suppressedReason, List<ChapterRateView> chapters) {}

    /**
     * One chapter: controls implemented and controls that apply (not marked not applicable), summed over the group.
     */
    public record ChapterRateView(String chapter, long implemented, long applicable, double implementedRate) {}

    /**
     * The management edition's key actions (経営者編 重要7項目の取組), over members whose grant includes full detail:
     * per key action of the current edition, in its order, how many of them had their executive confirm it.
     *
     * @param members the group's size; {@code null} below the threshold
     */
    public record KeyActionRatesView(
            Long members, boolean suppressed, SuppressionReason suppressedReason, List<KeyActionRateView> actions) {}

    /** One key action: members whose executive confirmed it, and their share (0..1) of the group. */
    public record KeyActionRateView(String actionId, long confirmed, double confirmedRate) {}
}
