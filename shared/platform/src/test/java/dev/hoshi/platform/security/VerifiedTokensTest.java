package dev.hoshi.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.hoshi.testsupport.MutableClock;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

class VerifiedTokensTest {

    private static final Instant NOW = Instant.parse("2026-03-15T00:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final KeyPair keys = rsa();
    private final OAuth2TokenValidator<Jwt> validator = validator(clock);
    private final AtomicInteger verifications = new AtomicInteger();
    private final JwtDecoder decoder = decoder(keys, validator, verifications);

    @Test
    void aTokenSeenAgainIsNotVerifiedAgainAndDecodesTheSame() throws Exception {
        VerifiedTokens tokens = new VerifiedTokens(decoder, validator, 8);
        String token = token(keys, "USER:demo-sato", NOW.plusSeconds(300));

        Jwt first = tokens.decode(token);
        Jwt again = tokens.decode(token);

        assertThat(verifications).hasValue(1);
        assertThat(again.getClaimAsString("actor")).isEqualTo("USER:demo-sato");
        assertThat(again).isSameAs(first);
    }

    @Test
    void aRememberedTokenStopsWorkingWhenItExpires() throws Exception {
        VerifiedTokens tokens = new VerifiedTokens(decoder, validator, 8);
        String token = token(keys, "USER:demo-sato", NOW.plusSeconds(60));
        tokens.decode(token);

        clock.advance(Duration.ofSeconds(61));

        assertThatThrownBy(() -> tokens.decode(token)).isInstanceOf(JwtException.class);
        assertThat(tokens.size()).isZero();
    }

    @Test
    void aTokenSignedByAnotherKeyIsRefusedEveryTime() throws Exception {
        VerifiedTokens tokens = new VerifiedTokens(decoder, validator, 8);
        String forged = token(rsa(), "USER:demo-sato", NOW.plusSeconds(300));

        assertThatThrownBy(() -> tokens.decode(forged)).isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> tokens.decode(forged)).isInstanceOf(JwtException.class);
        assertThat(verifications).hasValue(2);
        assertThat(tokens.size()).isZero();
    }

    @Test
    void remembersAtMostItsCapacityLeastRecentlyUsedFirstOut() throws Exception {
        VerifiedTokens tokens = new VerifiedTokens(decoder, validator, 3);
        String kept = token(keys, "USER:kept", NOW.plusSeconds(300));
        tokens.decode(kept);
        for (int i = 0; i < 10; i++) {
            tokens.decode(token(keys, "USER:u" + i, NOW.plusSeconds(300)));
            tokens.decode(kept); // used again each time: stays
        }

        assertThat(tokens.size()).isEqualTo(3);
        assertThat(verifications).hasValue(11);
    }

    private static OAuth2TokenValidator<Jwt> validator(MutableClock clock) {
        JwtTimestampValidator timestamps = new JwtTimestampValidator(Duration.ZERO);
        timestamps.setClock(clock);
        return new DelegatingOAuth2TokenValidator<>(timestamps, new JwtIssuerValidator("hoshi-gateway"));
    }

    private static JwtDecoder decoder(KeyPair keys, OAuth2TokenValidator<Jwt> validator, AtomicInteger count) {
        NimbusJwtDecoder nimbus =
                NimbusJwtDecoder.withPublicKey((RSAPublicKey) keys.getPublic()).build();
        nimbus.setJwtValidator(validator);
        return token -> {
            count.incrementAndGet();
            return nimbus.decode(token);
        };
    }

    private static String token(KeyPair keys, String actor, Instant expires) throws Exception {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader(JWSAlgorithm.RS256),
                new JWTClaimsSet.Builder()
                        .issuer("hoshi-gateway")
                        .audience("hoshi-services")
                        .claim("actor", actor)
                        .issueTime(Date.from(NOW))
                        .expirationTime(Date.from(expires))
                        .build());
        jwt.sign(new RSASSASigner(keys.getPrivate()));
        return jwt.serialize();
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
