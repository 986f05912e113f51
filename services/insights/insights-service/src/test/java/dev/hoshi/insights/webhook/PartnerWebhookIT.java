package dev.hoshi.insights.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hoshi.compliance.api.securityaction.LapseReason;
import dev.hoshi.directory.api.consent.ConsentGrantId;
import dev.hoshi.directory.api.consent.ConsentGrantedEvent;
import dev.hoshi.directory.api.consent.ConsentRevokedEvent;
import dev.hoshi.directory.api.consent.ConsentScope;
import dev.hoshi.directory.api.consent.Grantee;
import dev.hoshi.directory.api.organization.OrganizationRegisteredEvent;
import dev.hoshi.insights.Statuses;
import dev.hoshi.insights.webhook.WebhookIT.Receiver;
import dev.hoshi.insights.webhook.WebhookIT.Request;
import dev.hoshi.kernel.context.Actor;
import dev.hoshi.kernel.context.CurrentContext;
import dev.hoshi.kernel.context.RequestContext;
import dev.hoshi.kernel.id.PartnerClientId;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.kernel.id.UserId;
import dev.hoshi.testsupport.InternalTokens;
import dev.hoshi.testsupport.MutableClock;
import dev.hoshi.testsupport.ServiceTestProperties;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A partner client's webhooks against a real HTTP receiver: it registers its own endpoint, hears of the members that
 * granted it only what their scope shows (grant started, level and standing; no score at LEVEL_ONLY), nothing of
 * anyone else, and after a revocation only that the grant ended; a removed endpoint drops what was pending, keeps
 * its log and gets nothing more.
 */
// its own context (a movable clock): closed after the class rather than kept to the end of the run
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "hoshi.insights.webhooks.allow-loopback-http=true",
            "hoshi.insights.webhooks.send.initial-delay=PT1H",
            "hoshi.insights.grant-calendar.initial-delay=PT1H",
            "hoshi.insights.digest.schedule.initial-delay=PT1H",
            "hoshi.insights.webhooks.secret-key=AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="
        })
@Import(WebhookIT.MovableClock.class) // 2026-11-10T03:00:00Z, moved by the test
class PartnerWebhookIT {

    private static final String ALL = "[LEVEL_OR_STANDING_CHANGED, SCORE_CHANGED, GRANT_STARTED, GRANT_ENDED]";
    private static final String DELIVERIES =
            "query($id: ID!) { webhookDeliveries(webhookId: $id) {" + " id eventTypes status lastError payload } }";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ServiceTestProperties.register(registry);
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
    private final String partner = "bank-" + run;
    private final String member = "member-pw-" + run;
    private final String other = "other-pw-" + run;
    private final ConsentGrantId grant = ConsentGrantId.random();
    private final Map<String, Long> seqs = new HashMap<>();
    private final Receiver receiver = new Receiver();

    @AfterEach
    void stop() {
        receiver.close();
    }

    @Test
    void aPartnerHearsOnlyWhatItsGrantShowsAndAfterTheRevocationOnlyThatItEnded() throws Exception {
        registered(member);
        registered(other);
        Registered hook = register(partner);
        assertThat(hook.partnerClientId()).isEqualTo(partner);

        grant(member, grant, partner, ConsentScope.LEVEL_ONLY);
        grant(other, ConsentGrantId.random(), "insurer-" + run, ConsentScope.FULL_DETAIL); // another partner's
        List<JsonNode> log = awaitDeliveries(hook.id(), 1);
        assertThat(log.get(0).path("eventTypes").toString()).isEqualTo("[\"GRANT_STARTED\"]");

        LocalDate on = LocalDate.parse("2026-11-02");
        compliance(member, Statuses.twoStarsDeclared(on).sheet(18, on).event(member, on));
        compliance(other, Statuses.twoStarsDeclared(on).sheet(18, on).event(other, on));
        awaitDeliveries(hook.id(), 2);
        // the score alone moves: LEVEL_ONLY does not show it, so nothing is queued
        compliance(member, Statuses.twoStarsDeclared(on).sheet(20, on).event(member, on));
        compliance(other, Statuses.twoStarsDeclared(on).sheet(10, on).event(other, on));
        assertThat(sender.sendDue()).isEqualTo(2);

        assertThat(receiver.requests).hasSize(2);
        for (Request request : receiver.requests) {
            assertThat(WebhookVerifyExample.verify(
                            hook.secret(),
                            request.header("Hoshi-Signature"),
                            request.body(),
                            clock.instant().getEpochSecond()))
                    .isTrue();
            JsonNode body = json.readTree(request.body());
            assertThat(body.path("partnerClientId").asText()).isEqualTo(partner);
            assertThat(body.has("supportOrganizationId")).isFalse();
            assertThat(body.path("organizationId").asText())
                    .as("nothing of a member that did not grant it")
                    .isEqualTo(member);
            assertThat(body.path("scope").asText()).isEqualTo("LEVEL_ONLY");
            assertThat(body.path("score").isNull()).isTrue();
        }
        JsonNode started = sent("GRANT_STARTED");
        assertThat(started.path("level").asText()).isEqualTo("NONE");
        JsonNode declared = sent("LEVEL_OR_STANDING_CHANGED");
        assertThat(declared.path("level").asText()).isEqualTo("TWO_STARS_DECLARED");

        // a lapse queued, then the grant revoked before it is sent: the lapse is dropped, the end is told
        compliance(
                member,
                Statuses.twoStarsDeclared(on)
                        .sheet(20, on)
                        .lapsed(LapseReason.POLICY_NOT_PUBLISHED, on.plusDays(3))
                        .event(member, on.plusDays(3)));
        awaitDeliveries(hook.id(), 3);
        organization(
                member,
                new ConsentRevokedEvent(
                        grant,
                        TenantId.of(member),
                        Grantee.partnerClient(PartnerClientId.of(partner)),
                        ConsentScope.LEVEL_ONLY,
                        LocalDate.parse("2026-01-01"),
                        null,
                        LocalDate.parse("2026-11-10")));
        awaitDeliveries(hook.id(), 4);
        compliance(member, Statuses.oneStarDeclared(on).sheet(20, on).event(member, on.plusDays(4)));
        assertThat(sender.sendDue()).isEqualTo(1);

        assertThat(receiver.requests).hasSize(3);
        JsonNode ended = sent("GRANT_ENDED");
        assertThat(ended.path("organizationId").asText()).isEqualTo(member);
        assertThat(ended.has("level")).as("says nothing but that it ended").isFalse();
        assertThat(ended.has("name")).isFalse();
        log = deliveries(partner, hook.id());
        assertThat(log).as("nothing queued after the revocation").hasSize(4);
        assertThat(log.stream().map(d -> d.path("status").asText()).toList())
                .containsExactlyInAnyOrder("DELIVERED", "DROPPED", "DELIVERED", "DELIVERED");

        // strangers: another partner and a person find nothing
        String stranger = "stranger-" + run;
        graphQl(partnerToken(stranger))
                .document(DELIVERIES)
                .variable("id", hook.id())
                .execute()
                .path("webhookDeliveries")
                .valueIsNull();
        graphQl(partnerToken(stranger))
                .document("{ webhooks { id } }")
                .execute()
                .path("webhooks")
                .entityList(Object.class)
                .hasSize(0);
        graphQl(tokens.user("person-" + run, null))
                .document("{ webhooks { id } }")
                .execute()
                .path("webhooks")
                .valueIsNull();
    }

    @Test
    void removingAnEndpointDropsWhatIsPendingKeepsItsLogAndSendsNothingMore() {
        String owner = "lender-" + run;
        registered(member);
        Registered hook = register(owner);
        grant(member, grant, owner, ConsentScope.LEVEL_AND_SCORES);
        String pending = awaitDeliveries(owner, hook.id(), 1).get(0).path("id").asText();

        graphQl(partnerToken("stranger-" + run))
                .document("mutation($id: ID!) { removeWebhook(input: {webhookId: $id}) { webhook { id } } }")
                .variable("id", hook.id())
                .execute()
                .errors()
                .expect(e -> "NOT_FOUND".equals(e.getExtensions().get("code")))
                .verify();
        graphQl(partnerToken(owner))
                .document("mutation($id: ID!) { removeWebhook(input: {webhookId: $id}) {"
                        + " webhook { id removedAt } errors { code } } }")
                .variable("id", hook.id())
                .execute()
                .path("removeWebhook.webhook.removedAt")
                .entity(String.class)
                .isEqualTo("2026-11-10T03:00:00Z");

        LocalDate on = LocalDate.parse("2026-11-02");
        compliance(member, Statuses.twoStarsDeclared(on).sheet(18, on).event(member, on));
        assertThat(sender.sendDue()).isZero();
        assertThat(receiver.requests).isEmpty();
        List<JsonNode> log = deliveries(owner, hook.id());
        assertThat(log).as("the log stays; nothing new is queued").hasSize(1);
        assertThat(log.get(0).path("status").asText()).isEqualTo("DROPPED");
        assertThat(log.get(0).path("lastError").asText()).isEqualTo("endpoint removed");
        graphQl(partnerToken(owner))
                .document("{ webhooks { id } }")
                .execute()
                .path("webhooks")
                .entityList(Object.class)
                .hasSize(0);
        graphQl(partnerToken(owner))
                .document("mutation($id: ID!) { resendWebhookDelivery(input: {deliveryId: $id}) {"
                        + " delivery { id } errors { code } } }")
                .variable("id", pending)
                .execute()
                .path("resendWebhookDelivery.errors[0].code")
                .entity(String.class)
                .isEqualTo("WEBHOOK_REMOVED");
        assertThat(sender.sendDue()).isZero();
        assertThat(receiver.requests).isEmpty();
    }

    /** The one request the receiver got of that event type. */
    private JsonNode sent(String eventType) throws Exception {
        JsonNode found = null;
        for (Request request : receiver.requests) {
            JsonNode body = json.readTree(request.body());
            if (body.path("eventTypes").toString().equals("[\"" + eventType + "\"]")) {
                assertThat(found).as("one " + eventType).isNull();
                found = body;
            }
        }
        assertThat(found).as(eventType).isNotNull();
        return found;
    }

    // ---- directory's and compliance's events

    private void registered(String organization) {
        organization(
                organization,
                new OrganizationRegisteredEvent(
                        TenantId.of(organization), "株式会社" + organization, null, null, UserId.of("o-" + organization)));
    }

    private void grant(String organization, ConsentGrantId id, String to, ConsentScope scope) {
        organization(
                organization,
                new ConsentGrantedEvent(
                        id,
                        TenantId.of(organization),
                        Grantee.partnerClient(PartnerClientId.of(to)),
                        scope,
                        LocalDate.parse("2026-01-01"),
                        null));
    }

    private void organization(String organization, Object event) {
        publish(organization, "Organization", organization, event);
    }

    private void compliance(String organization, Object event) {
        publish(organization, "SecurityAction", "security-action:" + organization, event);
    }

    private void publish(String organization, String type, String aggregate, Object event) {
        long seq = seqs.merge(aggregate, 1L, Long::sum) - 1;
        CurrentContext.runWith(
                RequestContext.forTenant(TenantId.of(organization), Actor.user("o-" + organization)),
                () -> eventStore.publish(new GenericDomainEventMessage<>(type, aggregate, seq, event)));
    }

    // ---- the partner's side, over GraphQL

    record Registered(String id, String secret, String partnerClientId) {}

    private Registered register(String owner) {
        HttpGraphQlTester.Response response = graphQl(partnerToken(owner))
                .document("mutation($input: RegisterWebhookInput!) { registerWebhook(input: $input) {"
                        + " webhook { id partnerClientId supportOrganizationId } secret errors { code } } }")
                .variable(
                        "input",
                        Map.of(
                                "url",
                                receiver.url(),
                                "eventTypes",
                                List.of(ALL.substring(1, ALL.length() - 1).split(", "))))
                .execute();
        response.path("registerWebhook.errors").entityList(Object.class).hasSize(0);
        response.path("registerWebhook.webhook.supportOrganizationId").valueIsNull();
        return new Registered(
                response.path("registerWebhook.webhook.id").entity(String.class).get(),
                response.path("registerWebhook.secret").entity(String.class).get(),
                response.path("registerWebhook.webhook.partnerClientId")
                        .entity(String.class)
                        .get());
    }

    private List<JsonNode> awaitDeliveries(String hook, int count) {
        return awaitDeliveries(partner, hook, count);
    }

    private List<JsonNode> awaitDeliveries(String owner, String hook, int count) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> deliveries(owner, hook).size() >= count);
        List<JsonNode> found = deliveries(owner, hook);
        assertThat(found).hasSize(count);
        return found;
    }

    private List<JsonNode> deliveries(String owner, String hook) {
        List<?> found = graphQl(partnerToken(owner))
                .document(DELIVERIES)
                .variable("id", hook)
                .execute()
                .path("webhookDeliveries")
                .entityList(Object.class)
                .get();
        return found.stream().map(json::<JsonNode>valueToTree).toList();
    }

    private String partnerToken(String id) {
        return tokens.token(id, "PARTNER_CLIENT:" + id, null, List.of(), InternalTokens.ISSUER, Duration.ofSeconds(60));
    }

    private HttpGraphQlTester graphQl(String token) {
        return WebhookIT.graphQl(port, token);
    }
}
