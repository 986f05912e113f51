package dev.hoshi.directory.api.support;

/** Where a membership stands. */
public enum MembershipStatus {
    /** Proposed by one side, waiting for the other. */
    PENDING,
    /** Accepted by both sides (or recorded by an operator). */
    ACTIVE,
    /** The last proposal was declined. */
    DECLINED
}
