package dev.hoshi.insights.webhook;

/** What an endpoint hears of. */
public enum WebhookEventType {
    /** A member's level bucket or the standing of its declared level changed (every scope). */
    LEVEL_OR_STANDING_CHANGED,
    /** A member's latest score changed (grants from LEVEL_AND_SCORES up). */
    SCORE_CHANGED,
    /** The member's grant to the endpoint's owner started (on its start date, or granted anew). */
    GRANT_STARTED,
    /**
     * The member's grant to the endpoint's owner ended (revoked, or its end date passed): the last delivery about that
     * member, sent even though the grant no longer shows anything, and saying nothing but the member and the scope.
     */
    GRANT_ENDED
}
