package dev.hoshi.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import dev.hoshi.eventstore.HoshiEventStorageEngine;
import dev.hoshi.kernel.context.Actor;
import dev.hoshi.kernel.context.CurrentContext;
import dev.hoshi.kernel.context.RequestContext;
import dev.hoshi.kernel.error.HoshiException;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.kernel.id.UserId;
import dev.hoshi.kernel.personal.KeyErasure;
import dev.hoshi.platform.personal.PersonalDataVault;
import dev.hoshi.platform.testapp.PlatformTestApplication;
import dev.hoshi.platform.testapp.Tally;
import dev.hoshi.platform.testapp.TallyProjection;
import dev.hoshi.testsupport.InternalTokens;
import dev.hoshi.testsupport.TestMongo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.springboot.updates.UpdateCheckConfiguration;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

@AutoConfigureObservability
@SpringBootTest(classes = PlatformTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PlatformIT {

    /** A loaded machine (a full build beside other work) can take seconds to answer. */
    private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(30);

    static final TestMongo MONGO = TestMongo.get();
    static final String EVENTS_DB = MONGO.freshDatabaseName("events");

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry registry) {
        registry.add("spring.data.mongodb.uri", MONGO::connectionString);
        registry.add("hoshi.eventstore.database", () -> EVENTS_DB);
        registry.add("hoshi.service.database", () -> MONGO.freshDatabaseName("svc"));
        registry.add("hoshi.security.jwks-uri", PlatformTestApplication.TOKENS::jwksUri);
    }

    @LocalServerPort
    int port;

    @Autowired
    CommandGateway commands;

    @Autowired
    EventGateway eventGateway;

    @Autowired
    TallyProjection projection;

    @Autowired
    MongoClient mongoClient;

    @Autowired
    EventStorageEngine engine;

    @Autowired
    EventStore eventStore;

    @Autowired
    TokenStore tokenStore;

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    UpdateCheckConfiguration updateCheck;

    @Autowired
    PersonalDataVault vault;

    /** An erasure's event as directory records it (its records live in directory-api). */
    record KeyErased(String keyId) implements KeyErasure {}

    private final RequestContext tenantA = RequestContext.forTenant(TenantId.of("tenant-a"), Actor.user("alice"));

    @Test
    void axonRunsOnHoshisEngineWithTheMongoTokenStoreAndPooledProcessors() {
        assertThat(engine).isInstanceOf(HoshiEventStorageEngine.class);
        assertThat(eventStore).isInstanceOf(EmbeddedEventStore.class);
        assertThat(tokenStore).isInstanceOf(MongoTokenStore.class);
        assertThat(processing.eventProcessor("tally-view", PooledStreamingEventProcessor.class))
                .isPresent();
        assertThat(updateCheck.getDisabled()).isTrue();
        assertThat(System.getProperty("axoniq.update-checker.disabled")).isEqualTo("true");
    }

    @Test
    void aKeyErasedByAnotherProcessStopsOpeningHereAsSoonAsItsEventIsStored() {
        UserId person = UserId.of("erased-elsewhere-" + System.nanoTime());
        String sealed = vault.encrypt(person, "hanako@example.jp");
        assertThat(vault.open(sealed)).contains("hanako@example.jp");
        // another service's vault (directory's, where operators erase) on the same key database
        PersonalDataVault directory = new PersonalDataVault(mongoClient.getDatabase("hoshi_personal_data"));
        String keyId = directory.forget(person).keyId().orElseThrow();
        assertThat(vault.open(sealed)).as("still cached here").isPresent();

        CurrentContext.runWith(tenantA, () -> eventGateway.publish(new KeyErased(keyId)));

        // no clock moves: only the event, seen by this process's watcher, can end it before the cache time
        await().atMost(Duration.ofSeconds(20)).until(() -> vault.open(sealed).isEmpty());
    }

    @Test
    void everyEventCarriesTenantActorCorrelationAndCausation() {
        String id = "tally-" + System.nanoTime();
        CurrentContext.runWith(tenantA, () -> {
            commands.sendAndWait(new Tally.OpenTallyCommand(id));
            commands.sendAndWait(new Tally.CountCommand(id));
        });

        List<Document> stored = eventsOf(id);
        assertThat(stored).hasSize(2).allSatisfy(doc -> {
            assertThat(doc.getString("tenantId")).isEqualTo("tenant-a");
            assertThat(doc.getString("metaData"))
                    .contains("\"tenantId\":\"tenant-a\"")
                    .contains("\"actor\":\"USER:pd2:") // who acted, sealed with their key (docs/eventstore.md)
                    .doesNotContain("alice")
                    .contains("\"correlationId\":\"" + tenantA.correlationId() + "\"")
                    .contains("\"causationId\"");
        });

        await().atMost(Duration.ofSeconds(20)).until(() -> seenFor(id).size() == 2);
        assertThat(seenFor(id)).allSatisfy(seen -> {
            assertThat(seen.metaData()).containsEntry("actor", "USER:alice");
            assertThat(seen.boundContext())
                    .as("context bound while the projection handles the event")
                    .isEqualTo(tenantA);
        });
    }

    @Test
    void aCommandWithoutATenantIsRefusedAndStoresNothing() {
        String id = "no-tenant-" + System.nanoTime();
        RequestContext operator = RequestContext.withoutTenant(Actor.user("operator"));

        assertThatThrownBy(() ->
                        CurrentContext.runWith(operator, () -> commands.sendAndWait(new Tally.OpenTallyCommand(id))))
                .isInstanceOfSatisfying(
                        HoshiException.class, e -> assertThat(e.code()).isEqualTo("TENANT_REQUIRED"));
        assertThatThrownBy(() -> commands.sendAndWait(new Tally.OpenTallyCommand(id)))
                .isInstanceOfSatisfying(
                        HoshiException.class, e -> assertThat(e.code()).isEqualTo("UNAUTHENTICATED"));
        assertThat(eventsOf(id)).isEmpty();

        CurrentContext.runWith(operator, () -> commands.sendAndWait(new Tally.OpenPlatformTallyCommand(id)));
        assertThat(eventsOf(id)).singleElement().satisfies(doc -> assertThat(doc.getString("metaData"))
                .contains("\"actor\":\"USER:pd2:") // who acted, sealed with their key (docs/eventstore.md)
                .doesNotContain("operator")
                .doesNotContain("tenantId"));
    }

    @Test
    void anEventPublishedWithoutAnyContextIsRefused() {
        assertThatThrownBy(() -> eventGateway.publish(new Tally.TallyOpenedEvent("orphan")))
                .isInstanceOf(HoshiException.class);
        CurrentContext.runWith(tenantA, () -> eventGateway.publish(new Tally.TallyOpenedEvent("adopted")));
        await().atMost(Duration.ofSeconds(20)).until(() -> !seenFor("adopted").isEmpty());
        assertThat(seenFor("orphan")).isEmpty();
    }

    @Test
    void aSnapshotWithoutTheAggregatesRevisionIsSkippedAndAFreshOneTakesItsPlace() {
        String id = countedTally(6);
        Document snapshot = snapshotOf(id);
        assertThat(snapshot.getString("payloadRevision")).isEqualTo("1");
        // what a Tally without @Revision and without getters stored: no revision and an empty object
        snapshots()
                .replaceOne(idIs(id), snapshot.append("payloadRevision", null).append("payload", "{}"));

        assertThat(count(id)).isEqualTo(7);

        Document fresh = snapshotOf(id);
        assertThat(fresh.getString("payloadRevision")).isEqualTo("1");
        assertThat(fresh.get("seq", Number.class).longValue()).isEqualTo(7L);
        assertThat(fresh.getString("payload")).contains("\"total\":7");
    }

    @Test
    void aSnapshotWhosePayloadDoesNotReadIsSkippedAndAFreshOneTakesItsPlace() {
        String id = countedTally(6);
        snapshots()
                .updateOne(
                        idIs(id),
                        new Document("$set", new Document("payload", "{\"id\":\"" + id + "\",\"total\":\"many\"}")));

        assertThat(count(id)).isEqualTo(7);

        assertThat(snapshotOf(id).getString("payload")).contains("\"total\":7");
    }

    @Test
    void graphQlBusinessErrorsCarryACodeAndBothLanguages() {
        graphQl()
                .document("{ refused }")
                .execute()
                .errors()
                .expect(e -> "TALLY_CLOSED".equals(e.getExtensions().get("code"))
                        && e.getMessage().equals("The tally is closed; open a new one.")
                        && "集計は締め切られています。".equals(e.getExtensions().get("messageJa")))
                .verify();
    }

    @Test
    void unexpectedFailuresReachClientsWithoutDetail() {
        String body = http().post()
                .uri("/graphql")
                .header("Authorization", "Bearer " + PlatformTestApplication.TOKENS.user("bob", "tenant-b"))
                .bodyValue(Map.of("query", "{ crash }"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();

        assertThat(body)
                .contains("INTERNAL_ERROR")
                .doesNotContain("secret")
                .doesNotContain("mongodb://")
                .doesNotContain("Exception")
                .doesNotContain("at dev.hoshi");
    }

    @Test
    void queriesDeeperThanTheLimitAreRefusedBeforeRunning() {
        graphQl()
                .document("{ node { child { child { name } } } }")
                .execute()
                .path("node.child.child.name")
                .entity(String.class)
                .isEqualTo("root.child.child");

        graphQl()
                .document("{ node { child { child { child { child { child { name } } } } } } }")
                .execute()
                .errors()
                .expect(e -> e.getMessage().contains("depth"))
                .verify();
    }

    @Test
    void twoHundredFiftyAliasedExportsAreRefusedBeforeAnyRuns() {
        StringBuilder document = new StringBuilder("{");
        for (int i = 0; i < 250; i++) {
            document.append(" e").append(i).append(": tallyExport");
        }
        document.append(" }");

        graphQl()
                .document(document.toString())
                .execute()
                .errors()
                .expect(e -> "TOO_MANY_EXPORTS".equals(e.getExtensions().get("code"))
                        && e.getMessage().contains("250"))
                .verify()
                .path("e0")
                .pathDoesNotExist();
        graphQl()
                .document("{ a: tallyExport b: tallyExport }")
                .execute()
                .errors()
                .expect(e -> "TOO_MANY_EXPORTS".equals(e.getExtensions().get("code")))
                .verify();
        graphQl()
                .document("{ tallyExport }")
                .execute()
                .path("tallyExport")
                .entity(String.class)
                .isEqualTo("file");
    }

    @Test
    void weightedFieldsCountTheirWeightEachTimeTheyAreAliased() {
        graphQl()
                .document("{ a: tallySeries }")
                .execute()
                .path("a")
                .entity(String.class)
                .isEqualTo("series");

        graphQl()
                .document(
                        "{ a: tallySeries b: tallySeries c: tallySeries d: tallySeries e: tallySeries f: tallySeries }")
                .execute()
                .errors()
                .expect(e -> "QUERY_TOO_EXPENSIVE".equals(e.getExtensions().get("code")))
                .verify()
                .path("a")
                .pathDoesNotExist();
    }

    @Test
    void introspectionIsForOperatorsOnly() {
        graphQl()
                .document("{ __schema { queryType { name } } }")
                .execute()
                .errors()
                .expect(e ->
                        "INTROSPECTION_NOT_ALLOWED".equals(e.getExtensions().get("code")))
                .verify();
        graphQl()
                .document("{ node { name } __type(name: \"Node\") { name } }")
                .execute()
                .errors()
                .expect(e ->
                        "INTROSPECTION_NOT_ALLOWED".equals(e.getExtensions().get("code")))
                .verify();

        graphQl(PlatformTestApplication.TOKENS.user("olga", null, "platform_operator"))
                .document("{ __schema { queryType { name } } }")
                .execute()
                .path("__schema.queryType.name")
                .entity(String.class)
                .isEqualTo("Query");
        graphQl()
                .document("{ node { __typename } }")
                .execute()
                .path("node.__typename")
                .entity(String.class)
                .isEqualTo("Node");
    }

    @Test
    void mutationsGoThroughTheCommandGatewayWithTheRequestContext() {
        graphQl()
                .document("mutation { openTally(input: {id: \"via-graphql\"}) { id } }")
                .execute()
                .path("openTally.id")
                .entity(String.class)
                .isEqualTo("via-graphql");

        assertThat(eventsOf("via-graphql")).singleElement().satisfies(doc -> assertThat(doc.getString("metaData"))
                .contains("\"actor\":\"USER:pd2:") // who acted, sealed with their key (docs/eventstore.md)
                .doesNotContain("bob")
                .contains("\"tenantId\":\"tenant-b\""));
    }

    @Test
    void requestsWithoutAValidInternalTokenAreRefused() {
        InternalTokens otherKey = new InternalTokens();
        Map<String, String> badTokens = Map.of(
                "none", "",
                "signed by another key", "Bearer " + otherKey.user("mallory", "tenant-a"),
                "another issuer",
                        "Bearer "
                                + PlatformTestApplication.TOKENS.token(
                                        "mallory",
                                        "USER:mallory",
                                        "tenant-a",
                                        List.of(),
                                        "hoshi-demo",
                                        Duration.ofSeconds(60)),
                "expired",
                        "Bearer "
                                + PlatformTestApplication.TOKENS.token(
                                        "mallory",
                                        "USER:mallory",
                                        "tenant-a",
                                        List.of(),
                                        "hoshi-gateway",
                                        Duration.ofSeconds(-120)),
                "no actor",
                        "Bearer "
                                + PlatformTestApplication.TOKENS.token(
                                        "mallory",
                                        "nobody",
                                        "tenant-a",
                                        List.of(),
                                        "hoshi-gateway",
                                        Duration.ofSeconds(60)));
        badTokens.forEach((why, header) -> {
            String body = http().post()
                    .uri("/graphql")
                    .header("Authorization", header)
                    .bodyValue(Map.of("query", "mutation { openTally(input: {id: \"sneaky\"}) { id } }"))
                    .exchange()
                    .expectStatus()
                    .isUnauthorized()
                    .expectBody(String.class)
                    .returnResult()
                    .getResponseBody();
            assertThat(body).as(why).contains("UNAUTHENTICATED").doesNotContain("Exception");
        });
        assertThat(eventsOf("sneaky")).isEmpty();
    }

    @Test
    void aDeclaredPublicPathAnswersAGetWithoutATokenAndNothingElseDoes() {
        http().get()
                .uri("/.well-known/test-keys.json")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .isEqualTo("{\"keys\":[]}");

        // the same path with another method, its neighbour, a longer path and GraphQL still need the token
        http().post()
                .uri("/.well-known/test-keys.json")
                .exchange()
                .expectStatus()
                .isUnauthorized();
        for (String path :
                List.of("/.well-known/private.json", "/.well-known/test-keys.json/", "/.well-known/test-keys.json/x")) {
            http().get()
                    .uri(path)
                    .exchange()
                    .expectStatus()
                    .isUnauthorized()
                    .expectBody(String.class)
                    .value(body -> assertThat(body).as(path).contains("UNAUTHENTICATED"));
        }
        http().get().uri("/graphql").exchange().expectStatus().isUnauthorized();

        // with the token, the undeclared path answers as usual
        http().get()
                .uri("/.well-known/private.json")
                .header("Authorization", "Bearer " + PlatformTestApplication.TOKENS.user("bob", null))
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void actuatorShowsHealthToAnyoneAndTheEventStoresMetersOnlyWithAToken() {
        CurrentContext.runWith(tenantA, () -> commands.sendAndWait(new Tally.OpenTallyCommand("metered")));

        http().get()
                .uri("/actuator/health")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("UP");
        http().get().uri("/actuator/prometheus").exchange().expectStatus().isUnauthorized();
        String prometheus = http().get()
                .uri("/actuator/prometheus")
                .header("Authorization", "Bearer " + PlatformTestApplication.TOKENS.user("bob", null))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(prometheus)
                .contains("hoshi_eventstore_events_appended_total")
                .contains("hoshi_eventstore_append_seconds_count{outcome=\"ok\"")
                .contains("commandBus_allTimer_seconds_count{payloadType=\"OpenTallyCommand\"}")
                // Axon's capacity gauge keeps every message of the last ten minutes in memory (AxonMessageMetrics)
                .doesNotContainPattern("(?m)^(eventProcessor|commandBus|queryBus)_capacity");
        http().get()
                .uri("/actuator/env")
                .header("Authorization", "Bearer " + PlatformTestApplication.TOKENS.user("bob", null))
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    private HttpGraphQlTester graphQl() {
        return graphQl(PlatformTestApplication.TOKENS.user("bob", "tenant-b"));
    }

    private HttpGraphQlTester graphQl(String token) {
        WebTestClient.Builder client = WebTestClient.bindToServer()
                .responseTimeout(RESPONSE_TIMEOUT)
                .baseUrl("http://localhost:" + port + "/graphql")
                .defaultHeader("Authorization", "Bearer " + token);
        return HttpGraphQlTester.builder(client)
                .responseTimeout(RESPONSE_TIMEOUT)
                .build();
    }

    private WebTestClient http() {
        return WebTestClient.bindToServer()
                .responseTimeout(RESPONSE_TIMEOUT)
                .baseUrl("http://localhost:" + port)
                .build();
    }

    /** A tally counted {@code times} times, so snapshotted once ({@link Tally#SNAPSHOT_THRESHOLD} events). */
    private String countedTally(int times) {
        String id = "snapshotted-" + System.nanoTime();
        CurrentContext.runWith(tenantA, () -> commands.sendAndWait(new Tally.OpenTallyCommand(id)));
        for (int i = 0; i < times; i++) {
            count(id);
        }
        return id;
    }

    private int count(String id) {
        AtomicInteger total = new AtomicInteger();
        CurrentContext.runWith(tenantA, () -> total.set(commands.<Integer>sendAndWait(new Tally.CountCommand(id))));
        return total.get();
    }

    private MongoCollection<Document> snapshots() {
        return mongoClient.getDatabase(EVENTS_DB).getCollection("snapshots");
    }

    private Document snapshotOf(String aggregateId) {
        Document snapshot = snapshots().find(idIs(aggregateId)).first();
        assertThat(snapshot).as("snapshot of %s", aggregateId).isNotNull();
        return snapshot;
    }

    private static Document idIs(String aggregateId) {
        return new Document("_id", aggregateId);
    }

    private List<Document> eventsOf(String aggregateId) {
        return mongoClient
                .getDatabase(EVENTS_DB)
                .getCollection("events")
                .find(new Document("aggregateId", aggregateId))
                .into(new ArrayList<>());
    }

    private List<TallyProjection.Seen> seenFor(String id) {
        return projection.seen.stream()
                .filter(s -> s.event() instanceof Tally.TallyOpenedEvent o
                        ? o.id().equals(id)
                        : s.event() instanceof Tally.CountedEvent c && c.id().equals(id))
                .toList();
    }
}
