package dev.hoshi.gateway.demo;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.hoshi.gateway.security.RoleClaims;
import dev.hoshi.gateway.security.TrustedIssuer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Set;
import java.util.UUID;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * Issues the demo personas' tokens and is the trusted issuer {@value #ISSUER} that accepts them back. Its RSA key is
 * generated at start-up and never leaves the process, so demo tokens die with the gateway. Tokens carry {@code iss},
 * {@code sub} (the persona's subject), {@code name}, {@code roles}, {@code iat}, {@code exp} and {@code jti}.
 */
public final class DemoTokenIssuer implements TrustedIssuer {

    /** {@code iss} of every demo token. */
    public static final String ISSUER = "hoshi-demo";

    private final Duration lifetime;
    private final RSAKey key;
    private final RSASSASigner signer;
    private final OAuth2TokenValidator<Jwt> validator = JwtValidators.createDefaultWithIssuer(ISSUER);
    private final ReactiveJwtDecoder decoder;

    DemoTokenIssuer(Duration lifetime) {
        if (lifetime == null || lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("hoshi.gateway.demo.token-lifetime must be positive: " + lifetime);
        }
        this.lifetime = lifetime;
        try {
            this.key = new RSAKeyGenerator(2048)
                    .algorithm(JWSAlgorithm.RS256)
                    .keyIDFromThumbprint(true)
                    .generate();
            this.signer = new RSASSASigner(key);
            NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withPublicKey(key.toRSAPublicKey())
                    .signatureAlgorithm(SignatureAlgorithm.RS256)
                    .build();
            decoder.setJwtValidator(validator);
            this.decoder = decoder;
        } catch (JOSEException e) {
            throw new IllegalStateException("could not create the demo signing key", e);
        }
    }

    /** A signed demo token for the persona, valid from {@code issuedAt} for {@link #lifetime()}. */
    public String issue(DemoPersona persona, Instant issuedAt) {
        Instant iat = issuedAt.truncatedTo(ChronoUnit.SECONDS);
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(persona.subject())
                .claim("name", persona.displayName().ja())
                .claim("roles", persona.roles())
                .issueTime(Date.from(iat))
                .expirationTime(Date.from(iat.plus(lifetime)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID(key.getKeyID())
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign a demo token", e);
        }
        return jwt.serialize();
    }

    public Duration lifetime() {
        return lifetime;
    }

    @Override
    public String issuer() {
        return ISSUER;
    }

    @Override
    public ReactiveJwtDecoder decoder() {
        return decoder;
    }

    @Override
    public OAuth2TokenValidator<Jwt> validator() {
        return validator;
    }

    /** The persona's roles, which this issuer itself wrote into the token it signed. */
    @Override
    public Set<String> roles(Jwt jwt) {
        return RoleClaims.parse(jwt.getClaims().get("roles"));
    }

    /** Demo personas include a partner client (the bank), so this issuer may speak for partner clients. */
    @Override
    public boolean mayIssuePartnerClients() {
        return true;
    }
}
