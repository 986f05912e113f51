package dev.hoshi.insights.attestation.signing;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import dev.hoshi.insights.api.attestation.AttestationView;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AttestationSignerTest {

    private static final KeyPair KEY = TestKeys.rsa(2048);

    private final AttestationSigner signer = signerWith(KEY);
    private final AttestationView view = new AttestationView(
            "sato",
            "bank",
            "TWO_STARS",
            "51234567890",
            "2026-09-02",
            "GOOD",
            null,
            null,
            "2026-09-03",
            "B100",
            "LEVEL_AND_SCORES");
    // a ★★ whose re-adopted policy is not published again: still declared, its standing lapsed
    private final AttestationView lapsed = new AttestationView(
            "yamada",
            "bank",
            "TWO_STARS",
            "51234567891",
            "2026-05-01",
            "PREREQUISITES_LAPSED",
            "POLICY_NOT_PUBLISHED",
            "2026-09-20",
            null,
            null,
            "LEVEL_ONLY");

    @Test
    void theStatementVerifiesWithThePublishedKeysAndCarriesTheFacts() throws Exception {
        String statement = signer.sign(view, Instant.parse("2026-10-01T00:00:00Z"));

        JWSObject jws = JWSObject.parse(statement);
        assertThat(jws.getHeader().getType()).isEqualTo(AttestationSigner.TYPE);
        assertThat(jws.getHeader().getKeyID()).isEqualTo(TestKeys.thumbprint(KEY));
        assertThat(jws.verify(verifier(jws, signer.publicKeySet()))).isTrue();
        Map<String, Object> claims = jws.getPayload().toJSONObject();
        assertThat(claims)
                .containsEntry("iss", AttestationSigner.ISSUER)
                .containsEntry("sub", "sato")
                .containsEntry("aud", "bank")
                .containsEntry("level", "TWO_STARS")
                .containsEntry("standing", "GOOD")
                .containsEntry("declarationId", "51234567890")
                .containsEntry("band", "B100")
                .containsEntry("asOf", "2026-10-01T00:00:00Z")
                .doesNotContainKeys("lapseReason", "lapsedOn");
        assertThat(JWKSet.parse(signer.publicKeySet()).getKeys())
                .singleElement()
                .satisfies(key -> assertThat(key.isPrivate()).isFalse());
    }

    @Test
    void aLapsedStandingIsSignedBesideTheDeclaredLevelWithItsReasonAndDate() throws Exception {
        String statement = signer.sign(lapsed, Instant.parse("2026-10-01T00:00:00Z"));

        JWSObject jws = JWSObject.parse(statement);
        assertThat(jws.verify(verifier(jws, signer.publicKeySet()))).isTrue();
        assertThat(jws.getPayload().toJSONObject())
                .containsEntry("level", "TWO_STARS")
                .containsEntry("declarationId", "51234567891")
                .containsEntry("standing", "PREREQUISITES_LAPSED")
                .containsEntry("lapseReason", "POLICY_NOT_PUBLISHED")
                .containsEntry("lapsedOn", "2026-09-20")
                .doesNotContainKeys("band", "assessedOn");
        // nobody can make it look good again: changing or dropping the standing, its reason or its date breaks it
        for (String claim : List.of("standing", "lapseReason", "lapsedOn")) {
            Map<String, Object> claims = jws.getPayload().toJSONObject();
            if (claim.equals("standing")) {
                claims.put(claim, "GOOD");
            } else {
                claims.remove(claim);
            }
            String[] parts = statement.split("\\.");
            JWSObject tampered = JWSObject.parse(parts[0] + "." + new Payload(claims).toBase64URL() + "." + parts[2]);
            assertThat(tampered.verify(verifier(tampered, signer.publicKeySet())))
                    .as(claim)
                    .isFalse();
        }
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
                        "standing",
                        "PREREQUISITES_LAPSED",
                        "sub",
                        "other")
                .entrySet()) {
            Map<String, Object> claims = jws.getPayload().toJSONObject();
            claims.put(change.getKey(), change.getValue());
            String[] parts = statement.split("\\.");
            String forged = parts[0] + "." + new Payload(claims).toBase64URL() + "." + parts[2];
            JWSObject tampered = JWSObject.parse(forged);
            assertThat(tampered.verify(verifier(tampered, signer.publicKeySet())))
                    .as(change.getKey())
                    .isFalse();
        }
        // and another key does not verify it either
        AttestationSigner other = new AttestationSigner(AttestationKeys.generate());
        RSAKey otherKey = (RSAKey) JWKSet.parse(other.publicKeySet()).getKeys().get(0);
        assertThat(jws.verify(new RSASSAVerifier(otherKey))).isFalse();
        assertThat(Base64URL.from(statement.split("\\.")[2])).isNotNull();
    }

    @Test
    void aStatementSignedBeforeARestartVerifiesWithTheKeySetServedAfterIt() throws Exception {
        String statement = signerWith(KEY).sign(view, Instant.parse("2026-10-01T00:00:00Z"));

        // a new process (or another replica) loading the same key file
        AttestationSigner afterRestart = signerWith(KEY);

        JWSObject jws = JWSObject.parse(statement);
        assertThat(jws.verify(verifier(jws, afterRestart.publicKeySet()))).isTrue();
        assertThat(afterRestart.publicKeySet()).isEqualTo(signer.publicKeySet());
    }

    @Test
    void afterARotationStatementsSignedWithThePreviousKeyStillVerify() throws Exception {
        KeyPair next = TestKeys.rsa(2048);
        String before = signer.sign(view, Instant.parse("2026-10-01T00:00:00Z"));

        AttestationSigner rotated = new AttestationSigner(AttestationKeys.fromPem(TestKeys.privatePem(next), "new")
                .withPrevious(List.of(AttestationKeys.previousKey(TestKeys.publicPem(KEY), "old.pub.pem"))));
        String after = rotated.sign(view, Instant.parse("2026-11-01T00:00:00Z"));

        JWKSet published = JWKSet.parse(rotated.publicKeySet());
        assertThat(published.getKeys())
                .extracting(key -> key.getKeyID())
                .as("the new key first, then the previous one")
                .containsExactly(TestKeys.thumbprint(next), TestKeys.thumbprint(KEY));
        assertThat(published.getKeys()).noneMatch(key -> key.isPrivate());
        JWSObject old = JWSObject.parse(before);
        JWSObject current = JWSObject.parse(after);
        assertThat(old.verify(verifier(old, rotated.publicKeySet()))).isTrue();
        assertThat(current.verify(verifier(current, rotated.publicKeySet()))).isTrue();
        assertThat(current.getHeader().getKeyID()).isEqualTo(TestKeys.thumbprint(next));
        // the previous key only verifies: statements signed now carry the new key's id and verify only with it
        assertThat(current.verify(new RSASSAVerifier((RSAKey) published.getKeyByKeyId(TestKeys.thumbprint(KEY)))))
                .isFalse();
    }

    private static AttestationSigner signerWith(KeyPair key) {
        return new AttestationSigner(AttestationKeys.fromPem(TestKeys.privatePem(key), "test"));
    }

    private static RSASSAVerifier verifier(JWSObject jws, String keySet) throws Exception {
        RSAKey key = (RSAKey) JWKSet.parse(keySet).getKeyByKeyId(jws.getHeader().getKeyID());
        assertThat(key).as("a published key with the statement's kid").isNotNull();
        return new RSASSAVerifier(key);
    }
}
