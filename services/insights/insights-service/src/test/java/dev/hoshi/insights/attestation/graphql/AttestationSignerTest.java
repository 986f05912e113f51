package dev.hoshi.insights.attestation.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import dev.hoshi.insights.api.attestation.AttestationView;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AttestationSignerTest {

    private final AttestationSigner signer = new AttestationSigner();
    private final AttestationView view = new AttestationView(
            "sato", "bank", "TWO_STARS", "51234567890", "2026-09-02", "2026-09-03", "B100", "LEVEL_AND_SCORES");

    @Test
    void theStatementVerifiesWithThePublishedKeysAndCarriesTheFacts() throws Exception {
        String statement = signer.sign(view, Instant.parse("2026-10-01T00:00:00Z"));

        JWSObject jws = JWSObject.parse(statement);
        assertThat(jws.verify(verifier(jws))).isTrue();
        Map<String, Object> claims = jws.getPayload().toJSONObject();
        assertThat(claims)
                .containsEntry("sub", "sato")
                .containsEntry("aud", "bank")
                .containsEntry("level", "TWO_STARS")
                .containsEntry("declarationId", "51234567890")
                .containsEntry("band", "B100")
                .containsEntry("asOf", "2026-10-01T00:00:00Z");
        assertThat(signer.publicKeySet()).doesNotContain("\"d\"");
    }

    @Test
    void anyAlteredFieldBreaksTheSignature() throws Exception {
        String statement = signer.sign(view, Instant.parse("2026-10-01T00:00:00Z"));
        JWSObject jws = JWSObject.parse(statement);
        for (Map.Entry<String, Object> change : Map.<String, Object>of(
                        "level",
                        "ONE_STAR",
                        "declarationId",
                        "59999999999",
                        "asOf",
                        "2027-01-01T00:00:00Z",
                        "sub",
                        "other")
                .entrySet()) {
            Map<String, Object> claims = jws.getPayload().toJSONObject();
            claims.put(change.getKey(), change.getValue());
            String[] parts = statement.split("\\.");
            String forged = parts[0] + "." + new Payload(claims).toBase64URL() + "." + parts[2];
            JWSObject tampered = JWSObject.parse(forged);
            assertThat(tampered.verify(verifier(tampered))).as(change.getKey()).isFalse();
        }
        // and another key does not verify it either
        AttestationSigner other = new AttestationSigner();
        RSAKey otherKey = (RSAKey) JWKSet.parse(other.publicKeySet()).getKeys().get(0);
        assertThat(jws.verify(new RSASSAVerifier(otherKey))).isFalse();
        assertThat(Base64URL.from(statement.split("\\.")[2])).isNotNull();
    }

    private RSASSAVerifier verifier(JWSObject jws) throws Exception {
        RSAKey key = (RSAKey) JWKSet.parse(signer.publicKeySet())
                .getKeyByKeyId(jws.getHeader().getKeyID());
        return new RSASSAVerifier(key);
    }
}
