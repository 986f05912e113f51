package dev.hoshi.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.hoshi.gateway.MovingClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * A remembered user token: its signature verified once per {@code maxAge}, everything else checked on every use. The
 * issuer's decoder here is Spring Security's real one with a real RSA key; its validator and the cache read the same
 * clock, which the tests move.
 */
class VerifiedUserTokensTest {

    static final String ISSUER = "https://login.example";
    static final Duration MAX_AGE = Duration.ofMinutes(5);

    final MovingClock clock = new MovingClock(Instant.parse("2026-12-04T09:00:00Z"));
    final OAuth2TokenValidator<Jwt> validator = validator();
    final RSAKey key = rsa();
    final AtomicReference<ReactiveJwtDecoder> issuerDecoder = new AtomicReference<>(decoderFor(key));
    final AtomicInteger verifications = new AtomicInteger();
    final ReactiveJwtDecoder countingDelegate = token -> {
        verifications.incrementAndGet();
        return issuerDecoder.get().decode(token);
    };

    @Test
    void aTokenUsedAgainIsNotVerifiedAgain() {
        VerifiedUserTokens tokens = tokens(100, MAX_AGE);
        String token = token(key, "sato", Duration.ofHours(1));

        for (int i = 0; i < 3; i++) {
            assertThat(decode(tokens, token).getSubject()).isEqualTo("sato");
        }
        assertThat(verifications).hasValue(1);
        assertThat(tokens.size()).isEqualTo(1);
    }

    @Test
    void eachDistinctTokenIsVerified() {
        VerifiedUserTokens tokens = tokens(100, MAX_AGE);

        assertThat(decode(tokens, token(key, "sato", Duration.ofHours(1))).getSubject())
                .isEqualTo("sato");
        assertThat(decode(tokens, token(key, "suzuki", Duration.ofHours(1))).getSubject())
                .isEqualTo("suzuki");

        assertThat(verifications).hasValue(2);
    }

    @Test
    void aRememberedTokenIsRefusedTheMomentItExpires() {
        // a max age longer than the token's life, so only the check on every use can refuse it
        VerifiedUserTokens tokens = tokens(100, Duration.ofDays(1));
        String token = token(key, "sato", Duration.ofMinutes(30));
        decode(tokens, token);

        clock.advance(Duration.ofMinutes(30).plusSeconds(61)); // past exp and the validator's 60 s of clock skew

        assertThatThrownBy(() -> decode(tokens, token))
                .isInstanceOf(JwtValidationException.class)
                .hasMessageContaining("expired");
        assertThat(verifications)
                .as("refused without verifying the signature again")
                .hasValue(1);
        assertThat(tokens.size()).as("an expired token is forgotten").isZero();
    }

    @Test
    void theSignatureIsVerifiedAgainOnceMaxAgeHasPassed() {
        VerifiedUserTokens tokens = tokens(100, MAX_AGE);
        String token = token(key, "sato", Duration.ofHours(1));
        decode(tokens, token);

        clock.advance(MAX_AGE.minusSeconds(1));
        decode(tokens, token);
        assertThat(verifications).hasValue(1);

        clock.advance(Duration.ofSeconds(1));
        decode(tokens, token);
        assertThat(verifications).hasValue(2);
    }

    @Test
    void aWithdrawnKeyStopsARememberedTokenWithinMaxAgeWhateverItsExpiry() {
        VerifiedUserTokens tokens = tokens(100, MAX_AGE);
        String token = token(key, "sato", Duration.ofDays(365));
        decode(tokens, token);

        issuerDecoder.set(decoderFor(rsa())); // the provider's key set no longer holds the key
        clock.advance(MAX_AGE.minusSeconds(1));
        assertThat(decode(tokens, token).getSubject())
                .as("within max age the remembered verification stands")
                .isEqualTo("sato");

        clock.advance(Duration.ofSeconds(1));
        assertThatThrownBy(() -> decode(tokens, token)).isInstanceOf(JwtException.class);
        assertThat(tokens.size()).isZero();
        assertThatThrownBy(() -> decode(tokens, token)).isInstanceOf(JwtException.class);
    }

    @Test
    void aRefusedTokenIsNeverRemembered() {
        VerifiedUserTokens tokens = tokens(100, MAX_AGE);
        String forged = token(rsa(), "sato", Duration.ofHours(1));
        String otherIssuer = signed(key, claims("sato", Duration.ofHours(1)).issuer("https://elsewhere.example"));

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> decode(tokens, forged)).isInstanceOf(JwtException.class);
            assertThatThrownBy(() -> decode(tokens, otherIssuer)).isInstanceOf(JwtValidationException.class);
        }
        assertThat(verifications).hasValue(4);
        assertThat(tokens.size()).isZero();
    }

    @Test
    void atMostCapacityTokensAreRememberedTheLeastRecentlyUsedForgottenFirst() {
        VerifiedUserTokens tokens = tokens(2, MAX_AGE);
        String first = token(key, "first", Duration.ofHours(1));
        String second = token(key, "second", Duration.ofHours(1));
        String third = token(key, "third", Duration.ofHours(1));
        decode(tokens, first);
        decode(tokens, second);
        decode(tokens, first); // the second is now the least recently used

        decode(tokens, third);
        assertThat(tokens.size()).isEqualTo(2);
        assertThat(verifications).hasValue(3);

        decode(tokens, first);
        assertThat(verifications).as("the first was kept").hasValue(3);
        decode(tokens, second);
        assertThat(verifications).as("the second was forgotten").hasValue(4);
    }

    private VerifiedUserTokens tokens(int capacity, Duration maxAge) {
        return new VerifiedUserTokens(countingDelegate, validator, capacity, maxAge, clock);
    }

    private static Jwt decode(ReactiveJwtDecoder decoder, String token) {
        return decoder.decode(token).block();
    }

    private OAuth2TokenValidator<Jwt> validator() {
        JwtTimestampValidator timestamps = new JwtTimestampValidator();
        timestamps.setClock(clock);
        return new DelegatingOAuth2TokenValidator<>(timestamps, new JwtIssuerValidator(ISSUER));
    }

    private ReactiveJwtDecoder decoderFor(RSAKey rsa) {
        try {
            NimbusReactiveJwtDecoder decoder =
                    NimbusReactiveJwtDecoder.withPublicKey(rsa.toRSAPublicKey()).build();
            decoder.setJwtValidator(validator);
            return decoder;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String token(RSAKey signingKey, String subject, Duration lifetime) {
        return signed(signingKey, claims(subject, lifetime));
    }

    private JWTClaimsSet.Builder claims(String subject, Duration lifetime) {
        Instant now = clock.instant();
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(subject)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)));
    }

    private static String signed(RSAKey signingKey, JWTClaimsSet.Builder claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims.build());
            jwt.sign(new RSASSASigner(signingKey));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey rsa() {
        try {
            return new RSAKeyGenerator(2048).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
