package dev.hoshi.insights;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoshi.testsupport.InternalTokens;
import dev.hoshi.testsupport.TestMongo;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** Insights refuses to start without an attestation key unless ephemeral keys are allowed, and says what to do. */
class StartupWithoutKeyIT {

    @Test
    void refusesToStartWithoutAKeyWhenEphemeralKeysAreOff() {
        TestMongo mongo = TestMongo.get();

        assertThatThrownBy(() -> new SpringApplicationBuilder(InsightsApplication.class)
                        .run(
                                "--hoshi.insights.attestation.ephemeral-key=false",
                                "--spring.data.mongodb.uri=" + mongo.connectionString(),
                                "--hoshi.eventstore.database=" + mongo.freshDatabaseName("events"),
                                "--hoshi.service.database=" + mongo.freshDatabaseName("service"),
                                "--hoshi.security.jwks-uri="
                                        + InternalTokens.shared().jwksUri(),
                                "--server.port=0")
                        .close())
                .rootCause()
                .hasMessageContaining("Insights has no key to sign attestations with")
                .hasMessageContaining("HOSHI_INSIGHTS_ATTESTATION_SIGNING_KEY_FILE")
                .hasMessageContaining("openssl genpkey");
    }
}
