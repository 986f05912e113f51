package dev.hoshi.directory;

import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import dev.hoshi.testsupport.InternalTokens;
import dev.hoshi.testsupport.ServiceTestProperties;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.core.ThrowingRunnable;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * What directory's GraphQL integration tests share: one running service (one Spring context for every suite that
 * extends this), tokens shaped like the gateway's, set-up steps through the API itself, and a look into the event
 * store to prove that a refused mutation stored nothing. Every test makes its own ids, so suites never collide.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class DirectoryIT {

    /** A loaded machine (a full build beside other work) can take seconds to answer. */
    protected static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(30);

    protected static final String OPERATOR = "operator";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ServiceTestProperties.register(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    MongoClient mongo;

    @Value("${hoshi.eventstore.database}")
    String eventsDatabase;

    protected final InternalTokens tokens = InternalTokens.shared();

    protected static String unique(String prefix) {
        return prefix + "-" + System.nanoTime();
    }

    /** Today's date in Japan: the calendar of every business date. */
    protected static LocalDate todayInJapan() {
        return LocalDate.now(ZoneId.of("Asia/Tokyo"));
    }

    protected HttpGraphQlTester as(String token) {
        return HttpGraphQlTester.builder(WebTestClient.bindToServer()
                        .responseTimeout(RESPONSE_TIMEOUT)
                        .baseUrl("http://localhost:" + port + "/graphql")
                        .defaultHeader("Authorization", "Bearer " + token))
                .responseTimeout(RESPONSE_TIMEOUT)
                .build();
    }

    protected HttpGraphQlTester asOperator() {
        return as(tokens.user(OPERATOR, null, "platform_operator"));
    }

    /** A person acting for {@code organization} (the token's {@code org} claim; may be null). */
    protected HttpGraphQlTester asUser(String subject, String organization) {
        return as(tokens.user(subject, organization));
    }

    /** Registers an organisation with {@code owner} and waits until the owner can see it. */
    protected String registerOrganization(String owner) {
        String id = unique("org");
        asOperator()
                .documentName("registerOrganization")
                .variable("input", Map.of("id", id, "name", "株式会社テスト" + id, "owner", owner))
                .execute()
                .path("registerOrganization.errors")
                .entityList(Object.class)
                .hasSize(0);
        eventually(() -> asUser(owner, id)
                .documentName("organization")
                .variable("id", id)
                .execute()
                .path("organization.id")
                .entity(String.class)
                .isEqualTo(id));
        return id;
    }

    /** Adds {@code person} with {@code role} to {@code organization} and waits until they can see it. */
    protected void addPerson(String owner, String organization, String person, String role) {
        asUser(owner, organization)
                .documentName("addOrganizationMember")
                .variable("input", Map.of("userId", person, "role", role))
                .execute()
                .path("addOrganizationMember.errors")
                .entityList(Object.class)
                .hasSize(0);
        eventually(() -> asUser(person, organization)
                .documentName("organization")
                .variable("id", organization)
                .execute()
                .path("organization.id")
                .entity(String.class)
                .isEqualTo(organization));
    }

    /** Registers a support organisation with {@code analyst} (its aggregate answers at once; no waiting). */
    protected String registerSupportOrganization(String analyst) {
        String id = unique("support");
        asOperator()
                .documentName("registerSupportOrganization")
                .variable(
                        "input",
                        Map.of("id", id, "name", "テスト工業会" + id, "kind", "INDUSTRY_ASSOCIATION", "analyst", analyst))
                .execute()
                .path("registerSupportOrganization.errors")
                .entityList(Object.class)
                .hasSize(0);
        return id;
    }

    /** Registers a partner client and waits until the read side knows it (grants check it there). */
    protected String registerPartnerClient() {
        String id = unique("partner");
        asOperator()
                .documentName("registerPartnerClient")
                .variable("input", Map.of("id", id, "name", "テスト銀行"))
                .execute()
                .path("registerPartnerClient.errors")
                .entityList(Object.class)
                .hasSize(0);
        eventually(() -> asOperator()
                .document("{ partnerClients { id } }")
                .execute()
                .path("partnerClients[*].id")
                .entityList(String.class)
                .contains(id));
        return id;
    }

    /** The simple class names of an aggregate's stored events, in order. */
    protected List<String> eventsOf(String aggregateId) {
        List<String> types = new ArrayList<>();
        mongo.getDatabase(eventsDatabase)
                .getCollection("events")
                .find(new Document("aggregateId", aggregateId))
                .sort(new Document("seq", 1))
                .forEach(doc -> {
                    String type = doc.getString("payloadType");
                    types.add(type.substring(type.lastIndexOf('.') + 1));
                });
        return types;
    }

    /** The stored JSON payloads of an aggregate's events of one type, in order. */
    protected List<String> payloadsOf(String aggregateId, String simpleType) {
        List<String> payloads = new ArrayList<>();
        mongo.getDatabase(eventsDatabase)
                .getCollection("events")
                .find(new Document("aggregateId", aggregateId))
                .sort(new Document("seq", 1))
                .forEach(doc -> {
                    if (doc.getString("payloadType").endsWith("." + simpleType)) {
                        payloads.add(doc.getString("payload"));
                    }
                });
        return payloads;
    }

    /** Projections follow the event stream a moment later. */
    protected static void eventually(ThrowingRunnable assertion) {
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(assertion);
    }

    /** The request failed with a GraphQL error carrying {@code code} (not a payload error). */
    protected static void refusedWith(GraphQlTester.Response response, String code) {
        response.errors()
                .expect(e -> code.equals(e.getExtensions().get("code")))
                .verify();
    }

    /** The mutation answered a payload whose first error has {@code code}, with a Japanese message. */
    protected static void payloadError(GraphQlTester.Response response, String mutation, String code) {
        response.path(mutation + ".errors[0].code")
                .entity(String.class)
                .isEqualTo(code)
                .path(mutation + ".errors[0].messageJa")
                .entity(String.class)
                .satisfies(m -> org.assertj.core.api.Assertions.assertThat(m).isNotBlank());
    }
}
