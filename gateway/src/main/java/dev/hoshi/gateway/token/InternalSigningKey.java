package dev.hoshi.gateway.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The RSA key the gateway signs internal tokens with (RS256). Its {@code kid} is the key's RFC 7638 thumbprint, so
 * it stays the same across restarts for the same key file. Only the public half ever leaves this class, through
 * {@link #publicJwks()}.
 */
public final class InternalSigningKey {

    static final int MIN_BITS = 2048;

    private static final Pattern PKCS8_PEM =
            Pattern.compile("-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

    private final RSAKey key;
    private final JWSSigner signer;
    private final boolean ephemeral;

    private InternalSigningKey(RSAKey key, boolean ephemeral) {
        this.key = key;
        this.ephemeral = ephemeral;
        try {
            this.signer = new RSASSASigner(key);
        } catch (JOSEException e) {
            throw new SigningKeyException("The internal-token signing key cannot sign: " + e.getMessage(), e);
        }
    }

    /** A fresh RSA 2048 key that lives only as long as this process (demo mode). */
    static InternalSigningKey generate() {
        try {
            RSAKey key = new RSAKeyGenerator(MIN_BITS)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .keyIDFromThumbprint(true)
                    .generate();
            return new InternalSigningKey(key, true);
        } catch (JOSEException e) {
            throw new SigningKeyException("Could not generate an RSA signing key: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a PKCS#8 PEM RSA private key ({@code -----BEGIN PRIVATE KEY-----}).
     *
     * @param source where the text came from, for error messages
     */
    static InternalSigningKey fromPem(String pem, String source) {
        if (pem.contains("BEGIN RSA PRIVATE KEY")) {
            throw new SigningKeyException("The internal-token signing key in " + source + " is a PKCS#1 key"
                    + " (BEGIN RSA PRIVATE KEY); convert it to PKCS#8 with: openssl pkcs8 -topk8 -nocrypt -in <old>"
                    + " -out <new>");
        }
        if (pem.contains("BEGIN ENCRYPTED PRIVATE KEY")) {
            throw new SigningKeyException("The internal-token signing key in " + source
                    + " is encrypted; give the gateway an unencrypted PKCS#8 key (protect the file instead)");
        }
        Matcher matcher = PKCS8_PEM.matcher(pem);
        if (!matcher.find()) {
            throw new SigningKeyException("The internal-token signing key in " + source
                    + " is not a PKCS#8 PEM private key (expected -----BEGIN PRIVATE KEY-----)");
        }
        try {
            byte[] der = Base64.getMimeDecoder().decode(matcher.group(1));
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            PrivateKey privateKey = rsa.generatePrivate(new PKCS8EncodedKeySpec(der));
            if (!(privateKey instanceof RSAPrivateCrtKey crt)) {
                throw new SigningKeyException("The internal-token signing key in " + source
                        + " lacks the RSA CRT parameters needed to derive its public key");
            }
            if (crt.getModulus().bitLength() < MIN_BITS) {
                throw new SigningKeyException("The internal-token signing key in " + source + " has "
                        + crt.getModulus().bitLength() + " bits; use at least " + MIN_BITS);
            }
            RSAPublicKey publicKey =
                    (RSAPublicKey) rsa.generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
            RSAKey key = new RSAKey.Builder(publicKey)
                    .privateKey(crt)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .keyIDFromThumbprint()
                    .build();
            return new InternalSigningKey(key, false);
        } catch (GeneralSecurityException | IllegalArgumentException | JOSEException e) {
            throw new SigningKeyException(
                    "The internal-token signing key in " + source + " is not a readable RSA private key", e);
        }
    }

    /** The key id, {@code kid} in the header of every internal token and in the JWKS. */
    public String kid() {
        return key.getKeyID();
    }

    /** Whether the key was generated at start-up (demo mode) rather than loaded. */
    public boolean ephemeral() {
        return ephemeral;
    }

    /** The public JWK set, as published at {@code /.well-known/jwks.json}. */
    public JWKSet publicJwks() {
        return new JWKSet(key.toPublicJWK());
    }

    JWSSigner signer() {
        return signer;
    }
}
