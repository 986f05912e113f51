package dev.hoshi.insights.api.rollup;

/** Why a figure is withheld (docs/insights.md, "Disclosure control"). */
public enum SuppressionReason {
    /** Its group has fewer members than the disclosure threshold. */
    SMALL_GROUP,
    /**
     * The members a filter leaves out of the unfiltered rollup (or of a wider filter) are fewer than the threshold,
     * so subtracting the two figures would show them.
     */
    SMALL_COMPLEMENT,
    /**
     * The group's size is within the threshold of a size already shown for it (another period, or a wider or narrower
     * filter), so the step between the two figures would show the few members that joined, left or moved.
     */
    SMALL_CHANGE
}
