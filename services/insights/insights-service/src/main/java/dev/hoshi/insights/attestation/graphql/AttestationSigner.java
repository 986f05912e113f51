package dev.hoshi.insights.attestation.graphql;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.hoshi.insights.api.attestation.AttestationView;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Signs attestations (compact JWS, RS256) so a partner can verify them offline with the published key set. The key is
 * generated at start-up, so statements signed before a restart no longer verify against the new set; production
 * should load a persistent key the way the gateway loads its own.
 */
@Component
class AttestationSigner {

    static final String ISSUER = "hoshi-insights";

    private final RSAKey key;

    AttestationSigner() {
        try {
            this.key = new RSAKeyGenerator(2048)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .keyID("attestation-" + UUID.randomUUID())
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    String sign(AttestationView view, Instant asOf) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(view.organizationId())
                .audience(view.partnerClientId())
                .issueTime(Date.from(asOf))
                .jwtID(UUID.randomUUID().toString())
                .claim("level", view.level())
                .claim("scope", view.scope());
        claim(claims, "declarationId", view.declarationId());
        claim(claims, "declaredOn", view.declaredOn());
        claim(claims, "assessedOn", view.assessedOn());
        claim(claims, "band", view.band());
        claims.claim("asOf", asOf.toString());
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID(key.getKeyID())
                        .type(new JOSEObjectType("hoshi-attestation+jwt"))
                        .build(),
                claims.build());
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    /** The public half only. */
    String publicKeySet() {
        return new JWKSet(key.toPublicJWK()).toString();
    }

    private static void claim(JWTClaimsSet.Builder claims, String name, String value) {
        if (value != null) {
            claims.claim(name, value);
        }
    }
}
