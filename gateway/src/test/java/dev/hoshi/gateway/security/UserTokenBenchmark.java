package dev.hoshi.gateway.security;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * What accepting a person's bearer token costs the gateway per request: the issuer's decoder (parse, verify the RS256
 * signature, validate) against {@link VerifiedUserTokens} when the token was seen before (validate only). Not a test:
 * run it on an idle machine with the JVM flags the gateway runs with.
 *
 * <pre>
 * ./mvnw -o -q -pl gateway -am install -DskipTests
 * ./mvnw -o -q -pl gateway test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/gw.cp
 * java -cp "$(cat /tmp/gw.cp):gateway/target/classes:gateway/target/test-classes" \
 *     dev.hoshi.gateway.security.UserTokenBenchmark
 * </pre>
 */
public final class UserTokenBenchmark {

    private static final int WARMUP = 5_000;
    private static final int ROUNDS = 5_000;
    private static final int BLOCKS = 7;

    public static void main(String[] args) throws Exception {
        System.out.printf(
                "JVM %s, %s%n",
                System.getProperty("java.vm.version"),
                java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
        RSAKey key = new RSAKeyGenerator(2048).keyID("k").generate();
        OAuth2TokenValidator<Jwt> validator = JwtValidators.createDefaultWithIssuer("https://login.example");
        NimbusReactiveJwtDecoder issuerDecoder =
                NimbusReactiveJwtDecoder.withPublicKey(key.toRSAPublicKey()).build();
        issuerDecoder.setJwtValidator(validator);
        String token = token(key);

        ReactiveJwtDecoder remembered = new VerifiedUserTokens(
                issuerDecoder, validator, VerifiedUserTokens.REMEMBERED, VerifiedUserTokens.MAX_AGE, Clock.systemUTC());
        double verified = median(issuerDecoder, token);
        double hit = median(remembered, token);
        System.out.printf(
                "issuer's decoder (RS256 verify) %8.1f µs per token, median of %d blocks%n", verified, BLOCKS);
        System.out.printf("VerifiedUserTokens, token seen  %8.1f µs per token, median of %d blocks%n", hit, BLOCKS);
        System.out.printf("ratio %.0f×%n", verified / hit);
    }

    private static double median(ReactiveJwtDecoder decoder, String token) {
        for (int i = 0; i < WARMUP; i++) {
            decoder.decode(token).block();
        }
        double[] blocks = new double[BLOCKS];
        for (int b = 0; b < BLOCKS; b++) {
            long start = System.nanoTime();
            for (int i = 0; i < ROUNDS; i++) {
                decoder.decode(token).block();
            }
            blocks[b] = (System.nanoTime() - start) / 1_000.0 / ROUNDS;
        }
        Arrays.sort(blocks);
        return blocks[BLOCKS / 2];
    }

    /** A token shaped like an OIDC provider's access token for a person. */
    private static String token(RSAKey key) throws Exception {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer("https://login.example")
                .audience("hoshi")
                .subject(UUID.randomUUID().toString())
                .claim("azp", "hoshi")
                .claim("name", "佐藤 花子")
                .claim("preferred_username", "sato@example.jp")
                .claim("scope", "openid profile")
                .claim("roles", List.of())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofHours(1))))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID(key.getKeyID())
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private UserTokenBenchmark() {}
}
