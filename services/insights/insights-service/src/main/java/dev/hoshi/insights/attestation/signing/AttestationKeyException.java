package dev.hoshi.insights.attestation.signing;

/** Insights has no usable key to sign attestations with; start-up stops with this message, which says what to do. */
public class AttestationKeyException extends IllegalStateException {

    static final String ACTION = "Set hoshi.insights.attestation.signing-key-file (environment variable"
            + " HOSHI_INSIGHTS_ATTESTATION_SIGNING_KEY_FILE) to a PKCS#8 PEM RSA private key of at least 2048 bits, or"
            + " hoshi.insights.attestation.signing-key (HOSHI_INSIGHTS_ATTESTATION_SIGNING_KEY) to its text. Create"
            + " one with:\n\n"
            + "    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out attestation-signing-key.pem\n\n"
            + "Keep it across restarts and give every replica the same key. On a machine for trying Hoshi out only,"
            + " the 'demo' profile (or hoshi.insights.attestation.ephemeral-key=true) generates a key at start-up"
            + " instead; statements signed with it stop verifying when insights stops.";

    AttestationKeyException(String message) {
        super(message);
    }

    AttestationKeyException(String message, Throwable cause) {
        super(message, cause);
    }

    static AttestationKeyException missing() {
        return new AttestationKeyException("Insights has no key to sign attestations with:"
                + " hoshi.insights.attestation.signing-key and signing-key-file are not set and ephemeral keys are"
                + " off.\n" + ACTION);
    }
}
