package dev.hoshi.insights.attestation.signing;

import com.nimbusds.jose.jwk.RSAKey;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ResourceUtils;

/**
 * Chooses the attestation keys at start-up: the key in {@code hoshi.insights.attestation.signing-key} or
 * {@code signing-key-file} if set, plus the previous keys still published; otherwise, only where ephemeral keys are
 * allowed ({@code ephemeral-key}, which the demo profile sets), a key generated now; otherwise start-up fails with
 * {@link AttestationKeyException}, saying how to create a key.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AttestationKeyProperties.class)
class AttestationKeyConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AttestationKeyConfiguration.class);

    @Bean
    AttestationKeys attestationKeys(AttestationKeyProperties properties) {
        AttestationKeys keys = keys(properties);
        if (keys.ephemeral()) {
            log.warn(
                    "Generated an ephemeral RSA 2048 key to sign attestations (kid {}), because no key is configured"
                            + " and hoshi.insights.attestation.ephemeral-key is on: statements signed now stop"
                            + " verifying when insights stops, and replicas each have their own key. Set"
                            + " hoshi.insights.attestation.signing-key-file anywhere but a demo or local machine.",
                    keys.kid());
        } else {
            log.info(
                    "Signing attestations with the key from {} (kid {}); also publishing previous keys {}",
                    properties.signingKeyFile() != null
                            ? properties.signingKeyFile()
                            : AttestationKeyProperties.PREFIX + ".signing-key",
                    keys.kid(),
                    keys.previousKids());
        }
        return keys;
    }

    @Bean
    AttestationSigner attestationSigner(AttestationKeys keys) {
        return new AttestationSigner(keys);
    }

    static AttestationKeys keys(AttestationKeyProperties properties) {
        String prefix = AttestationKeyProperties.PREFIX;
        if (properties.signingKey() != null && properties.signingKeyFile() != null) {
            throw new AttestationKeyException("Both " + prefix + ".signing-key and " + prefix
                    + ".signing-key-file are set; set one of them, so that it is clear which key signs");
        }
        AttestationKeys keys;
        if (properties.signingKey() != null) {
            keys = AttestationKeys.fromPem(properties.signingKey(), prefix + ".signing-key");
        } else if (properties.signingKeyFile() != null) {
            keys = AttestationKeys.fromPem(
                    read(properties.signingKeyFile(), prefix + ".signing-key-file"), properties.signingKeyFile());
        } else if (properties.ephemeralKey()) {
            keys = AttestationKeys.generate();
        } else {
            throw AttestationKeyException.missing();
        }
        List<RSAKey> previous = new ArrayList<>();
        for (int i = 0; i < properties.previousKeys().size(); i++) {
            previous.add(AttestationKeys.previousKey(
                    properties.previousKeys().get(i), prefix + ".previous-keys[" + i + "]"));
        }
        for (String file : properties.previousKeyFiles()) {
            previous.add(AttestationKeys.previousKey(read(file, prefix + ".previous-key-files"), file));
        }
        return keys.withPrevious(previous);
    }

    private static String read(String location, String property) {
        try {
            File file = ResourceUtils.getFile(location);
            return Files.readString(file.toPath(), StandardCharsets.US_ASCII);
        } catch (IOException | RuntimeException e) {
            throw new AttestationKeyException(
                    "Could not read the attestation key at " + location + " (" + property + "): " + e.getMessage(), e);
        }
    }
}
