package dev.hoshi.insights.api.rollup;

import java.util.List;

/**
 * What a support organisation's consenting members look like together. A group smaller than the disclosure threshold
 * shows no figures ({@code null}) and {@code suppressed = true}, so no single member can be singled out.
 *
 * @param period the month ({@code yyyy-MM}) or quarter ({@code yyyy-Qn}) the figures stand at the end of; for the
 *     current rollup, the current month
 * @param filter the members it covers
 * @param consentingMembers members with an active grant to the support organisation (any scope)
 * @param suppressed whether the level figures are withheld (fewer consenting members than the threshold)
 * @param levels members per level; {@code null} when suppressed
 * @param standingLapsed members whose declared level's prerequisites have lapsed (Hoshi's monitoring rule, not
 *     IPA's: they stay in their declared level's bucket and are counted here too); {@code null} when suppressed
 * @param reviewsOverdue consenting members with a review overdue; {@code null} when suppressed
 * @param declined consenting members whose level bucket went down in the period, or whose standing went from good to
 *     lapsed, or whose score went down where their grant includes scores; {@code null} when suppressed
 */
public record SupportOrganizationRollupView(
        String supportOrganizationId,
        String period,
        RollupFilter filter,
        int disclosureThreshold,
        long consentingMembers,
        boolean suppressed,
        LevelCountsView levels,
        Long standingLapsed,
        Long reviewsOverdue,
        Long declined,
        ScoreSummaryView scores,
        ItemRatesView items,
        ControlRatesView controls) {

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
     * @param members the group's size (always shown)
     */
    public record ScoreSummaryView(
            long members, boolean suppressed, Double mean, Double median, List<BandCountView> bands) {}

    /** Members whose latest score falls in a band. */
    public record BandCountView(String band, long members) {}

    /** Per-item implementation rates over members whose grant includes detail and who have a sheet. */
    public record ItemRatesView(long members, boolean suppressed, List<ItemRateView> rates) {}

    /** The share (0..1) of the group that answered an item DONE. */
    public record ItemRateView(String item, double implementedRate) {}

    /**
     * Controls implemented per chapter of the guideline, over members whose grant includes detail and who track at
     * least one control.
     */
    public record ControlRatesView(long members, boolean suppressed, List<ChapterRateView> chapters) {}

    /**
     * One chapter: controls implemented and controls that apply (not marked not applicable), summed over the group.
     */
    public record ChapterRateView(String chapter, long implemented, long applicable, double implementedRate) {}
}
