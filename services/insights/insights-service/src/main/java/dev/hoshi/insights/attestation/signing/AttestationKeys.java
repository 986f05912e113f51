package dev.hoshi.insights.attestation.signing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The RSA key attestations are signed with (RS256), and the public keys partners verify them with: the current key's
 * public half first, then any previous keys still published during a rotation. Every {@code kid} is the key's RFC 7638
 * thumbprint, so the same key has the same id across restarts and replicas. Only public halves leave this class.
 */
public final class AttestationKeys {

    static final int MIN_BITS = 2048;

    private static final Pattern PKCS8_PEM =
            Pattern.compile("-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");
    private static final Pattern PUBLIC_PEM =
            Pattern.compile("-----BEGIN PUBLIC KEY-----([A-Za-z0-9+/=\\s]+)-----END PUBLIC KEY-----");

    private final RSAKey current;
    private final List<RSAKey> previous;
    private final boolean ephemeral;
    private final JWSSigner signer;

    private AttestationKeys(RSAKey current, List<RSAKey> previous, boolean ephemeral) {
        this.current = current;
        this.ephemeral = ephemeral;
        Map<String, RSAKey> distinct = new LinkedHashMap<>();
        for (RSAKey key : previous) {
            if (!key.getKeyID().equals(current.getKeyID())) {
                distinct.putIfAbsent(key.getKeyID(), key.toPublicJWK());
            }
        }
        this.previous = List.copyOf(distinct.values());
        try {
            this.signer = new RSASSASigner(current);
        } catch (JOSEException e) {
            throw new AttestationKeyException("The attestation signing key cannot sign: " + e.getMessage(), e);
        }
    }

    /** A fresh RSA 2048 key that lives only as long as this process (demo and local machines). */
    static AttestationKeys generate() {
        try {
            RSAKey key = new RSAKeyGenerator(MIN_BITS)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .keyIDFromThumbprint(true)
                    .generate();
            return new AttestationKeys(key, List.of(), true);
        } catch (JOSEException e) {
            throw new AttestationKeyException("Could not generate an RSA signing key: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a PKCS#8 PEM RSA private key ({@code -----BEGIN PRIVATE KEY-----}), as {@code openssl genpkey} writes it.
     *
     * @param source where the text came from, for error messages
     */
    public static AttestationKeys fromPem(String pem, String source) {
        return new AttestationKeys(privateKey(pem, "attestation signing key", source), List.of(), false);
    }

    /** These keys, also publishing the public halves of {@code previous} (keys that signed earlier statements). */
    public AttestationKeys withPrevious(List<RSAKey> previous) {
        List<RSAKey> all = new ArrayList<>(this.previous);
        all.addAll(previous);
        return new AttestationKeys(current, all, ephemeral);
    }

    /**
     * The public half of a previous key: a PEM public key ({@code -----BEGIN PUBLIC KEY-----}, as {@code openssl pkey
     * -pubout} writes it) or a PKCS#8 PEM private key, of which only the public half is kept.
     */
    public static RSAKey previousKey(String pem, String source) {
        if (pem.contains("-----BEGIN PRIVATE KEY-----")) {
            return privateKey(pem, "previous attestation key", source).toPublicJWK();
        }
        if (pem.contains("BEGIN RSA PUBLIC KEY")) {
            throw new AttestationKeyException("The previous attestation key in " + source + " is a PKCS#1 public"
                    + " key (BEGIN RSA PUBLIC KEY); convert it with: openssl rsa -RSAPublicKey_in -in <old> -pubout"
                    + " -out <new>");
        }
        Matcher matcher = PUBLIC_PEM.matcher(pem);
        if (!matcher.find()) {
            refuseOtherFormats(pem, "previous attestation key", source);
            throw new AttestationKeyException("The previous attestation key in " + source
                    + " is not a PEM public key (expected -----BEGIN PUBLIC KEY-----) nor a PKCS#8 private key");
        }
        try {
            PublicKey key = KeyFactory.getInstance("RSA")
                    .generatePublic(
                            new X509EncodedKeySpec(Base64.getMimeDecoder().decode(matcher.group(1))));
            RSAPublicKey rsa = (RSAPublicKey) key;
            checkSize(rsa.getModulus().bitLength(), "previous attestation key", source);
            return new RSAKey.Builder(rsa)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .keyIDFromThumbprint()
                    .build();
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException | JOSEException e) {
            throw new AttestationKeyException(
                    "The previous attestation key in " + source + " is not a readable RSA public key", e);
        }
    }

    private static RSAKey privateKey(String pem, String what, String source) {
        if (pem.contains("BEGIN RSA PRIVATE KEY")) {
            throw new AttestationKeyException("The " + what + " in " + source + " is a PKCS#1 key"
                    + " (BEGIN RSA PRIVATE KEY); convert it to PKCS#8 with: openssl pkcs8 -topk8 -nocrypt -in <old>"
                    + " -out <new>");
        }
        refuseOtherFormats(pem, what, source);
        Matcher matcher = PKCS8_PEM.matcher(pem);
        if (!matcher.find()) {
            throw new AttestationKeyException("The " + what + " in " + source
                    + " is not a PKCS#8 PEM private key (expected -----BEGIN PRIVATE KEY-----); create one with:"
                    + " openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out attestation-signing-key.pem");
        }
        try {
            byte[] der = Base64.getMimeDecoder().decode(matcher.group(1));
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            PrivateKey privateKey = rsa.generatePrivate(new PKCS8EncodedKeySpec(der));
            if (!(privateKey instanceof RSAPrivateCrtKey crt)) {
                throw new AttestationKeyException("The " + what + " in " + source
                        + " lacks the RSA CRT parameters needed to derive its public key");
            }
            checkSize(crt.getModulus().bitLength(), what, source);
            RSAPublicKey publicKey =
                    (RSAPublicKey) rsa.generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
            return new RSAKey.Builder(publicKey)
                    .privateKey(crt)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .keyIDFromThumbprint()
                    .build();
        } catch (GeneralSecurityException | IllegalArgumentException | JOSEException e) {
            throw new AttestationKeyException(
                    "The " + what + " in " + source + " is not a readable RSA private key (PKCS#8, unencrypted)", e);
        }
    }

    private static void refuseOtherFormats(String pem, String what, String source) {
        if (pem.contains("BEGIN ENCRYPTED PRIVATE KEY")) {
            throw new AttestationKeyException("The " + what + " in " + source
                    + " is encrypted; give insights an unencrypted PKCS#8 key (protect the file or secret instead)");
        }
        if (pem.contains("BEGIN EC PRIVATE KEY") || pem.contains("BEGIN CERTIFICATE")) {
            throw new AttestationKeyException("The " + what + " in " + source
                    + " is not an RSA key in PEM (PKCS#8); attestations are signed RS256");
        }
    }

    private static void checkSize(int bits, String what, String source) {
        if (bits < MIN_BITS) {
            throw new AttestationKeyException(
                    "The " + what + " in " + source + " has " + bits + " bits; use at least " + MIN_BITS);
        }
    }

    /** The current key's id: {@code kid} in the header of every statement signed from now on. */
    public String kid() {
        return current.getKeyID();
    }

    /** The ids of the previous keys still published. */
    public List<String> previousKids() {
        return previous.stream().map(JWK::getKeyID).toList();
    }

    /** Whether the key was generated at start-up rather than loaded. */
    public boolean ephemeral() {
        return ephemeral;
    }

    /** The public key set: the current key, then the previous ones. No private parameter ever. */
    public JWKSet publicKeySet() {
        List<JWK> keys = new ArrayList<>();
        keys.add(current.toPublicJWK());
        keys.addAll(previous);
        return new JWKSet(keys);
    }

    JWSSigner signer() {
        return signer;
    }
}
