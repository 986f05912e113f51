package dev.hoshi.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hoshi.compliance.api.securityaction.LapseReason;
import dev.hoshi.directory.api.consent.ConsentGrantId;
import dev.hoshi.directory.api.consent.ConsentGrantedEvent;
import dev.hoshi.directory.api.consent.ConsentRevokedEvent;
import dev.hoshi.directory.api.consent.ConsentScope;
import dev.hoshi.directory.api.consent.Grantee;
import dev.hoshi.directory.api.organization.OrganizationRegisteredEvent;
import dev.hoshi.directory.api.support.SupportOrganizationAnalystAddedEvent;
import dev.hoshi.directory.api.support.SupportOrganizationAnalystRemovedEvent;
import dev.hoshi.directory.api.support.SupportOrganizationKind;
import dev.hoshi.directory.api.support.SupportOrganizationRegisteredEvent;
import dev.hoshi.insights.rollup.subscription.MemberStatusFeed;
import dev.hoshi.kernel.context.Actor;
import dev.hoshi.kernel.context.CurrentContext;
import dev.hoshi.kernel.context.RequestContext;
import dev.hoshi.kernel.id.SupportOrganizationId;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.kernel.id.UserId;
import dev.hoshi.testsupport.InternalTokens;
import dev.hoshi.testsupport.ServiceTestProperties;
import dev.hoshi.testsupport.graphql.GraphQlSocket;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.client.SubscriptionErrorException;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.graphql.test.tester.WebSocketGraphQlTester;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.socket.client.StandardWebSocketClient;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * A real GraphQL-over-WebSocket subscription (graphql-transport-ws at {@code /graphql}, the internal token on the
 * handshake): an analyst sees its member's changes at its grant's scope as compliance's events arrive; anyone else
 * gets NOT_FOUND.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MemberStatusSubscriptionIT {

    /** A loaded machine (a full build beside other work) can take seconds to answer. */
    private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(30);

    private static final String SUBSCRIPTION =
            """
            subscription($id: ID!) { memberStatusChanged(supportOrganizationId: $id) {
              supportOrganizationId organizationId name scope levelBefore level standingBefore standing lapseReason
              scoreBefore score at } }
            """;
    private static final Duration WAIT = Duration.ofSeconds(10);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ServiceTestProperties.register(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    EventStore eventStore;

    @Autowired
    MemberStatusFeed feed;

    private final InternalTokens tokens = InternalTokens.shared();
    private final String run = Long.toString(System.nanoTime());
    private final String scoresSupport = "assoc-scores-" + run;
    private final String levelSupport = "assoc-level-" + run;
    private final String scoresAnalyst = "analyst-scores-" + run;
    private final String levelAnalyst = "analyst-level-" + run;
    private final String member = "member-" + run;
    private final List<Disposable> open = new ArrayList<>();
    private final ConsentGrantId scoresGrant = ConsentGrantId.random();

    @AfterEach
    void close() {
        open.forEach(Disposable::dispose);
    }

    @Test
    void analystsSeeTheirMembersChangesAtTheirScopeAsTheyHappen() throws Exception {
        world();
        int before = feed.subscriptions();
        BlockingQueue<Map<String, Object>> scores = subscribe(scoresAnalyst, scoresSupport);
        BlockingQueue<Map<String, Object>> level = subscribe(levelAnalyst, levelSupport);
        await().atMost(WAIT).until(() -> feed.subscriptions() == before + 2);

        LocalDate sheetOn = LocalDate.parse("2026-11-01");
        compliance(0, Statuses.nothingYet().sheet(18, sheetOn).event(member, sheetOn)); // scores 72

        Map<String, Object> newScore = scores.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(newScore)
                .containsEntry("supportOrganizationId", scoresSupport)
                .containsEntry("organizationId", member)
                .containsEntry("name", "株式会社M")
                .containsEntry("scope", "LEVEL_AND_SCORES")
                .containsEntry("levelBefore", "NONE")
                .containsEntry("level", "NONE")
                .containsEntry("standingBefore", "NOT_DECLARED")
                .containsEntry("standing", "NOT_DECLARED")
                .containsEntry("scoreBefore", null)
                .containsEntry("score", 72);
        assertThat((String) newScore.get("at")).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");

        LocalDate declaredOn = LocalDate.parse("2026-11-02");
        compliance(1, Statuses.twoStarsDeclared(declaredOn).sheet(18, sheetOn).event(member, declaredOn));

        assertThat(scores.poll(WAIT.toSeconds(), TimeUnit.SECONDS))
                .containsEntry("levelBefore", "NONE")
                .containsEntry("level", "TWO_STARS_DECLARED")
                .containsEntry("standingBefore", "NOT_DECLARED")
                .containsEntry("standing", "GOOD")
                .containsEntry("scoreBefore", 72)
                .containsEntry("score", 72);
        // LEVEL_ONLY: the new score alone was not shown; the new level is, without scores
        assertThat(level.poll(WAIT.toSeconds(), TimeUnit.SECONDS))
                .containsEntry("supportOrganizationId", levelSupport)
                .containsEntry("scope", "LEVEL_ONLY")
                .containsEntry("levelBefore", "NONE")
                .containsEntry("level", "TWO_STARS_DECLARED")
                .containsEntry("scoreBefore", null)
                .containsEntry("score", null);

        // compliance reports the ★★ lapsed (a re-adopted policy not yet published): the level stays, the standing
        // changes, and both support organisations are told
        LocalDate lapsedOn = LocalDate.parse("2026-11-03");
        compliance(
                2,
                Statuses.twoStarsDeclared(declaredOn)
                        .sheet(18, sheetOn)
                        .lapsed(LapseReason.POLICY_NOT_PUBLISHED, lapsedOn)
                        .event(member, lapsedOn));
        for (BlockingQueue<Map<String, Object>> analyst : List.of(scores, level)) {
            assertThat(analyst.poll(WAIT.toSeconds(), TimeUnit.SECONDS))
                    .containsEntry("levelBefore", "TWO_STARS_DECLARED")
                    .containsEntry("level", "TWO_STARS_DECLARED")
                    .containsEntry("standingBefore", "GOOD")
                    .containsEntry("standing", "PREREQUISITES_LAPSED")
                    // the reason goes only where the scope shows the policy's state
                    .containsEntry("lapseReason", analyst == scores ? "POLICY_NOT_PUBLISHED" : null);
        }
        assertThat(scores.poll(300, TimeUnit.MILLISECONDS)).isNull();
        assertThat(level.poll(300, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void aRemovedAnalystsStreamEndsWithAccessRevokedAndTheirReadsFindNothing() throws Exception {
        world();
        String removed = "analyst-removed-" + run;
        operator(() -> eventStore.publish(new GenericDomainEventMessage<>(
                "SupportOrganization",
                scoresSupport,
                1,
                new SupportOrganizationAnalystAddedEvent(
                        SupportOrganizationId.of(scoresSupport), UserId.of(removed)))));
        await().atMost(Duration.ofSeconds(30))
                .ignoreExceptions()
                .untilAsserted(() -> consenting(removed, scoresSupport));
        int before = feed.subscriptions();
        BlockingQueue<Map<String, Object>> received = new LinkedBlockingQueue<>();
        AtomicReference<Throwable> ended = new AtomicReference<>();
        open.add(ws(tokens.user(removed, null))
                .document(SUBSCRIPTION)
                .variable("id", scoresSupport)
                .executeSubscription()
                .toFlux()
                .subscribe(
                        response -> received.add(response.path("memberStatusChanged")
                                .entity(Map.class)
                                .get()),
                        ended::set));
        BlockingQueue<Map<String, Object>> first = subscribe(scoresAnalyst, scoresSupport);
        await().atMost(WAIT).until(() -> feed.subscriptions() == before + 2);

        LocalDate sheetOn = LocalDate.parse("2026-11-01");
        compliance(0, Statuses.nothingYet().sheet(18, sheetOn).event(member, sheetOn));
        assertThat(received.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).containsEntry("score", 72);
        assertThat(first.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).containsEntry("score", 72);

        operator(() -> eventStore.publish(new GenericDomainEventMessage<>(
                "SupportOrganization",
                scoresSupport,
                2,
                new SupportOrganizationAnalystRemovedEvent(
                        SupportOrganizationId.of(scoresSupport), UserId.of(removed)))));

        await().atMost(WAIT).until(() -> ended.get() != null);
        assertThat(ended.get()).isInstanceOf(SubscriptionErrorException.class);
        ResponseError error =
                ((SubscriptionErrorException) ended.get()).getErrors().get(0);
        assertThat(error.getExtensions())
                .containsEntry("code", "ACCESS_REVOKED")
                .containsEntry("messageJa", "この支援機関のアナリストではなくなったため、会員の変更の通知を終了しました。");
        await().atMost(WAIT).until(() -> feed.subscriptions() == before + 1);
        // the rollup, the member list and a new subscription answer as for someone who was never an analyst
        HttpGraphQlTester reads = http(removed);
        reads.document("query($id: ID!) { supportOrganizationRollup(supportOrganizationId: $id) { period } }")
                .variable("id", scoresSupport)
                .execute()
                .path("supportOrganizationRollup")
                .valueIsNull();
        reads.document(
                        "query($id: ID!) { supportOrganizationMembers(supportOrganizationId: $id) { edges { cursor } } }")
                .variable("id", scoresSupport)
                .execute()
                .path("supportOrganizationMembers")
                .valueIsNull();
        assertThat(errorCodes(tokens.user(removed, null), scoresSupport)).containsExactly("NOT_FOUND");

        // the remaining analyst goes on receiving
        LocalDate declaredOn = LocalDate.parse("2026-11-02");
        compliance(1, Statuses.twoStarsDeclared(declaredOn).sheet(18, sheetOn).event(member, declaredOn));
        assertThat(first.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).containsEntry("level", "TWO_STARS_DECLARED");
        assertThat(received.poll(300, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void aRevokedGrantStopsThatMembersMessagesAndTheStreamStaysOpen() throws Exception {
        world();
        int before = feed.subscriptions();
        BlockingQueue<Map<String, Object>> scores = subscribe(scoresAnalyst, scoresSupport);
        BlockingQueue<Map<String, Object>> level = subscribe(levelAnalyst, levelSupport);
        await().atMost(WAIT).until(() -> feed.subscriptions() == before + 2);

        LocalDate declaredOn = LocalDate.parse("2026-11-02");
        compliance(0, Statuses.twoStarsDeclared(declaredOn).event(member, declaredOn));
        assertThat(scores.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).containsEntry("level", "TWO_STARS_DECLARED");
        assertThat(level.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).containsEntry("level", "TWO_STARS_DECLARED");

        CurrentContext.runWith(RequestContext.forTenant(TenantId.of(member), Actor.user("owner-" + member)), () -> {
            organization(
                    3,
                    new ConsentRevokedEvent(
                            scoresGrant,
                            TenantId.of(member),
                            Grantee.supportOrganization(SupportOrganizationId.of(scoresSupport)),
                            ConsentScope.LEVEL_AND_SCORES,
                            LocalDate.parse("2026-01-01"),
                            null,
                            LocalDate.parse("2026-11-03")));
        });
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> http(scoresAnalyst)
                .document("query($id: ID!) { supportOrganizationMembers(supportOrganizationId: $id) {"
                        + " edges { cursor } } }")
                .variable("id", scoresSupport)
                .execute()
                .path("supportOrganizationMembers.edges")
                .entityList(Object.class)
                .hasSize(0));

        LocalDate lapsedOn = LocalDate.parse("2026-11-04");
        compliance(
                1,
                Statuses.twoStarsDeclared(declaredOn)
                        .lapsed(LapseReason.POLICY_NOT_PUBLISHED, lapsedOn)
                        .event(member, lapsedOn));
        assertThat(level.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).containsEntry("standing", "PREREQUISITES_LAPSED");
        assertThat(scores.poll(300, TimeUnit.MILLISECONDS)).isNull();
        // the revoked side's stream is still open (its other members would still be told)
        assertThat(feed.subscriptions()).isEqualTo(before + 2);
    }

    @Test
    void anyoneButItsAnalystsGetsNotFoundAsForASupportOrganisationThatDoesNotExist() {
        world();
        // another support organisation's analyst, someone of the member organisation, a partner, an operator
        List<String> denied = List.of(
                tokens.user(levelAnalyst, null),
                tokens.user("owner-" + member, member),
                tokens.token(
                        "partner:p-" + run,
                        "PARTNER_CLIENT:p-" + run,
                        null,
                        List.of(),
                        InternalTokens.ISSUER,
                        Duration.ofSeconds(60)),
                tokens.user("operator-" + run, null, "platform_operator"));
        for (String token : denied) {
            assertThat(errorCodes(token, scoresSupport)).containsExactly("NOT_FOUND");
        }
        assertThat(errorCodes(tokens.user(scoresAnalyst, null), "nobody-" + run))
                .containsExactly("NOT_FOUND");
        assertThat(errorCodes(tokens.user(scoresAnalyst, null), "bad id!"))
                .containsExactly("INVALID_SUPPORT_ORGANIZATION_ID");
    }

    @Test
    void aHandshakeWithoutATokenIsRefused() {
        WebSocketGraphQlTester anonymous = WebSocketGraphQlTester.builder(
                        "ws://localhost:" + port + "/graphql", new StandardWebSocketClient())
                .responseTimeout(RESPONSE_TIMEOUT)
                .build();
        assertThatThrownBy(() -> anonymous
                        .document(SUBSCRIPTION)
                        .variable("id", scoresSupport)
                        .executeSubscription()
                        .toFlux()
                        .blockFirst(WAIT))
                .hasMessageContaining("401");
    }

    /**
     * Malformed graphql-transport-ws messages close the socket with 4400 and a reason (Spring for GraphQL alone ends
     * it with 1011, a server error); a message past Tomcat's default 8 KiB but within the gateway's 64 KiB is read and
     * answered with a GraphQL error.
     */
    @Test
    void malformedMessagesCloseWith4400AndLongOnesAreAnswered() throws Exception {
        String url = "ws://localhost:" + port + "/graphql";
        String token = tokens.user(scoresAnalyst, null);
        Map<String, String> malformed = Map.of(
                "hello", "Invalid message: not JSON",
                "{\"type\":\"$where\"}", "Invalid message: 'type' must be one of",
                "{\"id\":\"1\",\"type\":\"subscribe\",\"payload\":\"x\"}",
                        "Invalid message: a subscribe message's 'payload' must be an object",
                "{\"id\":\"1\",\"type\":\"subscribe\",\"payload\":{\"query\":\"s\",\"variables\":\"x\"}}",
                        "Invalid message: 'payload.variables' must be an object");
        for (Map.Entry<String, String> message : malformed.entrySet()) {
            try (GraphQlSocket socket = GraphQlSocket.open(HttpClient.newHttpClient(), url, token)) {
                socket.send("{\"type\":\"connection_init\"}");
                assertThat(socket.next().path("type").asText()).isEqualTo("connection_ack");
                socket.send(message.getKey());
                JsonNode closed = socket.next();
                assertThat(closed.path("close").asInt()).as(message.getKey()).isEqualTo(4400);
                assertThat(closed.path("reason").asText()).startsWith(message.getValue());
            }
        }
        try (GraphQlSocket socket = GraphQlSocket.open(HttpClient.newHttpClient(), url, token)) {
            socket.send("{\"type\":\"connection_init\"}");
            assertThat(socket.next().path("type").asText()).isEqualTo("connection_ack");
            socket.send("{\"id\":\"1\",\"type\":\"subscribe\",\"payload\":{\"query\":"
                    + "\"subscription($id: ID!) { memberStatusChanged(supportOrganizationId: $id) { at } }\","
                    + "\"variables\":{\"id\":\"" + "a".repeat(20_000) + "\"}}}");
            JsonNode answer = socket.next();
            assertThat(answer.path("type").asText()).isEqualTo("error");
            assertThat(answer.path("payload")
                            .path(0)
                            .path("extensions")
                            .path("code")
                            .asText())
                    .isEqualTo("INVALID_SUPPORT_ORGANIZATION_ID");
        }
    }

    // ---- helpers

    /** Opens the subscription as {@code user} and collects each change's fields. */
    private BlockingQueue<Map<String, Object>> subscribe(String user, String supportOrganization) {
        BlockingQueue<Map<String, Object>> received = new LinkedBlockingQueue<>();
        Flux<GraphQlTester.Response> responses = ws(tokens.user(user, null))
                .document(SUBSCRIPTION)
                .variable("id", supportOrganization)
                .executeSubscription()
                .toFlux();
        open.add(responses.subscribe(response -> {
            response.errors().verify();
            received.add(response.path("memberStatusChanged").entity(Map.class).get());
        }));
        return received;
    }

    /** The error codes a subscription attempt ends with (fails if it produced data or stayed open). */
    private List<String> errorCodes(String token, String supportOrganization) {
        try {
            List<GraphQlTester.Response> responses = ws(token)
                    .document(SUBSCRIPTION)
                    .variable("id", supportOrganization)
                    .executeSubscription()
                    .toFlux()
                    .collectList()
                    .block(WAIT);
            throw new AssertionError("expected an error, got " + responses);
        } catch (SubscriptionErrorException e) {
            return e.getErrors().stream()
                    .map(ResponseError::getExtensions)
                    .map(extensions -> String.valueOf(extensions.get("code")))
                    .toList();
        }
    }

    private WebSocketGraphQlTester ws(String token) {
        return WebSocketGraphQlTester.builder("ws://localhost:" + port + "/graphql", new StandardWebSocketClient())
                .headers(headers -> headers.setBearerAuth(token))
                .responseTimeout(RESPONSE_TIMEOUT)
                .build();
    }

    /** Two support organisations, one member granting one scores and the other its level only; projected. */
    private void world() {
        supportOrganization(scoresSupport, scoresAnalyst);
        supportOrganization(levelSupport, levelAnalyst);
        CurrentContext.runWith(RequestContext.forTenant(TenantId.of(member), Actor.user("owner-" + member)), () -> {
            organization(
                    0,
                    new OrganizationRegisteredEvent(
                            TenantId.of(member), "株式会社M", null, null, UserId.of("owner-" + member)));
            organization(1, grant(scoresGrant, scoresSupport, ConsentScope.LEVEL_AND_SCORES));
            organization(2, grant(ConsentGrantId.random(), levelSupport, ConsentScope.LEVEL_ONLY));
        });
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            consenting(scoresAnalyst, scoresSupport);
            consenting(levelAnalyst, levelSupport);
        });
    }

    private HttpGraphQlTester http(String user) {
        return HttpGraphQlTester.builder(WebTestClient.bindToServer()
                        .responseTimeout(RESPONSE_TIMEOUT)
                        .baseUrl("http://localhost:" + port + "/graphql")
                        .defaultHeader("Authorization", "Bearer " + tokens.user(user, null)))
                .responseTimeout(RESPONSE_TIMEOUT)
                .build();
    }

    private static void operator(Runnable publish) {
        CurrentContext.runWith(RequestContext.withoutTenant(Actor.user("operator")), publish);
    }

    private void consenting(String analyst, String supportOrganization) {
        http(analyst)
                // the member list: one member is below the disclosure threshold, so a rollup shows no count
                .document("query($id: ID!) { supportOrganizationMembers(supportOrganizationId: $id) {"
                        + " edges { cursor } } }")
                .variable("id", supportOrganization)
                .execute()
                .path("supportOrganizationMembers.edges")
                .entityList(Object.class)
                .hasSize(1);
    }

    private void supportOrganization(String id, String analyst) {
        CurrentContext.runWith(
                RequestContext.withoutTenant(Actor.user("operator")),
                () -> eventStore.publish(new GenericDomainEventMessage<>(
                        "SupportOrganization",
                        id,
                        0,
                        new SupportOrganizationRegisteredEvent(
                                SupportOrganizationId.of(id),
                                "工業会 " + id,
                                null,
                                SupportOrganizationKind.INDUSTRY_ASSOCIATION,
                                UserId.of(analyst)))));
    }

    private ConsentGrantedEvent grant(ConsentGrantId id, String supportOrganization, ConsentScope scope) {
        return new ConsentGrantedEvent(
                id,
                TenantId.of(member),
                Grantee.supportOrganization(SupportOrganizationId.of(supportOrganization)),
                scope,
                LocalDate.parse("2026-01-01"),
                null);
    }

    private void organization(long seq, Object event) {
        eventStore.publish(new GenericDomainEventMessage<>("Organization", member, seq, event));
    }

    private void compliance(long seq, Object event) {
        CurrentContext.runWith(
                RequestContext.forTenant(TenantId.of(member), Actor.user("owner-" + member)),
                () -> eventStore.publish(
                        new GenericDomainEventMessage<>("SecurityAction", "security-action:" + member, seq, event)));
    }
}
