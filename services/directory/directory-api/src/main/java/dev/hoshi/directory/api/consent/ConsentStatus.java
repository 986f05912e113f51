package dev.hoshi.directory.api.consent;

/** Where a grant stands today (in Japan). */
public enum ConsentStatus {
    /** Its start date is still to come. */
    SCHEDULED,
    /** In force: the grantee sees what the scope allows. */
    ACTIVE,
    /** Its end date has passed. */
    ENDED,
    /** Withdrawn by the organisation. */
    REVOKED
}
