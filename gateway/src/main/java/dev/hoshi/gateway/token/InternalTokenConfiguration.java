package dev.hoshi.gateway.token;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ResourceUtils;

/**
 * Chooses the signing key at start-up: the key file at {@code hoshi.gateway.internal-token.key-location} if set;
 * otherwise, in demo mode only, a key generated now; otherwise start-up fails with {@link SigningKeyException}.
 */
@Configuration(proxyBeanMethods = false)
class InternalTokenConfiguration {

    private static final Logger log = LoggerFactory.getLogger(InternalTokenConfiguration.class);

    @Bean
    InternalSigningKey internalSigningKey(
            InternalTokenProperties properties, @Value("${hoshi.gateway.demo.enabled:false}") boolean demo) {
        InternalSigningKey key = signingKey(properties.keyLocation(), demo);
        if (key.ephemeral()) {
            log.warn(
                    "Demo mode: generated an ephemeral RSA 2048 key to sign internal tokens (kid {});"
                            + " it is gone when the gateway stops. Set hoshi.gateway.internal-token.key-location"
                            + " outside demo mode.",
                    key.kid());
        } else {
            log.info("Signing internal tokens with the key from {} (kid {})", properties.keyLocation(), key.kid());
        }
        return key;
    }

    @Bean
    InternalTokenMinter internalTokenMinter(InternalSigningKey key, InternalTokenProperties properties) {
        return new InternalTokenMinter(key, properties, Clock.systemUTC());
    }

    static InternalSigningKey signingKey(String keyLocation, boolean demo) {
        if (keyLocation != null) {
            return InternalSigningKey.fromPem(read(keyLocation), keyLocation);
        }
        if (demo) {
            return InternalSigningKey.generate();
        }
        throw SigningKeyException.missing();
    }

    private static String read(String location) {
        try {
            File file = ResourceUtils.getFile(location);
            return Files.readString(file.toPath(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new SigningKeyException(
                    "Could not read the internal-token signing key at " + location
                            + " (hoshi.gateway.internal-token.key-location): " + e.getMessage(),
                    e);
        }
    }
}
