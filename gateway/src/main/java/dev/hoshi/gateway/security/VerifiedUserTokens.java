package dev.hoshi.gateway.security;

import dev.hoshi.kernel.cache.BoundedLru;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * A trusted issuer's {@link ReactiveJwtDecoder} that checks the signature of each distinct bearer token once in a
 * while instead of on every request. A person's or partner's client sends the same token for every request until it
 * expires; a profile of dashboard reads found verifying it again each time about a tenth of the gateway's CPU.
 *
 * <p>What is remembered: a token string that the issuer's decoder accepted (signature, then the issuer's validator),
 * with its decoded form and when that was, at most {@code capacity} of them, the least recently used forgotten first.
 * What still happens on every request: the issuer's own validator runs again on the remembered token ({@code exp},
 * {@code nbf}, {@code iss}, {@code aud}, {@code azp}, and whatever an issuer adds later), so a remembered token stops
 * working the moment it expires, as before. What does not: verifying the signature of that exact string, which
 * cannot change. It is verified again once {@code maxAge} has passed since the last time, so a key the provider
 * withdraws stops a remembered token within {@code maxAge} at most, whatever the token's own {@code exp} says.
 * (Spring Security's remote key set keeps the keys it fetched until a token names one it does not hold, so a
 * withdrawn key was not dropped sooner before either.) A refused token is never remembered.
 */
final class VerifiedUserTokens implements ReactiveJwtDecoder {

    /** How many verified tokens are remembered (a few KB each), the least recently used forgotten first. */
    static final int REMEMBERED = 4_096;

    /** How long a verified signature is trusted before the token's signature is verified again. */
    static final Duration MAX_AGE = Duration.ofMinutes(5);

    private record Verified(Jwt jwt, Instant at) {}

    private final ReactiveJwtDecoder delegate;
    private final OAuth2TokenValidator<Jwt> validator;
    private final BoundedLru<String, Verified> verified;
    private final Duration maxAge;
    private final Clock clock;

    /**
     * @param delegate the issuer's decoder: verifies the signature and runs {@code validator}
     * @param validator the same validator the delegate runs, run again on each use of a remembered token
     */
    VerifiedUserTokens(
            ReactiveJwtDecoder delegate,
            OAuth2TokenValidator<Jwt> validator,
            int capacity,
            Duration maxAge,
            Clock clock) {
        if (maxAge.isNegative()) {
            throw new IllegalArgumentException("maxAge must not be negative, but was: " + maxAge);
        }
        this.delegate = delegate;
        this.validator = validator;
        this.verified = new BoundedLru<>(capacity);
        this.maxAge = maxAge;
        this.clock = clock;
    }

    /** For a trusted issuer, with the defaults above and the system clock. */
    static ReactiveJwtDecoder of(TrustedIssuer issuer) {
        return new VerifiedUserTokens(issuer.decoder(), issuer.validator(), REMEMBERED, MAX_AGE, Clock.systemUTC());
    }

    @Override
    public Mono<Jwt> decode(String token) {
        Verified remembered = verified.get(token);
        if (remembered == null || !clock.instant().isBefore(remembered.at().plus(maxAge))) {
            return delegate.decode(token)
                    .doOnNext(jwt -> verified.put(token, new Verified(jwt, clock.instant())))
                    .doOnError(refused -> verified.remove(token));
        }
        return Mono.fromCallable(() -> revalidated(token, remembered.jwt()));
    }

    private Jwt revalidated(String token, Jwt remembered) {
        OAuth2TokenValidatorResult result = validator.validate(remembered);
        if (result.hasErrors()) {
            verified.remove(token);
            // the delegate's own message for a token refused by its validator
            throw new JwtValidationException(
                    "An error occurred while attempting to decode the Jwt: "
                            + result.getErrors().iterator().next().getDescription(),
                    result.getErrors());
        }
        return remembered;
    }

    int size() {
        return verified.size();
    }
}
