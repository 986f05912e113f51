package dev.hoshi.compliance.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hoshi.compliance.ComplianceTestSupport;
import dev.hoshi.directory.api.organization.OrganizationMemberAddedEvent;
import dev.hoshi.directory.api.organization.OrganizationRole;
import dev.hoshi.kernel.context.Actor;
import dev.hoshi.kernel.context.CurrentContext;
import dev.hoshi.kernel.context.RequestContext;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.kernel.id.UserId;
import dev.hoshi.testsupport.InternalTokens;
import dev.hoshi.testsupport.ServiceTestProperties;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * An owner downloads the organisation's whole record: a ZIP whose manifest's checksums match its files, with every
 * event of the organisation (past the store's read batch) and none of another's, oldest first, and the state they
 * lead to; a member is refused with FORBIDDEN, an outsider gets null.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OrganizationRecordIT {

    private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(30);
    private static final int CHANGES = 150;
    private static final String RECORD = "{ organizationRecordExport { fileName contentType base64 events sha256 } }";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ServiceTestProperties.register(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    EventStore eventStore;

    private final InternalTokens tokens = InternalTokens.shared();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void anOwnerDownloadsEveryEventAndTheStateWithChecksumsAndNoOneElseDoes() throws IOException {
        String org = ComplianceTestSupport.directoryRegisters(eventStore, "記録株式会社", "demo-rec-owner");
        CurrentContext.runWith(
                RequestContext.withoutTenant(Actor.user("demo-rec-owner")),
                () -> eventStore.publish(new GenericDomainEventMessage<>(
                        "Organization",
                        org,
                        1,
                        new OrganizationMemberAddedEvent(
                                TenantId.of(org), UserId.of("demo-rec-member"), OrganizationRole.MEMBER))));
        String other = ComplianceTestSupport.directoryRegisters(eventStore, "他社", "demo-rec-other");
        String owner = tokens.user("demo-rec-owner", org);
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> as(tokens.user(
                        "demo-rec-member", org))
                .document("{ organizationStatus { name } }")
                .execute()
                .path("organizationStatus.name")
                .entity(String.class)
                .isEqualTo("記録株式会社"));
        await().atMost(Duration.ofSeconds(20))
                .ignoreExceptions()
                .untilAsserted(() -> change(tokens.user("demo-rec-other", other), "C01-01", "other's note"));
        for (int n = 0; n < CHANGES; n++) {
            change(owner, "C0" + (1 + n % 7) + "-01", "note " + n);
        }

        var answer = as(owner).document(RECORD).execute().path("organizationRecordExport");
        Map<String, Object> record = answer.entity(Map.class).get();
        byte[] zip = Base64.getDecoder().decode((String) record.get("base64"));
        assertThat(record.get("contentType")).isEqualTo("application/zip");
        assertThat((String) record.get("fileName"))
                .startsWith("hoshi-record-" + org + "-")
                .endsWith(".zip");
        assertThat(record.get("sha256")).isEqualTo(OrganizationRecordExport.sha256(zip));

        Map<String, byte[]> files = unzip(zip);
        assertThat(files).containsOnlyKeys("manifest.json", "events.jsonl", "state.json");
        JsonNode manifest = json.readTree(files.get("manifest.json"));
        assertThat(manifest.path("format").asText()).isEqualTo(OrganizationRecordExport.FORMAT);
        assertThat(manifest.path("organizationId").asText()).isEqualTo(org);
        assertThat(manifest.path("exportedBy").asText()).contains("demo-rec-owner");
        for (JsonNode file : manifest.path("files")) {
            byte[] bytes = files.get(file.path("name").asText());
            assertThat(OrganizationRecordExport.sha256(bytes))
                    .as("checksum of %s", file.path("name").asText())
                    .isEqualTo(file.path("sha256").asText());
            assertThat(file.path("bytes").asInt()).isEqualTo(bytes.length);
        }

        List<String> lines = new String(files.get("events.jsonl"), StandardCharsets.UTF_8)
                .lines()
                .toList();
        assertThat(lines).hasSize((Integer) record.get("events"));
        List<JsonNode> events = lines.stream().map(this::read).toList();
        assertThat(events)
                .allSatisfy(event -> assertThat(event.path("tenantId").asText()).isEqualTo(org));
        List<String> notes = events.stream()
                .filter(e -> e.path("payloadType").asText().endsWith("ControlStatusUpdatedEvent"))
                .map(e -> e.path("payload").path("evidenceNote").asText())
                .toList();
        // the events as stored: personal data sealed (docs/eventstore.md, "Personal data in events")
        assertThat(notes).hasSize(CHANGES).allSatisfy(note -> assertThat(note).startsWith("pd2:"));
        assertThat(events)
                .extracting(e -> e.path("globalSeq").asLong())
                .isSorted()
                .doesNotHaveDuplicates();
        assertThat(events.get(0).path("metaData").path("actor").asText()).isNotBlank();

        JsonNode state = json.readTree(files.get("state.json"));
        assertThat(state.path("name").asText()).isEqualTo("記録株式会社");
        assertThat(state.path("people").path("demo-rec-owner").asText()).isEqualTo("OWNER");
        JsonNode lastChanged = null;
        for (JsonNode control : state.path("status").path("controls")) {
            if (control.path("controlId").asText().equals("C0" + (1 + (CHANGES - 1) % 7) + "-01")) {
                lastChanged = control;
            }
        }
        assertThat(lastChanged).isNotNull();
        assertThat(lastChanged.path("evidenceNote").asText()).isEqualTo("note " + (CHANGES - 1));

        as(tokens.user("demo-rec-member", org))
                .document(RECORD)
                .execute()
                .errors()
                .expect(e -> "FORBIDDEN".equals(e.getExtensions().get("code"))
                        && e.getMessage().contains("owners"))
                .verify()
                .path("organizationRecordExport")
                .valueIsNull();
        as(tokens.user("demo-rec-other", org))
                .document(RECORD)
                .execute()
                .path("organizationRecordExport")
                .valueIsNull();
    }

    private void change(String token, String control, String note) {
        as(token)
                .document("mutation { updateControlStatus(input: {controlId: \"" + control
                        + "\", status: IN_PROGRESS, evidenceNote: \"" + note + "\"}) { errors { code } } }")
                .execute()
                .path("updateControlStatus.errors")
                .entityList(Object.class)
                .hasSize(0);
    }

    private JsonNode read(String line) {
        try {
            return json.readTree(line);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                files.put(entry.getName(), in.readAllBytes());
            }
        }
        return files;
    }

    private HttpGraphQlTester as(String token) {
        return HttpGraphQlTester.builder(WebTestClient.bindToServer()
                        .responseTimeout(RESPONSE_TIMEOUT)
                        .baseUrl("http://localhost:" + port + "/graphql")
                        .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024))
                        .defaultHeader("Authorization", "Bearer " + token))
                .responseTimeout(RESPONSE_TIMEOUT)
                .build();
    }
}
