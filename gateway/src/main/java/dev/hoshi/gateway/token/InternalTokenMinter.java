package dev.hoshi.gateway.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.hoshi.gateway.security.Caller;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Mints the internal token for one routed request. Contract ({@code docs/gateway.md}): RS256 with {@code kid};
 * {@code iss}, {@code aud}, {@code iat}, {@code exp} (= {@code iat} + lifetime), {@code jti}; {@code sub},
 * {@code actor} (kernel {@code Actor} text), {@code roles} (array, may be empty), {@code name} if known and
 * {@code org} if the caller chose one.
 *
 * <p>Signing is the gateway's dearest step per request, so the same caller (subject, actor, roles, name) for the same
 * organisation gets the token minted for it before, for as long as more than {@code reuse-margin} of its lifetime is
 * left; then a new one with a new {@code jti}. The cache holds at most {@code token-cache-size} callers.
 */
public final class InternalTokenMinter {

    private final InternalSigningKey key;
    private final InternalTokenProperties properties;
    private final Clock clock;
    private final MintedTokenCache<CacheKey> cache;

    private record CacheKey(Caller caller, Optional<String> organization) {}

    InternalTokenMinter(InternalSigningKey key, InternalTokenProperties properties, Clock clock) {
        this.key = key;
        this.properties = properties;
        this.clock = clock;
        this.cache = new MintedTokenCache<>(properties.tokenCacheSize());
    }

    /**
     * @param caller who is calling
     * @param organization the active organisation the caller chose for this request, already validated
     * @return the compact serialized, signed JWT
     */
    public String mint(Caller caller, Optional<String> organization) {
        Instant now = clock.instant();
        CacheKey cacheKey = new CacheKey(caller, organization);
        Optional<String> cached = cache.reusable(cacheKey, now.plus(properties.reuseMargin()));
        if (cached.isPresent()) {
            return cached.get();
        }
        Instant issuedAt = now.truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = issuedAt.plus(properties.lifetime());
        String token = sign(caller, organization, issuedAt, expiresAt);
        cache.put(cacheKey, new MintedTokenCache.Minted(token, expiresAt));
        return token;
    }

    int cachedCallers() {
        return cache.size();
    }

    private String sign(Caller caller, Optional<String> organization, Instant issuedAt, Instant expiresAt) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(properties.issuer())
                .audience(properties.audience())
                .subject(caller.subject())
                .issueTime(Date.from(issuedAt))
                .expirationTime(Date.from(expiresAt))
                .jwtID(UUID.randomUUID().toString())
                .claim("actor", caller.actor().toString())
                .claim("roles", List.copyOf(caller.roles()));
        caller.name().ifPresent(name -> claims.claim("name", name));
        organization.ifPresent(org -> claims.claim("org", org));
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID(key.kid())
                .type(JOSEObjectType.JWT)
                .build();
        SignedJWT jwt = new SignedJWT(header, claims.build());
        try {
            jwt.sign(key.signer());
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign an internal token", e);
        }
        return jwt.serialize();
    }
}
