package dev.hoshi.directory.api.person;

/** The kinds of e-mail Hoshi sends; a person may turn each off. */
public enum NotificationKind {
    /** A periodic review falls due in 30 days, and again in 7 days (owners). */
    REVIEW_DUE,
    /** A periodic review became overdue today (owners). */
    REVIEW_OVERDUE,
    /** Hoshi's standing for a declared ★★ lapsed (owners). */
    STANDING_LAPSED,
    /** The monthly summary of a support organisation's members (analysts). */
    MONTHLY_DIGEST
}
