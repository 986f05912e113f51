package dev.hoshi.compliance.api.status;

/**
 * Hoshi's view of whether a declared level's prerequisites still hold. This is Hoshi's monitoring rule, not IPA's:
 * a SECURITY ACTION declaration has no expiry and stands until the organisation changes or stops it, so a lapse
 * never changes the declared level; it is shown beside it.
 */
public enum Standing {
    /** Nothing is declared, so there is nothing to stand in. */
    NOT_DECLARED,
    /** The declared level's prerequisites hold today. */
    GOOD,
    /** A prerequisite of the declared level stopped holding (see the lapse reason and date). */
    PREREQUISITES_LAPSED
}
