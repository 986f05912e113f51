package dev.hoshi.compliance.api.securityaction;

/** The periodic reviews Hoshi tracks (default: every 12 months). */
public enum ReviewKind {
    /** Answer the 25-item self-assessment again. */
    SELF_ASSESSMENT,
    /** Review the basic security policy. */
    BASIC_POLICY
}
