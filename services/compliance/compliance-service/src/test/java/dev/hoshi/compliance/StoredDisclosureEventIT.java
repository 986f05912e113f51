package dev.hoshi.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import dev.hoshi.disclosure.api.MemberDataDisclosedEvent;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.testsupport.ServiceTestProperties;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Disclosures insights stored while the event lived in {@code insights-api} still reach the organisation's access
 * log: the stored document (a fixture of the old shape) is read through the upcaster chain Spring wires into the
 * event store.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StoredDisclosureEventIT {

    private static final String FIXTURE = "events/member-data-disclosed-insights-api.json";
    private static final String ORGANIZATION = "sato-seisakusho";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ServiceTestProperties.register(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    EventStore eventStore;

    @Autowired
    MongoClient mongoClient;

    @Value("${hoshi.eventstore.database}")
    String eventDatabase;

    @Test
    void aDisclosureStoredUnderInsightsOldTypeReadsAsTheSharedEventAndReachesTheAccessLog() throws Exception {
        ComplianceTestSupport.directoryRegisters(eventStore, ORGANIZATION, "株式会社佐藤製作所", "demo-sato");
        Document stored = fixture();
        assertThat(stored.getString("payloadType"))
                .isEqualTo("dev.hoshi.insights.api.disclosure.MemberDataDisclosedEvent");

        ComplianceTestSupport.storeAsWritten(mongoClient, eventDatabase, stored);

        assertThat(payloadReadFromTheStore(stored.getString("eventId")))
                .contains(new MemberDataDisclosedEvent(
                        TenantId.of(ORGANIZATION), "USER:analyst-kogyokai", "LEVEL_AND_SCORES", "MEMBER_LIST"));
        HttpGraphQlTester owner = ComplianceTestSupport.as(port, "demo-sato", ORGANIZATION);
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> owner.document(
                        "{ accessLog { viewer scope what } }")
                .execute()
                .path("accessLog[0].viewer")
                .entity(String.class)
                .isEqualTo("USER:analyst-kogyokai")
                .path("accessLog[0].scope")
                .entity(String.class)
                .isEqualTo("LEVEL_AND_SCORES")
                .path("accessLog[0].what")
                .entity(String.class)
                .isEqualTo("MEMBER_LIST"));
    }

    private Optional<Object> payloadReadFromTheStore(String eventId) throws InterruptedException {
        try (var stream = eventStore.openStream(null)) {
            while (stream.hasNextAvailable(500, TimeUnit.MILLISECONDS)) {
                TrackedEventMessage<?> event = stream.nextAvailable();
                if (event.getIdentifier().equals(eventId)) {
                    return Optional.of(event.getPayload());
                }
            }
        }
        return Optional.empty();
    }

    private static Document fixture() throws IOException {
        return ComplianceTestSupport.storedEvent(FIXTURE);
    }
}
