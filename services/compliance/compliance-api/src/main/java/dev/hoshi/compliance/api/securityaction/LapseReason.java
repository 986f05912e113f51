package dev.hoshi.compliance.api.securityaction;

/** Why a declared level's prerequisites stopped holding (Hoshi's standing, not IPA's declaration). */
public enum LapseReason {
    /** The basic security policy was withdrawn (no policy in force). */
    POLICY_WITHDRAWN,
    /** The policy in force is not published (e.g. a re-adopted policy not yet published again). */
    POLICY_NOT_PUBLISHED,
    /** The latest self-assessment is older than the review period. */
    ASSESSMENT_EXPIRED
}
