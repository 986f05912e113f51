package dev.hoshi.directory.api.consent;

/** How much a grantee may see of the organisation's security work. Each scope includes the ones before it. */
public enum ConsentScope {
    /** The SECURITY ACTION level only (none, ★, ★★). */
    LEVEL_ONLY,
    /** The level and the self-assessment scores (total and per part). */
    LEVEL_AND_SCORES,
    /** Everything: level, scores, each item's answer and the controls. */
    FULL_DETAIL;

    /** Whether this scope allows at least what {@code other} allows. */
    public boolean includes(ConsentScope other) {
        return compareTo(other) >= 0;
    }
}
