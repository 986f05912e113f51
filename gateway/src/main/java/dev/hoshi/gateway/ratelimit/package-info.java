/**
 * Per-caller rate limits at the edge: a token bucket per proven caller (OIDC subject, partner client, demo persona)
 * or, for a request without one, per client address; 429 {@code RATE_LIMITED} with {@code Retry-After} past it. In
 * memory, for one gateway instance (see docs/gateway.md for several).
 */
package dev.hoshi.gateway.ratelimit;
