package dev.hoshi.gateway.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Rate limits, configured under {@code hoshi.gateway.rate-limit}.
 *
 * @param enabled false turns the limits off (every request passes)
 * @param perMinute sustained requests a minute of each proven caller: a person (OIDC {@code sub} or demo persona) or a
 *     partner client
 * @param burst how many requests such a caller may send at once after a quiet spell
 * @param anonymousPerMinute sustained requests a minute of each client address for requests without a caller (public
 *     paths, the demo token)
 * @param anonymousBurst the burst of such an address
 * @param maxTracked how many buckets are kept at most; beyond it the least recently used one is forgotten (a forgotten
 *     bucket starts full again, as one idle long enough would be)
 */
@ConfigurationProperties("hoshi.gateway.rate-limit")
public record RateLimitProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("1200") int perMinute,
        @DefaultValue("200") int burst,
        @DefaultValue("300") int anonymousPerMinute,
        @DefaultValue("60") int anonymousBurst,
        @DefaultValue("100000") int maxTracked) {

    public RateLimitProperties {
        if (perMinute < 1 || burst < 1 || anonymousPerMinute < 1 || anonymousBurst < 1 || maxTracked < 1) {
            throw new IllegalArgumentException("hoshi.gateway.rate-limit: per-minute, burst, anonymous-per-minute,"
                    + " anonymous-burst and max-tracked must each be at least 1");
        }
    }

    Limit callers() {
        return new Limit(perMinute, burst);
    }

    Limit anonymous() {
        return new Limit(anonymousPerMinute, anonymousBurst);
    }

    /**
     * A token bucket: it holds {@code burst} requests when full and refills at {@code perMinute} requests a minute.
     *
     * @param perMinute the sustained rate, requests per minute
     * @param burst how many requests may come at once after a quiet spell
     */
    record Limit(int perMinute, int burst) {

        double perSecond() {
            return perMinute / 60.0;
        }
    }
}
