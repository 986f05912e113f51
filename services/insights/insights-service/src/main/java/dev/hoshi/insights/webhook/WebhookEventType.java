package dev.hoshi.insights.webhook;

/** What an endpoint hears of. */
public enum WebhookEventType {
    /** A member's level bucket or the standing of its declared level changed (every scope). */
    LEVEL_OR_STANDING_CHANGED,
    /** A member's latest score changed (grants from LEVEL_AND_SCORES up). */
    SCORE_CHANGED
}
