package dev.hoshi.insights.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.hoshi.compliance.api.securityaction.LapseReason;
import dev.hoshi.directory.api.consent.ConsentGrantId;
import dev.hoshi.directory.api.consent.ConsentGrantedEvent;
import dev.hoshi.directory.api.consent.ConsentRevokedEvent;
import dev.hoshi.directory.api.consent.ConsentScope;
import dev.hoshi.directory.api.consent.Grantee;
import dev.hoshi.directory.api.organization.OrganizationRegisteredEvent;
import dev.hoshi.directory.api.support.SupportOrganizationKind;
import dev.hoshi.directory.api.support.SupportOrganizationRegisteredEvent;
import dev.hoshi.insights.Statuses;
import dev.hoshi.kernel.context.Actor;
import dev.hoshi.kernel.context.CurrentContext;
import dev.hoshi.kernel.context.RequestContext;
import dev.hoshi.kernel.id.SupportOrganizationId;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.kernel.id.UserId;
import dev.hoshi.testsupport.InternalTokens;
import dev.hoshi.testsupport.MutableClock;
import dev.hoshi.testsupport.ServiceTestProperties;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Webhooks against a real HTTP receiver (the JDK's server on 127.0.0.1): registered by an analyst, deliveries signed
 * and verified as docs/notifications.md shows, retried after 500s as the clock moves, parked after a day, sent again
 * on request, and never sent once the member revoked the grant.
 */
// its own context (a movable clock): closed after the class rather than kept to the end of the run
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "hoshi.insights.webhooks.allow-loopback-http=true",
            "hoshi.insights.webhooks.send.initial-delay=PT1H",
            "hoshi.insights.webhooks.secret-key=AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="
        })
class WebhookIT {

    private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(30);
    private static final String DELIVERIES = "query($id: ID!) { webhookDeliveries(webhookId: $id) {"
            + " id status attempts lastResponseStatus lastError nextAttemptAt payload } }";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ServiceTestProperties.register(registry);
    }

    @TestConfiguration
    static class MovableClock {
        @Bean
        @Primary
        MutableClock movableClock() {
            return new MutableClock(Instant.parse("2026-11-10T03:00:00Z"));
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    EventStore eventStore;

    @Autowired
    MutableClock clock;

    @Autowired
    WebhookSender sender;

    private final InternalTokens tokens = InternalTokens.shared();
    private final ObjectMapper json = new ObjectMapper();
    private final String run = Long.toString(System.nanoTime());
    private final String support = "assoc-wh-" + run;
    private final String analyst = "analyst-wh-" + run;
    private final String member = "member-wh-" + run;
    private final ConsentGrantId grant = ConsentGrantId.random();
    private final Receiver receiver = new Receiver();

    @AfterEach
    void stop() {
        receiver.close();
    }

    @Test
    void aDeliveryIsSignedRetriedAfterServerErrorsAndDeliveredOnceWithOneId() throws Exception {
        world();
        Registered hook = register(List.of("LEVEL_OR_STANDING_CHANGED", "SCORE_CHANGED"));
        receiver.answer(500, 500);

        LocalDate sheetOn = LocalDate.parse("2026-11-01");
        compliance(0, Statuses.nothingYet().sheet(18, sheetOn).event(member, sheetOn)); // score 72
        JsonNode queued = awaitDeliveries(hook.id(), 1).get(0);
        assertThat(queued.path("status").asText()).isEqualTo("PENDING");

        assertThat(sender.sendDue()).isZero();
        assertThat(receiver.requests).hasSize(1);
        assertThat(sender.sendDue()).as("not due again before its pause").isZero();
        assertThat(receiver.requests).hasSize(1);
        clock.advance(Duration.ofMinutes(1));
        assertThat(sender.sendDue()).isZero();
        clock.advance(Duration.ofMinutes(2));
        assertThat(sender.sendDue()).isEqualTo(1);

        assertThat(receiver.requests).hasSize(3);
        for (Request request : receiver.requests) {
            String signature = request.header("Hoshi-Signature");
            assertThat(WebhookVerifyExample.verify(
                            hook.secret(),
                            signature,
                            request.body(),
                            clock.instant().getEpochSecond()))
                    .as("the documented check accepts it")
                    .isTrue();
            assertThat(WebhookVerifyExample.verify(
                            hook.secret() + "x",
                            signature,
                            request.body(),
                            clock.instant().getEpochSecond()))
                    .isFalse();
            assertThat(WebhookVerifyExample.verify(
                            hook.secret(),
                            signature,
                            request.body() + " ",
                            clock.instant().getEpochSecond()))
                    .isFalse();
            assertThat(request.header("Hoshi-Delivery-Id"))
                    .isEqualTo(queued.path("id").asText());
        }
        JsonNode body = json.readTree(receiver.requests.get(2).body());
        assertThat(body.path("id").asText()).isEqualTo(queued.path("id").asText());
        assertThat(body.path("organizationId").asText()).isEqualTo(member);
        assertThat(body.path("score").asInt()).isEqualTo(72);
        assertThat(body.path("scope").asText()).isEqualTo("LEVEL_AND_SCORES");
        assertThat(body.path("eventTypes").toString()).isEqualTo("[\"SCORE_CHANGED\"]");
        JsonNode delivered = deliveries(hook.id()).get(0);
        assertThat(delivered.path("status").asText()).isEqualTo("DELIVERED");
        assertThat(delivered.path("attempts").asInt()).isEqualTo(3);
        assertThat(delivered.path("lastResponseStatus").asInt()).isEqualTo(200);

        // the documented Python check accepts the same signature
        assertThat(NotificationsDoc.pythonVerifies(
                        hook.secret(),
                        receiver.requests.get(2).header("Hoshi-Signature"),
                        receiver.requests.get(2).body(),
                        clock.instant().getEpochSecond()))
                .isTrue();
        assertThat(sender.sendDue()).isZero();
        assertThat(receiver.requests).hasSize(3);
    }

    @Test
    void aDeliveryRefusedForADayIsParkedVisiblyAndSentAgainOnRequest() throws Exception {
        world();
        Registered hook = register(List.of("LEVEL_OR_STANDING_CHANGED"));
        receiver.answerAlways(500);
        LocalDate on = LocalDate.parse("2026-11-02");
        compliance(0, Statuses.twoStarsDeclared(on).sheet(18, on).event(member, on));
        String id = awaitDeliveries(hook.id(), 1).get(0).path("id").asText();

        for (int hour = 0;
                hour < 26
                        && !"PARKED"
                                .equals(deliveries(hook.id())
                                        .get(0)
                                        .path("status")
                                        .asText());
                hour++) {
            sender.sendDue();
            clock.advance(Duration.ofMinutes(61));
        }
        JsonNode parked = deliveries(hook.id()).get(0);
        assertThat(parked.path("status").asText()).isEqualTo("PARKED");
        assertThat(parked.path("lastResponseStatus").asInt()).isEqualTo(500);
        int attempts = parked.path("attempts").asInt();
        assertThat(attempts).isBetween(20, 40);
        assertThat(receiver.requests).hasSize(attempts);
        sender.sendDue();
        clock.advance(Duration.ofHours(2));
        sender.sendDue();
        assertThat(receiver.requests).as("parked: not tried again by itself").hasSize(attempts);

        receiver.answerAlways(200);
        analystGraphQl()
                .document("mutation($id: ID!) { resendWebhookDelivery(input: {deliveryId: $id}) {"
                        + " delivery { status } errors { code } } }")
                .variable("id", id)
                .execute()
                .path("resendWebhookDelivery.delivery.status")
                .entity(String.class)
                .isEqualTo("PENDING");
        assertThat(sender.sendDue()).isEqualTo(1);
        assertThat(receiver.requests.get(receiver.requests.size() - 1).header("Hoshi-Delivery-Id"))
                .isEqualTo(id);
        assertThat(deliveries(hook.id()).get(0).path("status").asText()).isEqualTo("DELIVERED");
    }

    @Test
    void nothingIsSentOnceTheMemberRevokedTheGrantNotEvenWhatWasQueuedBefore() throws Exception {
        world();
        Registered hook = register(List.of("LEVEL_OR_STANDING_CHANGED", "SCORE_CHANGED"));
        LocalDate on = LocalDate.parse("2026-11-02");
        compliance(0, Statuses.twoStarsDeclared(on).sheet(18, on).event(member, on));
        awaitDeliveries(hook.id(), 1);

        operatorAs(
                member,
                () -> organization(
                        2,
                        new ConsentRevokedEvent(
                                grant,
                                TenantId.of(member),
                                Grantee.supportOrganization(SupportOrganizationId.of(support)),
                                ConsentScope.LEVEL_AND_SCORES,
                                LocalDate.parse("2026-01-01"),
                                null,
                                LocalDate.parse("2026-11-10"))));
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> members(0));
        compliance(
                1,
                Statuses.twoStarsDeclared(on)
                        .sheet(18, on)
                        .lapsed(LapseReason.POLICY_NOT_PUBLISHED, on.plusDays(3))
                        .event(member, on.plusDays(3)));

        assertThat(sender.sendDue()).isZero();
        assertThat(receiver.requests).isEmpty();
        List<JsonNode> log = deliveries(hook.id());
        assertThat(log).hasSize(1);
        assertThat(log.get(0).path("status").asText()).isEqualTo("DROPPED");
    }

    @Test
    void onlyHttpsIsAcceptedAndAnyoneButItsAnalystsFindsNothing() {
        world();
        for (String url :
                List.of("http://example.jp/hook", "ftp://example.jp/", "https://user:pw@example.jp/", "nonsense")) {
            analystGraphQl()
                    .document("mutation($input: RegisterWebhookInput!) { registerWebhook(input: $input) {"
                            + " webhook { id } secret errors { code messageJa } } }")
                    .variable(
                            "input",
                            Map.of(
                                    "supportOrganizationId",
                                    support,
                                    "url",
                                    url,
                                    "eventTypes",
                                    List.of("SCORE_CHANGED")))
                    .execute()
                    .path("registerWebhook.errors[0].code")
                    .entity(String.class)
                    .isEqualTo("INVALID_URL")
                    .path("registerWebhook.secret")
                    .valueIsNull();
        }
        Registered hook = register(List.of("SCORE_CHANGED"));
        HttpGraphQlTester stranger = graphQl(tokens.user("stranger-" + run, null));
        stranger.document("mutation($input: RegisterWebhookInput!) { registerWebhook(input: $input) { secret } }")
                .variable(
                        "input",
                        Map.of(
                                "supportOrganizationId",
                                support,
                                "url",
                                "https://a.example.jp/",
                                "eventTypes",
                                List.of("SCORE_CHANGED")))
                .execute()
                .errors()
                .expect(e -> "NOT_FOUND".equals(e.getExtensions().get("code")))
                .verify();
        stranger.document(DELIVERIES)
                .variable("id", hook.id())
                .execute()
                .path("webhookDeliveries")
                .valueIsNull();
        stranger.document("query($s: ID!) { webhooks(supportOrganizationId: $s) { id } }")
                .variable("s", support)
                .execute()
                .path("webhooks")
                .valueIsNull();
        analystGraphQl()
                .document("query($s: ID!) { webhooks(supportOrganizationId: $s) { id url eventTypes } }")
                .variable("s", support)
                .execute()
                .path("webhooks[0].id")
                .entity(String.class)
                .isEqualTo(hook.id());
    }

    // ---- the world: a support organisation with one analyst, and a member that grants it scores

    private void world() {
        CurrentContext.runWith(
                RequestContext.withoutTenant(Actor.user("operator")),
                () -> eventStore.publish(new GenericDomainEventMessage<>(
                        "SupportOrganization",
                        support,
                        0,
                        new SupportOrganizationRegisteredEvent(
                                SupportOrganizationId.of(support),
                                "工業会 " + support,
                                null,
                                SupportOrganizationKind.INDUSTRY_ASSOCIATION,
                                UserId.of(analyst)))));
        operatorAs(member, () -> {
            organization(
                    0,
                    new OrganizationRegisteredEvent(
                            TenantId.of(member), "株式会社W", null, null, UserId.of("owner-" + member)));
            organization(
                    1,
                    new ConsentGrantedEvent(
                            grant,
                            TenantId.of(member),
                            Grantee.supportOrganization(SupportOrganizationId.of(support)),
                            ConsentScope.LEVEL_AND_SCORES,
                            LocalDate.parse("2026-01-01"),
                            null));
        });
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> members(1));
    }

    private void members(int count) {
        analystGraphQl()
                .document(
                        "query($id: ID!) { supportOrganizationMembers(supportOrganizationId: $id) { edges { cursor } } }")
                .variable("id", support)
                .execute()
                .path("supportOrganizationMembers.edges")
                .entityList(Object.class)
                .hasSize(count);
    }

    private void operatorAs(String organization, Runnable action) {
        CurrentContext.runWith(
                RequestContext.forTenant(TenantId.of(organization), Actor.user("owner-" + organization)), action);
    }

    private void organization(long seq, Object event) {
        eventStore.publish(new GenericDomainEventMessage<>("Organization", member, seq, event));
    }

    private void compliance(long seq, Object event) {
        operatorAs(
                member,
                () -> eventStore.publish(
                        new GenericDomainEventMessage<>("SecurityAction", "security-action:" + member, seq, event)));
    }

    record Registered(String id, String secret) {}

    private Registered register(List<String> types) {
        HttpGraphQlTester.Response response = analystGraphQl()
                .document("mutation($input: RegisterWebhookInput!) { registerWebhook(input: $input) {"
                        + " webhook { id url } secret errors { code } } }")
                .variable("input", Map.of("supportOrganizationId", support, "url", receiver.url(), "eventTypes", types))
                .execute();
        response.path("registerWebhook.errors").entityList(Object.class).hasSize(0);
        String secret =
                response.path("registerWebhook.secret").entity(String.class).get();
        assertThat(secret).startsWith("whsec_");
        return new Registered(
                response.path("registerWebhook.webhook.id").entity(String.class).get(), secret);
    }

    private List<JsonNode> awaitDeliveries(String hook, int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> deliveries(hook).size() == count);
        return deliveries(hook);
    }

    private List<JsonNode> deliveries(String hook) {
        List<?> found = analystGraphQl()
                .document(DELIVERIES)
                .variable("id", hook)
                .execute()
                .path("webhookDeliveries")
                .entityList(Object.class)
                .get();
        return found.stream().map(json::<JsonNode>valueToTree).toList();
    }

    private HttpGraphQlTester analystGraphQl() {
        return graphQl(tokens.user(analyst, null));
    }

    private HttpGraphQlTester graphQl(String token) {
        return graphQl(port, token);
    }

    /** A GraphQL client of the service on {@code port}, calling with {@code token}. */
    static HttpGraphQlTester graphQl(int port, String token) {
        return HttpGraphQlTester.builder(WebTestClient.bindToServer()
                        .responseTimeout(RESPONSE_TIMEOUT)
                        .baseUrl("http://localhost:" + port + "/graphql")
                        .defaultHeader("Authorization", "Bearer " + token))
                .responseTimeout(RESPONSE_TIMEOUT)
                .build();
    }

    record Request(Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0))
                    .findFirst()
                    .orElse(null);
        }
    }

    /** A partner's endpoint: answers the statuses it is told to, 200 once they run out, and keeps every request. */
    static final class Receiver implements AutoCloseable {
        final List<Request> requests = new CopyOnWriteArrayList<>();
        private final BlockingDeque<Integer> answers = new LinkedBlockingDeque<>();
        private volatile int otherwise = 200;
        private final HttpServer server;

        Receiver() {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            server.createContext("/hook", exchange -> {
                try (exchange;
                        InputStream in = exchange.getRequestBody()) {
                    requests.add(new Request(
                            Map.copyOf(exchange.getRequestHeaders()),
                            new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                    Integer status = answers.poll();
                    exchange.sendResponseHeaders(status == null ? otherwise : status, -1);
                }
            });
            server.start();
        }

        void answer(Integer... statuses) {
            answers.addAll(List.of(statuses));
        }

        void answerAlways(int status) {
            answers.clear();
            otherwise = status;
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    /** The Python check of docs/notifications.md, run as written there. */
    static final class NotificationsDoc {

        static boolean pythonVerifies(String secret, String header, String body, long now) throws Exception {
            String doc = Files.readString(Path.of("../../../docs/notifications.md"));
            String code =
                    doc.substring(doc.indexOf("```python\n") + 10, doc.indexOf("```", doc.indexOf("```python\n") + 10));
            Path script = Files.createTempFile("verify", ".py");
            Files.writeString(
                    script,
                    code
                            + "\nimport sys\nprint(verify(sys.argv[1], sys.argv[2], sys.stdin.buffer.read(), float(sys.argv[3])))\n");
            Process python = new ProcessBuilder("python3", script.toString(), secret, header, String.valueOf(now))
                    .redirectErrorStream(true)
                    .start();
            python.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
            python.getOutputStream().close();
            String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertThat(python.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(python.exitValue()).as(out).isZero();
            Files.delete(script);
            return Boolean.parseBoolean(out.toLowerCase());
        }
    }
}
