package dev.hoshi.insights.attestation.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWK;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the key comes from, that its id is stable, and what a wrong key says. */
class AttestationKeysTest {

    private static final KeyPair KEY = TestKeys.rsa(2048);

    @TempDir
    Path dir;

    @Test
    void theSameKeyLoadedTwiceHasTheSameKidItsThumbprint() {
        AttestationKeys first = AttestationKeys.fromPem(TestKeys.privatePem(KEY), "first");
        AttestationKeys second = AttestationKeys.fromPem(TestKeys.privatePem(KEY), "second");

        assertThat(first.kid()).isEqualTo(second.kid()).isEqualTo(TestKeys.thumbprint(KEY));
        assertThat(first.ephemeral()).isFalse();
        assertThat(first.publicKeySet().toString())
                .isEqualTo(second.publicKeySet().toString());
    }

    @Test
    void theKeyIsReadFromTheTextOrAFileByPathOrUrl() throws Exception {
        Path file = Files.writeString(dir.resolve("attestation.pem"), TestKeys.privatePem(KEY));

        for (AttestationKeyProperties properties : List.of(
                properties(TestKeys.privatePem(KEY), null, List.of(), false),
                properties(null, file.toString(), List.of(), false),
                properties(null, file.toUri().toString(), List.of(), true))) {
            AttestationKeys keys = AttestationKeyConfiguration.keys(properties);
            assertThat(keys.kid()).isEqualTo(TestKeys.thumbprint(KEY));
            assertThat(keys.ephemeral())
                    .as("a configured key wins over ephemeral-key")
                    .isFalse();
        }
    }

    @Test
    void thePublishedSetHoldsPublicHalvesOnly() throws Exception {
        Path previousPrivate = Files.writeString(dir.resolve("old.pem"), TestKeys.privatePem(TestKeys.rsa(2048)));
        AttestationKeys keys = AttestationKeyConfiguration.keys(new AttestationKeyProperties(
                TestKeys.privatePem(KEY),
                null,
                List.of(TestKeys.publicPem(TestKeys.rsa(2048))),
                List.of(previousPrivate.toString()),
                false));

        assertThat(keys.publicKeySet().getKeys()).hasSize(3).noneMatch(JWK::isPrivate);
        assertThat(keys.publicKeySet().toString()).doesNotContain("\"d\"", "\"p\"", "\"q\"", "\"dp\"", "\"qi\"");
        assertThat(keys.publicKeySet().getKeys())
                .allSatisfy(key -> assertThat(key.getAlgorithm().getName()).isEqualTo("RS256"));
    }

    @Test
    void aPreviousKeyThatIsTheCurrentOneIsPublishedOnce() {
        AttestationKeys keys = AttestationKeyConfiguration.keys(properties(
                TestKeys.privatePem(KEY), null, List.of(TestKeys.publicPem(KEY), TestKeys.privatePem(KEY)), false));

        assertThat(keys.publicKeySet().getKeys()).singleElement();
        assertThat(keys.previousKids()).isEmpty();
    }

    @Test
    void withoutAKeyAnEphemeralOneIsMadeOnlyWhenAllowed() {
        AttestationKeys ephemeral = AttestationKeyConfiguration.keys(properties(null, null, List.of(), true));
        assertThat(ephemeral.ephemeral()).isTrue();
        assertThat(AttestationKeyConfiguration.keys(properties(null, null, List.of(), true))
                        .kid())
                .as("a new key each start")
                .isNotEqualTo(ephemeral.kid());

        assertThatThrownBy(() -> AttestationKeyConfiguration.keys(properties(null, null, List.of(), false)))
                .isInstanceOf(AttestationKeyException.class)
                .hasMessageContaining("signing-key and signing-key-file are not set")
                .hasMessageContaining("HOSHI_INSIGHTS_ATTESTATION_SIGNING_KEY_FILE")
                .hasMessageContaining("openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048");
    }

    @Test
    void bothTheTextAndAFileIsRefused() {
        assertThatThrownBy(() -> AttestationKeyConfiguration.keys(properties(
                        TestKeys.privatePem(KEY), dir.resolve("k.pem").toString(), List.of(), false)))
                .isInstanceOf(AttestationKeyException.class)
                .hasMessageContaining("set one of them");
    }

    @Test
    void aMissingFileIsNamedWithItsProperty() {
        Path missing = dir.resolve("no-such-key.pem");

        assertThatThrownBy(
                        () -> AttestationKeyConfiguration.keys(properties(null, missing.toString(), List.of(), false)))
                .isInstanceOf(AttestationKeyException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("hoshi.insights.attestation.signing-key-file");
        assertThatThrownBy(() -> AttestationKeyConfiguration.keys(new AttestationKeyProperties(
                        TestKeys.privatePem(KEY), null, List.of(), List.of(missing.toString()), false)))
                .isInstanceOf(AttestationKeyException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("previous-key-files");
    }

    @Test
    void wrongKeysSayWhatIsWrongAndHowToFixIt() {
        assertRefused(
                "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n",
                "PKCS#1",
                "openssl pkcs8 -topk8 -nocrypt");
        assertRefused(
                "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n",
                "encrypted",
                "unencrypted PKCS#8");
        assertRefused("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", "not an RSA key", "RS256");
        assertRefused("just some text", "not a PKCS#8 PEM private key", "openssl genpkey");
        assertRefused(TestKeys.publicPem(KEY), "not a PKCS#8 PEM private key", "BEGIN PRIVATE KEY");
        assertRefused(
                TestKeys.pem("PRIVATE KEY", new byte[] {1, 2, 3}), "not a readable RSA private key", "unencrypted");
        assertRefused(TestKeys.privatePem(TestKeys.rsa(1024)), "has 1024 bits", "at least 2048");
    }

    @Test
    void wrongPreviousKeysSayWhatIsWrong() {
        assertThatThrownBy(() -> AttestationKeys.previousKey(
                        "-----BEGIN RSA PUBLIC KEY-----\nAAAA\n-----END RSA PUBLIC KEY-----\n", "old.pub"))
                .isInstanceOf(AttestationKeyException.class)
                .hasMessageContaining("old.pub")
                .hasMessageContaining("openssl rsa -RSAPublicKey_in");
        assertThatThrownBy(() -> AttestationKeys.previousKey("nothing", "old.pub"))
                .isInstanceOf(AttestationKeyException.class)
                .hasMessageContaining("not a PEM public key");
        assertThatThrownBy(() -> AttestationKeys.previousKey(TestKeys.publicPem(TestKeys.rsa(1024)), "old.pub"))
                .isInstanceOf(AttestationKeyException.class)
                .hasMessageContaining("at least 2048");
    }

    private static void assertRefused(String pem, String... fragments) {
        assertThatThrownBy(() -> AttestationKeys.fromPem(pem, "the-source"))
                .isInstanceOf(AttestationKeyException.class)
                .hasMessageContaining("the-source")
                .hasMessageContainingAll(fragments);
    }

    private static AttestationKeyProperties properties(
            String text, String file, List<String> previous, boolean ephemeral) {
        return new AttestationKeyProperties(text, file, previous, List.of(), ephemeral);
    }
}
