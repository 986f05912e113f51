package dev.hoshi.insights.api.rollup;

import java.util.List;

/**
 * What a support organisation's consenting members look like together. A group smaller than the disclosure threshold
 * shows no figures ({@code null}) and {@code suppressed = true}, so no single member can be singled out.
 *
 * @param month the snapshot's month ({@code yyyy-MM}) when read {@code asOf} a date; {@code null} for now
 * @param consentingMembers members with an active grant to the support organisation (any scope)
 * @param suppressed whether the level figures are withheld (fewer consenting members than the threshold)
 * @param levels members per level; {@code null} when suppressed
 * @param reviewsOverdue consenting members with a review overdue; {@code null} when suppressed
 */
public record SupportOrganizationRollupView(
        String supportOrganizationId,
        String month,
        int disclosureThreshold,
        long consentingMembers,
        boolean suppressed,
        LevelCountsView levels,
        Long reviewsOverdue,
        ScoreSummaryView scores,
        ItemRatesView items) {

    /** Members per SECURITY ACTION level: none, ★ eligible (all 5 articles, not declared), ★ and ★★ declared. */
    public record LevelCountsView(long none, long oneStarEligible, long oneStarDeclared, long twoStarsDeclared) {}

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
}
