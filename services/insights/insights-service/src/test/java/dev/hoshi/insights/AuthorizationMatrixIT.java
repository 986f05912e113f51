package dev.hoshi.insights;

import static dev.hoshi.testsupport.authz.Persona.ANALYST_REVOKED;
import static dev.hoshi.testsupport.authz.Persona.ANALYST_WITHOUT_GRANT;
import static dev.hoshi.testsupport.authz.Persona.ANALYST_WITH_GRANT;
import static dev.hoshi.testsupport.authz.Persona.ANONYMOUS;
import static dev.hoshi.testsupport.authz.Persona.OPERATOR;
import static dev.hoshi.testsupport.authz.Persona.OWNER_A;
import static dev.hoshi.testsupport.authz.Persona.OWNER_B;
import static dev.hoshi.testsupport.authz.Persona.PARTNER_WITHOUT_GRANT;
import static dev.hoshi.testsupport.authz.Persona.PARTNER_WITH_GRANT;
import static dev.hoshi.testsupport.authz.Persona.VIEWER_A;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hoshi.directory.api.consent.ConsentGrantId;
import dev.hoshi.directory.api.consent.ConsentGrantedEvent;
import dev.hoshi.directory.api.consent.ConsentRevokedEvent;
import dev.hoshi.directory.api.consent.ConsentScope;
import dev.hoshi.directory.api.consent.Grantee;
import dev.hoshi.directory.api.organization.OrganizationMemberAddedEvent;
import dev.hoshi.directory.api.organization.OrganizationRegisteredEvent;
import dev.hoshi.directory.api.organization.OrganizationRole;
import dev.hoshi.directory.api.partner.PartnerClientRegisteredEvent;
import dev.hoshi.directory.api.support.MembershipAcceptedEvent;
import dev.hoshi.directory.api.support.MembershipParty;
import dev.hoshi.directory.api.support.MembershipProposedEvent;
import dev.hoshi.directory.api.support.SupportOrganizationAnalystAddedEvent;
import dev.hoshi.directory.api.support.SupportOrganizationKind;
import dev.hoshi.directory.api.support.SupportOrganizationRegisteredEvent;
import dev.hoshi.insights.rollup.subscription.MemberStatusChange;
import dev.hoshi.insights.webhook.WebhookEventType;
import dev.hoshi.insights.webhook.WebhookOutbox;
import dev.hoshi.insights.webhook.WebhookRegistry;
import dev.hoshi.kernel.context.Actor;
import dev.hoshi.kernel.context.CurrentContext;
import dev.hoshi.kernel.context.RequestContext;
import dev.hoshi.kernel.id.PartnerClientId;
import dev.hoshi.kernel.id.SupportOrganizationId;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.kernel.id.UserId;
import dev.hoshi.kernel.time.BusinessTime;
import dev.hoshi.testsupport.ServiceTestProperties;
import dev.hoshi.testsupport.authz.AuthorizationMatrix;
import dev.hoshi.testsupport.authz.Credential;
import dev.hoshi.testsupport.authz.Rule;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every operation of insights' schema against every persona: an operation added to the schema without a row here
 * fails {@link #everyOperationOfTheSchemaHasARule()}.
 *
 * <p>The world is directory's events, published as directory would, the same as compliance's matrix: organisation A
 * (an owner, a viewer) and B (an owner); support organisations S+ (granted by A; the analyst persona was added after
 * its first analyst), S-revoked (granted, then revoked) and S- (a member, no grant); partner clients P+ (granted by
 * A) and P- (nothing). Operations naming a support organisation name S+.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixIT {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ServiceTestProperties.register(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    EventStore eventStore;

    @Autowired
    WebhookRegistry webhooks;

    @Autowired
    WebhookOutbox webhookOutbox;

    @Autowired
    EventProcessingConfiguration processing;

    private final LocalDate today = BusinessTime.today(Clock.systemUTC());
    private AuthorizationMatrix matrix;

    @BeforeAll
    void world() {
        String run = Long.toString(System.nanoTime());
        String orgA = "org-a-" + run;
        String orgB = "org-b-" + run;
        String ownerA = "owner-a-" + run;
        String viewerA = "viewer-a-" + run;
        String ownerB = "owner-b-" + run;
        String analystWithGrant = "analyst-granted-" + run;
        String analystWithoutGrant = "analyst-ungranted-" + run;
        String analystRevoked = "analyst-revoked-" + run;
        String supportGranted = "support-granted-" + run;
        String supportRevoked = "support-revoked-" + run;
        String supportUngranted = "support-ungranted-" + run;
        String partnerGranted = "partner-granted-" + run;
        String partnerUngranted = "partner-ungranted-" + run;

        supportOrganization(supportGranted, "first-analyst-" + run);
        platform(
                "SupportOrganization",
                supportGranted,
                1,
                new SupportOrganizationAnalystAddedEvent(
                        SupportOrganizationId.of(supportGranted), UserId.of(analystWithGrant)));
        supportOrganization(supportRevoked, analystRevoked);
        supportOrganization(supportUngranted, analystWithoutGrant);
        platform(
                "PartnerClient",
                partnerGranted,
                0,
                new PartnerClientRegisteredEvent(PartnerClientId.of(partnerGranted), "テスト銀行"));
        platform(
                "PartnerClient",
                partnerUngranted,
                0,
                new PartnerClientRegisteredEvent(PartnerClientId.of(partnerUngranted), "別の銀行"));

        organization(
                orgA,
                ownerA,
                0,
                new OrganizationRegisteredEvent(TenantId.of(orgA), "株式会社A", null, null, UserId.of(ownerA)));
        organization(
                orgA,
                ownerA,
                1,
                new OrganizationMemberAddedEvent(TenantId.of(orgA), UserId.of(viewerA), OrganizationRole.VIEWER));
        organization(
                orgB,
                ownerB,
                0,
                new OrganizationRegisteredEvent(TenantId.of(orgB), "株式会社B", null, null, UserId.of(ownerB)));
        for (String support : List.of(supportGranted, supportRevoked, supportUngranted)) {
            long next = support.equals(supportGranted) ? 2 : 1;
            platform(
                    "SupportOrganization",
                    support,
                    next,
                    new MembershipProposedEvent(
                            SupportOrganizationId.of(support), TenantId.of(orgA), MembershipParty.ORGANIZATION));
            platform(
                    "SupportOrganization",
                    support,
                    next + 1,
                    new MembershipAcceptedEvent(
                            SupportOrganizationId.of(support),
                            TenantId.of(orgA),
                            MembershipParty.SUPPORT_ORGANIZATION));
        }
        Grantee granted = Grantee.supportOrganization(SupportOrganizationId.of(supportGranted));
        organization(
                orgA,
                ownerA,
                2,
                new ConsentGrantedEvent(
                        ConsentGrantId.random(),
                        TenantId.of(orgA),
                        granted,
                        ConsentScope.LEVEL_AND_SCORES,
                        today,
                        null));
        ConsentGrantId revoked = ConsentGrantId.random();
        Grantee revokedGrantee = Grantee.supportOrganization(SupportOrganizationId.of(supportRevoked));
        organization(
                orgA,
                ownerA,
                3,
                new ConsentGrantedEvent(
                        revoked, TenantId.of(orgA), revokedGrantee, ConsentScope.LEVEL_AND_SCORES, today, null));
        organization(
                orgA,
                ownerA,
                4,
                new ConsentRevokedEvent(
                        revoked, TenantId.of(orgA), revokedGrantee, ConsentScope.LEVEL_AND_SCORES, today, null, today));
        organization(
                orgA,
                ownerA,
                5,
                new ConsentGrantedEvent(
                        ConsentGrantId.random(),
                        TenantId.of(orgA),
                        Grantee.partnerClient(PartnerClientId.of(partnerGranted)),
                        ConsentScope.LEVEL_ONLY,
                        today,
                        null));

        matrix = AuthorizationMatrix.forService("insights")
                .endpoint("http://localhost:" + port + "/graphql")
                .persona(OWNER_A, Credential.user(ownerA, orgA))
                .persona(VIEWER_A, Credential.user(viewerA, orgA))
                .persona(OWNER_B, Credential.user(ownerB, orgB))
                .persona(ANALYST_WITH_GRANT, Credential.user(analystWithGrant, null))
                .persona(ANALYST_WITHOUT_GRANT, Credential.user(analystWithoutGrant, null))
                .persona(ANALYST_REVOKED, Credential.user(analystRevoked, null))
                .persona(PARTNER_WITH_GRANT, Credential.partnerClient(partnerGranted))
                .persona(PARTNER_WITHOUT_GRANT, Credential.partnerClient(partnerUngranted))
                .persona(OPERATOR, Credential.operator("operator"))
                .persona(ANONYMOUS, Credential.anonymous())
                .rules(rules(orgA, supportGranted))
                .rules(webhookRules(supportGranted, orgA));

        everyProjectionHasCaughtUp();
    }

    /** The table: operation, a document calling it, who gets through. Everyone else must be denied. */
    private static List<Rule> rules(String orgA, String supportGranted) {
        YearMonth now = YearMonth.now(BusinessTime.ZONE);
        return List.of(
                Rule.query(
                                "platformSummary",
                                "{ platformSummary { organizationCount supportOrganizationCount partnerClientCount } }")
                        .allow(OPERATOR),
                Rule.query("registeredOrganization", "query($id: ID!) { registeredOrganization(id: $id) { id name } }")
                        .variable("id", orgA)
                        .allow(OPERATOR)
                        .note("the schema says operators: an organisation's registration entry (id, name, date),"
                                + " which operators make; the organisation's own people are not offered it"),

                // ---- a support organisation's rollup (added while this matrix was written): its analysts only,
                // anyone else null, operators included (they see no tenant data by default); S+ is named
                Rule.query(
                                "supportOrganizationRollup",
                                "query($id: ID!) { supportOrganizationRollup(supportOrganizationId: $id)"
                                        + " { supportOrganizationId consentingMembers suppressed } }")
                        .variable("id", supportGranted)
                        .allow(ANALYST_WITH_GRANT),
                Rule.query(
                                "supportOrganizationRollupSeries",
                                "query($id: ID!, $from: String!, $to: String!) {"
                                        + " supportOrganizationRollupSeries(supportOrganizationId: $id, from: $from,"
                                        + " to: $to) { periods { period consentingMembers } } }")
                        .variable("id", supportGranted)
                        .variable("from", now.minusMonths(2).toString())
                        .variable("to", now.toString())
                        .allow(ANALYST_WITH_GRANT),

                // ---- added with the member list, the cohort benchmark and attestations
                Rule.query(
                                "supportOrganizationMembers",
                                "query($id: ID!) { supportOrganizationMembers(supportOrganizationId: $id)"
                                        + " { edges { cursor } pageInfo { hasNextPage } } }")
                        .variable("id", supportGranted)
                        .allow(ANALYST_WITH_GRANT),
                Rule.query(
                                "supportOrganizationMembersExport",
                                "query($id: ID!) { supportOrganizationMembersExport(supportOrganizationId: $id,"
                                        + " format: CSV) { fileName contentType } }")
                        .variable("id", supportGranted)
                        .allow(ANALYST_WITH_GRANT),
                // each organisation's own people see their own organisation beside its cohort
                Rule.query("cohortBenchmark", "{ cohortBenchmark { organizationId } }")
                        .allow(OWNER_A, VIEWER_A, OWNER_B),
                Rule.query(
                                "attestation",
                                "query($id: ID!) { attestation(organizationId: $id) { organizationId level } }")
                        .variable("id", orgA)
                        .allow(PARTNER_WITH_GRANT),
                // ---- live member changes, over WebSocket: the same people as the rollup; everyone else NOT_FOUND
                Rule.subscription(
                                "memberStatusChanged",
                                "subscription($id: ID!) { memberStatusChanged(supportOrganizationId: $id)"
                                        + " { organizationId level } }")
                        .variable("id", supportGranted)
                        .allow(ANALYST_WITH_GRANT),
                // public keys: anyone signed in may verify a statement
                Rule.query("attestationKeys", "{ attestationKeys }")
                        .allow(
                                OWNER_A,
                                VIEWER_A,
                                OWNER_B,
                                ANALYST_WITH_GRANT,
                                ANALYST_WITHOUT_GRANT,
                                ANALYST_REVOKED,
                                PARTNER_WITH_GRANT,
                                PARTNER_WITHOUT_GRANT,
                                OPERATOR),
                // ---- operators' maintenance: a name no projection has, so the operator's call changes nothing
                Rule.mutation(
                                "rebuildProjection",
                                "mutation { rebuildProjection(name: \"no-such-projection\")"
                                        + " { projection { processingGroup } errors { code } } }")
                        .allow(OPERATOR));
    }

    /**
     * Webhooks named by a support organisation's endpoint: its analysts only (a partner client's own endpoints are
     * checked in PartnerWebhookIT); an endpoint and a delivery made here to be asked about.
     */
    private List<Rule> webhookRules(String supportGranted, String orgA) {
        String hook = webhooks.register(
                        supportGranted, "https://hooks.example.jp/hoshi", List.of(WebhookEventType.SCORE_CHANGED))
                .webhook()
                .id();
        webhookOutbox.accept(new MemberStatusChange(
                supportGranted,
                orgA,
                "株式会社A",
                "LEVEL_AND_SCORES",
                "NONE",
                "NONE",
                "NOT_DECLARED",
                "NOT_DECLARED",
                null,
                null,
                60,
                java.time.Instant.now()));
        String delivery = webhooks.deliveries(hook, 1).get(0).id();
        String removable = webhooks.register(
                        supportGranted, "https://hooks.example.jp/old", List.of(WebhookEventType.GRANT_ENDED))
                .webhook()
                .id();
        return List.of(
                Rule.mutation(
                                "removeWebhook",
                                "mutation($id: ID!) { removeWebhook(input: {webhookId: $id})"
                                        + " { webhook { id removedAt } errors { code } } }")
                        .variable("id", removable)
                        .allow(ANALYST_WITH_GRANT),
                Rule.query("webhooks", "query($id: ID!) { webhooks(supportOrganizationId: $id) { id url } }")
                        .variable("id", supportGranted)
                        .allow(ANALYST_WITH_GRANT),
                Rule.query("webhookDeliveries", "query($id: ID!) { webhookDeliveries(webhookId: $id) { id status } }")
                        .variable("id", hook)
                        .allow(ANALYST_WITH_GRANT),
                Rule.mutation(
                                "registerWebhook",
                                "mutation($input: RegisterWebhookInput!) { registerWebhook(input: $input)"
                                        + " { webhook { id } errors { code } } }")
                        .variable(
                                "input",
                                Map.of(
                                        "supportOrganizationId",
                                        supportGranted,
                                        "url",
                                        "https://hooks.example.jp/other",
                                        "eventTypes",
                                        List.of("LEVEL_OR_STANDING_CHANGED")))
                        .allow(ANALYST_WITH_GRANT),
                Rule.mutation(
                                "resendWebhookDelivery",
                                "mutation($id: ID!) { resendWebhookDelivery(input: {deliveryId: $id})"
                                        + " { delivery { id } errors { code } } }")
                        .variable("id", delivery)
                        .allow(ANALYST_WITH_GRANT));
    }

    @Test
    void everyOperationOfTheSchemaHasARule() {
        matrix.assertEveryOperationHasARule();
    }

    @Test
    void everyPersonaGetsExactlyWhatItsRuleAllowsAlsoWhenAliased() {
        matrix.run().assertAsExpected();
    }

    @Test
    void batchedRequestsLetNothingThrough() {
        matrix.assertBatchingLetsNothingThrough();
    }

    // ---- playing directory

    private void supportOrganization(String id, String analyst) {
        platform(
                "SupportOrganization",
                id,
                0,
                new SupportOrganizationRegisteredEvent(
                        SupportOrganizationId.of(id),
                        "工業会 " + id,
                        null,
                        SupportOrganizationKind.INDUSTRY_ASSOCIATION,
                        UserId.of(analyst)));
    }

    /** An event of directory's platform-level aggregates (support organisations, partner clients), by an operator. */
    private void platform(String type, String aggregateId, long seq, Object event) {
        CurrentContext.runWith(
                RequestContext.withoutTenant(Actor.user("operator")),
                () -> eventStore.publish(new GenericDomainEventMessage<>(type, aggregateId, seq, event)));
    }

    /** An event of an organisation, by its owner, for that tenant. */
    private void organization(String org, String owner, long seq, Object event) {
        CurrentContext.runWith(
                RequestContext.forTenant(TenantId.of(org), Actor.user(owner)),
                () -> eventStore.publish(new GenericDomainEventMessage<>("Organization", org, seq, event)));
    }

    /** Waits until every streaming processor has handled every event stored so far. */
    private void everyProjectionHasCaughtUp() {
        TrackingToken head = eventStore.createHeadToken();
        long headPosition = head == null ? -1 : head.position().orElse(-1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<StreamingEventProcessor> processors = processing.eventProcessors().values().stream()
                    .filter(StreamingEventProcessor.class::isInstance)
                    .map(StreamingEventProcessor.class::cast)
                    .toList();
            assertThat(processors).isNotEmpty();
            for (StreamingEventProcessor processor : processors) {
                assertThat(processor.processingStatus().values())
                        .as(processor.getName())
                        .isNotEmpty()
                        .allSatisfy(
                                status -> assertThat(status.getCurrentPosition().orElse(-1))
                                        .isGreaterThanOrEqualTo(headPosition));
            }
        });
    }
}
