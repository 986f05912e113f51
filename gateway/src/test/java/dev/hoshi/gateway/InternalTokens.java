package dev.hoshi.gateway;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.util.Set;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Verifies internal tokens the way a service would: against the gateway's published JWKS, with Nimbus, requiring
 * RS256, {@code iss=hoshi-gateway}, {@code aud=hoshi-services}, an unexpired {@code exp} and every contract claim.
 */
public final class InternalTokens {

    private InternalTokens() {}

    public static JWKSet jwks(WebTestClient client) {
        String json = client.get()
                .uri("/.well-known/jwks.json")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        try {
            return JWKSet.parse(json);
        } catch (java.text.ParseException e) {
            throw new AssertionError("the JWKS is not a JWK set: " + json, e);
        }
    }

    /** The verified claims; throws if the token does not verify. */
    public static JWTClaimsSet verify(String token, JWKSet jwks) throws Exception {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, new ImmutableJWKSet<>(jwks)));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(
                "hoshi-services",
                new JWTClaimsSet.Builder().issuer("hoshi-gateway").build(),
                Set.of("sub", "iat", "exp", "jti", "actor", "roles")));
        return processor.process(token, null);
    }

    public static String kid(String token) throws java.text.ParseException {
        return SignedJWT.parse(token).getHeader().getKeyID();
    }

    /** The token in an {@code Authorization: Bearer} header value. */
    public static String bearer(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            throw new AssertionError("expected a bearer token, got: " + authorization);
        }
        return authorization.substring("Bearer ".length());
    }
}
