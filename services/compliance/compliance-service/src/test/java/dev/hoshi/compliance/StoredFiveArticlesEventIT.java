package dev.hoshi.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoClient;
import dev.hoshi.compliance.api.securityaction.SecurityActionCommands.CommitToFiveArticlesCommand;
import dev.hoshi.compliance.api.securityaction.SecurityActionCommands.RecordDeclarationCommand;
import dev.hoshi.compliance.api.securityaction.SecurityActionEvents.FiveArticlesCommittedEvent;
import dev.hoshi.compliance.api.securityaction.SecurityActionId;
import dev.hoshi.compliance.api.status.SecurityActionLevel;
import dev.hoshi.compliance.api.status.SecurityActionStatus;
import dev.hoshi.kernel.context.Actor;
import dev.hoshi.kernel.context.CurrentContext;
import dev.hoshi.kernel.context.RequestContext;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.testsupport.ServiceTestProperties;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code FiveArticlesCommittedEvent} revision 1, as earlier versions stored it (test resources: the event documents
 * exactly, no revision, no {@code edition}), is read through the upcaster chain Spring wires into the event store:
 * the application sees revision 2 with the edition in force then ("3.1"), in the event stream, in the aggregate
 * (which decides on the articles it holds) and in the timeline. The stored documents are not rewritten.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StoredFiveArticlesEventIT {

    private static final String ALL = "events/five-articles-committed-r1-all.json";
    private static final String PARTIAL = "events/five-articles-committed-r1-partial.json";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ServiceTestProperties.register(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    EventStore eventStore;

    @Autowired
    CommandGateway commands;

    @Autowired
    MongoClient mongoClient;

    @Autowired
    @Qualifier("eventSerializer")
    Serializer eventSerializer;

    @Value("${hoshi.eventstore.database}")
    String eventDatabase;

    private Document all;
    private Document partial;

    @BeforeAll
    void storeTheFirstRevisionAsEarlierVersionsDid() throws Exception {
        all = store(ALL, "rev1-suzuki");
        partial = store(PARTIAL, "rev1-tanaka");
    }

    @Test
    void theFixturesAreRevisionOneOfTheEventAsTheSerializerWritesIt() throws Exception {
        for (String resource : List.of(ALL, PARTIAL)) {
            Document stored = ComplianceTestSupport.storedEvent(resource);
            JsonNode payload = new ObjectMapper().readTree(stored.getString("payload"));
            FiveArticlesCommittedEvent now = new FiveArticlesCommittedEvent(
                    TenantId.of(payload.get("organizationId").asText()),
                    new ObjectMapper().convertValue(payload.get("articles"), List.class),
                    "3.1",
                    LocalDate.parse(payload.get("effectiveOn").asText()));
            SerializedObject<String> written = eventSerializer.serialize(now, String.class);
            ObjectNode writtenPayload = (ObjectNode) new ObjectMapper().readTree(written.getData());

            assertThat(stored.getString("payloadType"))
                    .isEqualTo(written.getType().getName());
            assertThat(stored.get("payloadRevision")).isNull();
            assertThat(written.getType().getRevision()).isEqualTo("2");
            assertThat(writtenPayload.remove("edition").asText()).isEqualTo("3.1");
            assertThat(payload).isEqualTo(writtenPayload);
        }
    }

    @Test
    void aStoredFirstRevisionReadsAsTheSecondWithTheEditionInForceThen() {

        DomainEventMessage<?> read = eventStore
                .readEvents(all.getString("aggregateId"))
                .asStream()
                .findFirst()
                .orElseThrow();
        assertThat(read.getIdentifier()).isEqualTo(all.getString("eventId"));
        assertThat(read.getPayload())
                .isEqualTo(new FiveArticlesCommittedEvent(
                        TenantId.of("rev1-suzuki-kogyo"),
                        List.of("A1", "A2", "A3", "A4", "A5"),
                        "3.1",
                        LocalDate.parse("2026-04-01")));
        assertThat(eventStore
                        .readEvents(partial.getString("aggregateId"))
                        .asStream()
                        .findFirst()
                        .orElseThrow()
                        .getPayload())
                .isEqualTo(new FiveArticlesCommittedEvent(
                        TenantId.of("rev1-tanaka-shoten"), List.of("A1", "A3"), "3.1", LocalDate.parse("2026-06-15")));

        // the stored documents stay as they were
        assertThat(storedPayloadRevision(all)).isNull();
        assertThat(storedPayloadRevision(partial)).isNull();
    }

    @Test
    void theAggregateDecidesOnTheUpcastArticlesAndTheTimelineShowsTheEdition() throws Exception {
        TenantId suzuki = TenantId.of("rev1-suzuki-kogyo");
        TenantId tanaka = TenantId.of("rev1-tanaka-shoten");

        // all 5 articles come from the stored first revision alone: ★ may be recorded
        SecurityActionStatus declared = CurrentContext.callWith(
                RequestContext.forTenant(suzuki, Actor.user("rev1-suzuki")),
                () -> commands.sendAndWait(new RecordDeclarationCommand(
                        SecurityActionId.of(suzuki), SecurityActionLevel.ONE_STAR, "51234567890", null)));
        assertThat(declared.declaredLevel()).isEqualTo(SecurityActionLevel.ONE_STAR);
        // two of them from the first revision, three more now
        SecurityActionStatus committed = CurrentContext.callWith(
                RequestContext.forTenant(tanaka, Actor.user("rev1-tanaka")),
                () -> commands.sendAndWait(
                        new CommitToFiveArticlesCommand(SecurityActionId.of(tanaka), Set.of("A2", "A4", "A5"), null)));
        assertThat(committed.articlesCommitted()).containsExactlyInAnyOrder("A1", "A2", "A3", "A4", "A5");

        ComplianceTestSupport.as(port, "rev1-tanaka", tanaka.toString())
                .document("{ timeline { event summaryEn summaryJa } }")
                .execute()
                .path("timeline[?(@.event == 'FiveArticlesCommittedEvent')].summaryEn")
                .entityList(String.class)
                .contains(
                        "Committed to articles [A1, A3] of the 5 (guideline 3.1)",
                        "Committed to articles [A2, A4, A5] of the 5 (guideline 3.1)")
                .path("timeline[?(@.event == 'FiveArticlesCommittedEvent')].summaryJa")
                .entityList(String.class)
                .contains("5か条（ガイドライン第3.1版）のうち [A1, A3] に取り組むと宣言");
    }

    /** Registers the fixture's organisation with {@code owner} (as directory would) and stores the fixture. */
    private Document store(String resource, String owner) throws Exception {
        Document stored = ComplianceTestSupport.storedEvent(resource);
        ComplianceTestSupport.directoryRegisters(eventStore, stored.getString("tenantId"), "株式会社" + owner, owner);
        ComplianceTestSupport.storeAsWritten(mongoClient, eventDatabase, stored);
        return stored;
    }

    private Object storedPayloadRevision(Document fixture) {
        return mongoClient
                .getDatabase(eventDatabase)
                .getCollection("events")
                .find(new Document("_id", fixture.getString("_id")))
                .first()
                .get("payloadRevision", Object.class);
    }
}
