package dev.hoshi.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import dev.hoshi.disclosure.api.MemberDataDisclosedEvent;
import dev.hoshi.eventstore.EventStoreCollections;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.testsupport.ServiceTestProperties;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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

        storeAsInsightsDid(stored);

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

    /**
     * Writes the stored document as the event store wrote it, under a number reserved from the store's counter as
     * every append does. Its timestamp becomes now, because the access log shows recent days only; type, revision,
     * payload and metadata stay exactly as stored.
     */
    private void storeAsInsightsDid(Document stored) {
        EventStoreCollections collections = EventStoreCollections.in(eventDatabase);
        MongoDatabase database = mongoClient.getDatabase(collections.database());
        Document before = database.getCollection(collections.counters())
                .findOneAndUpdate(
                        new Document("_id", "global"),
                        new Document("$inc", new Document("value", 1L)),
                        new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.BEFORE));
        long globalSeq = (before == null ? 0 : before.get("value", Number.class).longValue()) + 1;
        database.getCollection(collections.events())
                .insertOne(new Document(stored)
                        .append("globalSeq", globalSeq)
                        .append(
                                "timestamp",
                                Instant.now().truncatedTo(ChronoUnit.MILLIS).toString()));
    }

    private static Document fixture() throws IOException {
        try (InputStream in = StoredDisclosureEventIT.class.getClassLoader().getResourceAsStream(FIXTURE)) {
            assertThat(in).as(FIXTURE).isNotNull();
            return Document.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
