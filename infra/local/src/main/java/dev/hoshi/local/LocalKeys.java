package dev.hoshi.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Keys the local stack keeps under {@code <data>/keys}, made on the first start and reused after, so that what they
 * signed still verifies after a restart. Local only: a deployment brings its own keys (docs/insights.md).
 */
final class LocalKeys {

    static final String ATTESTATION_KEY = "insights-attestation-key.pem";

    private LocalKeys() {}

    /** Insights' attestation signing key: a PKCS#8 PEM RSA 2048 key, as {@code openssl genpkey} writes it. */
    static Path attestationKey(Path dataDir) throws IOException {
        Path file = dataDir.resolve("keys").resolve(ATTESTATION_KEY);
        if (Files.isRegularFile(file)) {
            return file;
        }
        Files.createDirectories(file.getParent());
        Path partial = Files.createTempFile(file.getParent(), ATTESTATION_KEY, ".partial");
        try {
            ownerOnly(partial);
            Files.writeString(partial, newRsaKeyPem(), StandardCharsets.US_ASCII);
            // written whole or not at all, so an interrupted first start never leaves half a key
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            // another start made it first: keep theirs
        } finally {
            Files.deleteIfExists(partial);
        }
        return file;
    }

    private static String newRsaKeyPem() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            byte[] pkcs8 = generator.generateKeyPair().getPrivate().getEncoded();
            String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(pkcs8);
            return "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This JVM cannot make RSA keys", e);
        }
    }

    private static void ownerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system (Windows): the data directory's own permissions apply
        }
    }
}
