package dev.hoshi.compliance.api.securityaction;

/** Why a ★★ level stopped holding. */
public enum LapseReason {
    /** The basic security policy was withdrawn. */
    POLICY_WITHDRAWN,
    /** The latest self-assessment is older than the review period. */
    ASSESSMENT_EXPIRED
}
