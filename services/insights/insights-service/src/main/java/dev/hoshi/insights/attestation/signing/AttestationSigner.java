package dev.hoshi.insights.attestation.signing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.hoshi.insights.api.attestation.AttestationView;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * Signs attestations (compact JWS, RS256, {@code typ} {@code hoshi-attestation+jwt}) with the configured
 * {@link AttestationKeys}, so a partner can verify them offline with the published key set, also after a restart
 * and on any replica.
 *
 * <p>{@code level} is the level declared with IPA; {@code standing} beside it is Hoshi's monitoring rule (whether the
 * declared level's prerequisites still hold), with {@code lapseReason} and {@code lapsedOn} when they lapsed. A lapse
 * never lowers {@code level}: IPA's declaration has no expiry.
 */
public class AttestationSigner {

    public static final String ISSUER = "hoshi-insights";
    public static final JOSEObjectType TYPE = new JOSEObjectType("hoshi-attestation+jwt");

    private final AttestationKeys keys;

    public AttestationSigner(AttestationKeys keys) {
        this.keys = keys;
    }

    public String sign(AttestationView view, Instant asOf) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(view.organizationId())
                .audience(view.partnerClientId())
                .issueTime(Date.from(asOf))
                .jwtID(UUID.randomUUID().toString())
                .claim("level", view.level())
                .claim("standing", view.standing())
                .claim("scope", view.scope());
        claim(claims, "lapseReason", view.lapseReason());
        claim(claims, "lapsedOn", view.lapsedOn());
        claim(claims, "declarationId", view.declarationId());
        claim(claims, "declaredOn", view.declaredOn());
        claim(claims, "assessedOn", view.assessedOn());
        claim(claims, "band", view.band());
        claims.claim("asOf", asOf.toString());
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID(keys.kid())
                        .type(TYPE)
                        .build(),
                claims.build());
        try {
            jwt.sign(keys.signer());
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    /** The public key set as JSON (JWKS): the current key and any previous ones, public halves only. */
    public String publicKeySet() {
        return keys.publicKeySet().toString(true);
    }

    private static void claim(JWTClaimsSet.Builder claims, String name, String value) {
        if (value != null) {
            claims.claim(name, value);
        }
    }
}
