package dev.hoshi.insights.attestation.signing;

import java.time.Duration;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Publishes the attestation key set to anyone, without a token: {@code application.yml} declares the path in
 * {@code hoshi.security.public-paths}, and the gateway lets it through as {@code
 * /insights/.well-known/attestation-keys.json}. Public halves only.
 */
@RestController
class AttestationKeySetEndpoint {

    static final String PATH = "/.well-known/attestation-keys.json";
    static final MediaType JWK_SET = MediaType.parseMediaType("application/jwk-set+json");

    private final String keySet;

    AttestationKeySetEndpoint(AttestationSigner signer) {
        this.keySet = signer.publicKeySet();
    }

    @GetMapping(PATH)
    ResponseEntity<String> keySet() {
        return ResponseEntity.ok()
                .contentType(JWK_SET)
                .cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
                .body(keySet);
    }
}
