package dev.hoshi.gateway.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoshi.gateway.TestKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeyTest {

    @TempDir
    Path dir;

    @Test
    void configuredKeyFileIsUsedAndItsThumbprintIsTheKid() throws Exception {
        KeyPair pair = TestKeys.rsa(2048);
        Path file = Files.writeString(dir.resolve("key.pem"), TestKeys.pkcs8Pem(pair));

        for (String location : new String[] {file.toString(), file.toUri().toString()}) {
            InternalSigningKey key = InternalTokenConfiguration.signingKey(location, true);

            assertThat(key.ephemeral()).isFalse();
            assertThat(key.kid()).isEqualTo(TestKeys.thumbprint(pair));
            assertThat(key.publicJwks()
                            .getKeys()
                            .get(0)
                            .toRSAKey()
                            .toRSAPublicKey()
                            .getModulus())
                    .isEqualTo(((RSAPublicKey) pair.getPublic()).getModulus());
            assertThat(key.publicJwks().getKeys().get(0).isPrivate()).isFalse();
        }
    }

    @Test
    void demoModeWithoutAKeyFileGeneratesAnEphemeralKey() {
        InternalSigningKey key = InternalTokenConfiguration.signingKey(null, true);

        assertThat(key.ephemeral()).isTrue();
        assertThat(key.kid()).isNotBlank();
        assertThat(InternalTokenConfiguration.signingKey(null, true).kid())
                .as("a new key each start")
                .isNotEqualTo(key.kid());
    }

    @Test
    void withoutAKeyFileOutsideDemoModeThereIsNoKey() {
        assertThatThrownBy(() -> InternalTokenConfiguration.signingKey(null, false))
                .isInstanceOf(SigningKeyException.class)
                .hasMessageContaining("hoshi.gateway.internal-token.key-location is not set and demo mode is off");
    }

    @Test
    void missingFileIsNamed() {
        Path missing = dir.resolve("absent.pem");

        assertThatThrownBy(() -> InternalTokenConfiguration.signingKey(missing.toString(), false))
                .isInstanceOf(SigningKeyException.class)
                .hasMessageContaining(missing.toString());
    }

    @Test
    void pkcs1KeyIsRefusedWithTheConversionCommand() {
        String pkcs1 = "-----BEGIN RSA PRIVATE KEY-----\nMIIEow==\n-----END RSA PRIVATE KEY-----\n";

        assertThatThrownBy(() -> InternalSigningKey.fromPem(pkcs1, "test.pem"))
                .isInstanceOf(SigningKeyException.class)
                .hasMessageContaining("PKCS#1")
                .hasMessageContaining("openssl pkcs8 -topk8");
    }

    @Test
    void garbageIsRefused() {
        assertThatThrownBy(() -> InternalSigningKey.fromPem("hello", "test.pem"))
                .isInstanceOf(SigningKeyException.class)
                .hasMessageContaining("not a PKCS#8 PEM private key");
        assertThatThrownBy(() -> InternalSigningKey.fromPem(
                        "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----", "test.pem"))
                .isInstanceOf(SigningKeyException.class)
                .hasMessageContaining("not a readable RSA private key");
    }

    @Test
    void keysShorterThan2048BitsAreRefused() {
        String small = TestKeys.pkcs8Pem(TestKeys.rsa(1024));

        assertThatThrownBy(() -> InternalSigningKey.fromPem(small, "small.pem"))
                .isInstanceOf(SigningKeyException.class)
                .hasMessageContaining("1024 bits");
    }

    @Test
    void lifetimeMustBeShort() {
        assertThatThrownBy(() ->
                        new InternalTokenProperties("i", "a", Duration.ofHours(1), null, Duration.ofSeconds(15), 10))
                .hasMessageContaining("hoshi.gateway.internal-token.lifetime");
        assertThatThrownBy(() -> new InternalTokenProperties("i", "a", Duration.ZERO, null, Duration.ZERO, 10))
                .hasMessageContaining("hoshi.gateway.internal-token.lifetime");
    }
}
