package dev.hoshi.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

class PartnerKeyGraphQlIT extends DirectoryIT {

    private static final String RESOLVE =
            "query($k: ID!, $h: String!) { partnerKey(keyId: $k, secretHash: $h) { id name } }";

    @Test
    void anIssuedKeyIsShownOnceStoredOnlyAsAHashResolvedForTheGatewayAndDeadOnceRevoked() throws Exception {
        String client = registerPartnerClient();
        String apiKey = asOperator()
                .document("mutation { issuePartnerClientKey(input: {partnerClientId: \"" + client
                        + "\"}) { keyId apiKey errors { code } } }")
                .execute()
                .path("issuePartnerClientKey.apiKey")
                .entity(String.class)
                .get();
        assertThat(apiKey).matches("hoshi_pk_[A-Za-z0-9]+_[A-Za-z0-9]+");
        String[] parts = apiKey.split("_");
        String keyId = parts[2];
        String secret = parts[3];

        assertThat(String.join("\n", payloadsOf(client, "PartnerClientKeyMessages$PartnerClientKeyIssuedEvent")))
                .as("the secret never reaches the event store")
                .doesNotContain(secret)
                .contains(sha256(secret));

        eventually(() -> gateway()
                .document(RESOLVE)
                .variable("k", keyId)
                .variable("h", sha256(secret))
                .execute()
                .path("partnerKey.id")
                .entity(String.class)
                .isEqualTo(client));
        gateway()
                .document(RESOLVE)
                .variable("k", keyId)
                .variable("h", sha256(secret + "x"))
                .execute()
                .path("partnerKey")
                .valueIsNull();
        asOperator()
                .document(RESOLVE)
                .variable("k", keyId)
                .variable("h", sha256(secret))
                .execute()
                .path("partnerKey")
                .valueIsNull();

        asOperator()
                .document("mutation { revokePartnerClientKey(input: {partnerClientId: \"" + client + "\", keyId: \""
                        + keyId + "\"}) { keyId errors { code } } }")
                .execute()
                .path("revokePartnerClientKey.keyId")
                .entity(String.class)
                .isEqualTo(keyId);
        eventually(() -> gateway()
                .document(RESOLVE)
                .variable("k", keyId)
                .variable("h", sha256(secret))
                .execute()
                .path("partnerKey")
                .valueIsNull());
    }

    @Test
    void keysRotateWithoutDowntimeUpToThreeAtOnce() {
        String client = registerPartnerClient();
        for (int i = 0; i < 3; i++) {
            asOperator()
                    .document("mutation { issuePartnerClientKey(input: {partnerClientId: \"" + client
                            + "\"}) { apiKey errors { code } } }")
                    .execute()
                    .path("issuePartnerClientKey.errors")
                    .entityList(Object.class)
                    .hasSize(0);
        }
        payloadError(
                asOperator()
                        .document("mutation { issuePartnerClientKey(input: {partnerClientId: \"" + client
                                + "\"}) { apiKey errors { code messageJa } } }")
                        .execute(),
                "issuePartnerClientKey",
                "TOO_MANY_KEYS");
        payloadError(
                asOperator()
                        .document("mutation { revokePartnerClientKey(input: {partnerClientId: \"" + client
                                + "\", keyId: \"nope\"}) { keyId errors { code messageJa } } }")
                        .execute(),
                "revokePartnerClientKey",
                "UNKNOWN_KEY");
    }

    @Test
    void onlyOperatorsIssueOrRevokeKeys() {
        String client = registerPartnerClient();
        refusedWith(
                asUser("demo-sato", null)
                        .document("mutation { issuePartnerClientKey(input: {partnerClientId: \"" + client
                                + "\"}) { apiKey } }")
                        .execute(),
                "FORBIDDEN");
        assertThat(eventsOf(client)).containsExactly("PartnerClientRegisteredEvent");
    }

    private HttpGraphQlTester gateway() {
        return as(tokens.token("gateway", "SYSTEM:gateway", null, List.of(), "hoshi-gateway", Duration.ofSeconds(60)));
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
