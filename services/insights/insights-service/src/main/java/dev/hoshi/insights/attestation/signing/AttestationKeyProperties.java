package dev.hoshi.insights.attestation.signing;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The attestation signing key, configured under {@code hoshi.insights.attestation}.
 *
 * @param signingKey the key itself: the text of a PKCS#8 PEM RSA private key ({@code -----BEGIN PRIVATE KEY-----}),
 *     e.g. from a secret in an environment variable
 * @param signingKeyFile the same key in a file: a path or a {@code file:} URL; set this or {@code signing-key}, not
 *     both
 * @param previousKeys keys that signed earlier statements and are still published so those keep verifying: PEM
 *     public keys ({@code -----BEGIN PUBLIC KEY-----}) or PKCS#8 private keys, of which only the public half is used
 * @param previousKeyFiles the same, as files
 * @param ephemeralKey when no key is configured, generate one at start-up instead of refusing to start (demo and
 *     local machines only: statements stop verifying when the process stops, and replicas disagree)
 */
@ConfigurationProperties("hoshi.insights.attestation")
public record AttestationKeyProperties(
        String signingKey,
        String signingKeyFile,
        @DefaultValue List<String> previousKeys,
        @DefaultValue List<String> previousKeyFiles,
        @DefaultValue("false") boolean ephemeralKey) {

    static final String PREFIX = "hoshi.insights.attestation";

    public AttestationKeyProperties {
        signingKey = blankToNull(signingKey);
        signingKeyFile = blankToNull(signingKeyFile);
        previousKeys =
                previousKeys.stream().filter(s -> s != null && !s.isBlank()).toList();
        previousKeyFiles = previousKeyFiles.stream()
                .filter(s -> s != null && !s.isBlank())
                .map(String::trim)
                .toList();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
