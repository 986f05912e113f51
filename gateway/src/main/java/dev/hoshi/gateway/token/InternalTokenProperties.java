package dev.hoshi.gateway.token;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The internal token, configured under {@code hoshi.gateway.internal-token}.
 *
 * @param issuer {@code iss} of every internal token
 * @param audience {@code aud} of every internal token
 * @param lifetime from {@code iat} to {@code exp}; short, since a token is minted per caller and organisation
 * @param keyLocation a PKCS#8 PEM RSA private key: a file path or a {@code file:} URL; when absent, demo mode
 *     generates an ephemeral key and any other start fails
 * @param reuseMargin a token minted before for the same caller and organisation is forwarded again only while more
 *     than this is left of its lifetime; shorter than {@code lifetime}
 * @param tokenCacheSize how many callers' tokens are kept for reuse, least recently used dropped first; 0 mints a
 *     token per request
 */
@ConfigurationProperties("hoshi.gateway.internal-token")
public record InternalTokenProperties(
        @DefaultValue("hoshi-gateway") String issuer,
        @DefaultValue("hoshi-services") String audience,
        @DefaultValue("60s") Duration lifetime,
        String keyLocation,
        @DefaultValue("15s") Duration reuseMargin,
        @DefaultValue("10000") int tokenCacheSize) {

    static final Duration MAX_LIFETIME = Duration.ofMinutes(10);

    public InternalTokenProperties {
        if (issuer == null || issuer.isBlank()) {
            throw new IllegalArgumentException("hoshi.gateway.internal-token.issuer must not be blank");
        }
        if (audience == null || audience.isBlank()) {
            throw new IllegalArgumentException("hoshi.gateway.internal-token.audience must not be blank");
        }
        if (lifetime == null || lifetime.compareTo(Duration.ofSeconds(1)) < 0 || lifetime.compareTo(MAX_LIFETIME) > 0) {
            throw new IllegalArgumentException(
                    "hoshi.gateway.internal-token.lifetime must be between 1s and 10m (tokens are short-lived),"
                            + " but was: " + lifetime);
        }
        if (reuseMargin == null || reuseMargin.isNegative() || reuseMargin.compareTo(lifetime) >= 0) {
            throw new IllegalArgumentException(
                    "hoshi.gateway.internal-token.reuse-margin must be at least 0s and shorter than the lifetime ("
                            + lifetime + "), but was: " + reuseMargin);
        }
        if (tokenCacheSize < 0) {
            throw new IllegalArgumentException(
                    "hoshi.gateway.internal-token.token-cache-size must not be negative, but was: " + tokenCacheSize);
        }
        keyLocation = keyLocation == null || keyLocation.isBlank() ? null : keyLocation.trim();
    }
}
