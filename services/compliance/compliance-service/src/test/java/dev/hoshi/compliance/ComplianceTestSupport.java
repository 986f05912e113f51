package dev.hoshi.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import dev.hoshi.directory.api.organization.OrganizationRegisteredEvent;
import dev.hoshi.eventstore.EventStoreCollections;
import dev.hoshi.kernel.context.Actor;
import dev.hoshi.kernel.context.CurrentContext;
import dev.hoshi.kernel.context.RequestContext;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.kernel.id.UserId;
import dev.hoshi.testsupport.InternalTokens;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.web.reactive.server.WebTestClient;

/** What compliance's integration tests share: directory's registration event, and callers with tokens. */
public final class ComplianceTestSupport {

    /** A loaded machine (a full build beside other work) can take seconds to answer. */
    private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(30);

    private ComplianceTestSupport() {}

    /** Plays directory: an organisation with {@code owner} as its first owner now exists. */
    public static String directoryRegisters(EventStore eventStore, String name, String owner) {
        return directoryRegisters(eventStore, "org-" + System.nanoTime(), name, owner);
    }

    /** Plays directory for an organisation whose id is given (one that a stored fixture names). */
    public static String directoryRegisters(EventStore eventStore, String id, String name, String owner) {
        CurrentContext.runWith(
                RequestContext.withoutTenant(Actor.user("operator")),
                () -> eventStore.publish(new GenericDomainEventMessage<>(
                        "Organization",
                        id,
                        0,
                        new OrganizationRegisteredEvent(TenantId.of(id), name, null, null, UserId.of(owner)))));
        return id;
    }

    /**
     * Waits until compliance knows {@code member}'s organisation (the directory's event has reached its projection),
     * so the first request of a test is not answered as if the organisation did not exist.
     */
    public static void awaitMembership(HttpGraphQlTester member) {
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .ignoreExceptions()
                .untilAsserted(() -> member.document("{ organizationStatus { organizationId } }")
                        .execute()
                        .path("organizationStatus.organizationId")
                        .hasValue());
    }

    /** An event document as an earlier version wrote it to the event store (a test resource, Extended JSON). */
    public static Document storedEvent(String resource) throws IOException {
        try (InputStream in = ComplianceTestSupport.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return Document.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /**
     * Writes a stored event document as the event store wrote it, under a number reserved from the store's counter as
     * every append does. Its timestamp becomes now (the access log shows recent days only); type, revision, payload and
     * metadata stay exactly as stored.
     */
    public static void storeAsWritten(MongoClient mongoClient, String eventDatabase, Document stored) {
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

    public static HttpGraphQlTester as(int port, String subject, String organization) {
        return HttpGraphQlTester.builder(WebTestClient.bindToServer()
                        .responseTimeout(RESPONSE_TIMEOUT)
                        .baseUrl("http://localhost:" + port + "/graphql")
                        .defaultHeader(
                                "Authorization",
                                "Bearer " + InternalTokens.shared().user(subject, organization)))
                .responseTimeout(RESPONSE_TIMEOUT)
                .build();
    }

    /** A full sheet: every item answered {@code answer}. */
    public static Map<String, String> sheet(String answer) {
        return IntStream.rangeClosed(1, 25).boxed().collect(Collectors.toMap(i -> "Q" + i, i -> answer));
    }
}
