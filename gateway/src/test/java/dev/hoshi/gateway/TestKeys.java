package dev.hoshi.gateway;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;

/** Keys made by the tests themselves: no key material lives in the repository. */
public final class TestKeys {

    private TestKeys() {}

    public static KeyPair rsa(int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** PKCS#8 PEM, as {@code openssl genpkey} writes it. */
    public static String pkcs8Pem(KeyPair keyPair) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(keyPair.getPrivate().getEncoded());
        return "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n";
    }

    /** Writes the private key as PKCS#8 PEM into a new temporary file, deleted when the JVM exits. */
    public static Path writePem(KeyPair keyPair) {
        try {
            Path file = Files.createTempFile("hoshi-gateway-test-key", ".pem");
            file.toFile().deleteOnExit();
            Files.writeString(file, pkcs8Pem(keyPair), StandardCharsets.US_ASCII);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The RFC 7638 thumbprint of the public key, which the gateway uses as {@code kid}. */
    public static String thumbprint(KeyPair keyPair) {
        try {
            return new RSAKey.Builder((RSAPublicKey) keyPair.getPublic())
                    .build()
                    .computeThumbprint()
                    .toString();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A JWT with the given claims, signed RS256 by a key the gateway does not know. */
    public static String signedBy(KeyPair keyPair, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).build(), claims);
            jwt.sign(new RSASSASigner((RSAPrivateKey) keyPair.getPrivate()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
