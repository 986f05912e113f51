package dev.hoshi.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalKeysTest {

    @TempDir
    Path data;

    @Test
    void theAttestationKeyIsMadeOnTheFirstStartAndKeptAfter() throws Exception {
        Path file = LocalKeys.attestationKey(data);
        String first = Files.readString(file);

        assertThat(file).isEqualTo(data.resolve("keys").resolve("insights-attestation-key.pem"));
        assertThat(LocalKeys.attestationKey(data)).isEqualTo(file);
        assertThat(Files.readString(file)).as("the same key after a restart").isEqualTo(first);
        try (var files = Files.list(file.getParent())) {
            assertThat(files).as("nothing half-written left behind").containsExactly(file);
        }
    }

    @Test
    void itIsAnRsa2048KeyInPkcs8PemReadableOnlyByItsOwner() throws Exception {
        Path file = LocalKeys.attestationKey(data);
        String pem = Files.readString(file, StandardCharsets.US_ASCII);

        assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith("-----END PRIVATE KEY-----\n");
        byte[] der = Base64.getMimeDecoder()
                .decode(pem.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", ""));
        var key = (RSAPrivateCrtKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        assertThat(key.getModulus().bitLength()).isEqualTo(2048);
        if (Files.getFileAttributeView(file, java.nio.file.attribute.PosixFileAttributeView.class) != null) {
            assertThat(Files.getPosixFilePermissions(file))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        }
    }

    @Test
    void aKeyAlreadyThereIsLeftAlone() throws Exception {
        Path file = Files.createDirectories(data.resolve("keys")).resolve("insights-attestation-key.pem");
        Files.writeString(file, "an operator's own key");

        assertThat(LocalKeys.attestationKey(data)).isEqualTo(file);
        assertThat(Files.readString(file)).isEqualTo("an operator's own key");
    }
}
