package dev.hoshi.gateway.ratelimit;

import dev.hoshi.kernel.cache.BoundedLru;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * One token bucket per key, at most {@code maxTracked} of them (least recently used forgotten first, so memory stays
 * bounded whatever callers come). A bucket starts full; every request takes one token; tokens come back at the limit's
 * rate up to its burst. The time comes from the clock given, so tests move it instead of waiting.
 */
final class TokenBuckets {

    /** The answer for one request: allowed, or refused with how long to wait before one token is back. */
    record Decision(boolean allowed, Duration retryAfter) {

        static final Decision ALLOWED = new Decision(true, Duration.ZERO);

        /** Whole seconds to wait, rounded up, at least 1: the value of {@code Retry-After}. */
        long retryAfterSeconds() {
            return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        }
    }

    private record Bucket(double tokens, Instant at, boolean took) {}

    private final Clock clock;
    private final BoundedLru<String, Bucket> buckets;

    TokenBuckets(Clock clock, int maxTracked) {
        this.clock = clock;
        this.buckets = new BoundedLru<>(maxTracked);
    }

    Decision take(String key, RateLimitProperties.Limit limit) {
        Instant now = clock.instant();
        return buckets.update(
                key,
                k -> new Bucket(limit.burst(), now, false),
                bucket -> {
                    double elapsed =
                            Math.max(0, Duration.between(bucket.at(), now).toNanos()) / 1e9;
                    double tokens = Math.min(limit.burst(), bucket.tokens() + elapsed * limit.perSecond());
                    return tokens >= 1 ? new Bucket(tokens - 1, now, true) : new Bucket(tokens, now, false);
                },
                bucket -> bucket.took()
                        ? Decision.ALLOWED
                        : new Decision(false, Duration.ofNanos((long)
                                Math.ceil((1 - bucket.tokens()) / limit.perSecond() * 1e9))));
    }

    int tracked() {
        return buckets.size();
    }
}
