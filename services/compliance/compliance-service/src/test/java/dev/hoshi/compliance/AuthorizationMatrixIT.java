package dev.hoshi.compliance;

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
import dev.hoshi.kernel.context.Actor;
import dev.hoshi.kernel.context.CurrentContext;
import dev.hoshi.kernel.context.RequestContext;
import dev.hoshi.kernel.id.PartnerClientId;
import dev.hoshi.kernel.id.SupportOrganizationId;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.kernel.id.UserId;
import dev.hoshi.kernel.time.BusinessTime;
import dev.hoshi.testsupport.InternalTokens;
import dev.hoshi.testsupport.ServiceTestProperties;
import dev.hoshi.testsupport.authz.AuthorizationMatrix;
import dev.hoshi.testsupport.authz.Credential;
import dev.hoshi.testsupport.authz.Persona;
import dev.hoshi.testsupport.authz.Rule;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.EnumSet;
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
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Every operation of compliance's schema against every persona (docs/compliance.md, "Access"; ARCHITECTURE.md,
 * "Tenancy and access"): an operation added to the schema without a row here fails {@link
 * #everyOperationOfTheSchemaHasARule()}.
 *
 * <p>The world is directory's events, published as directory would: organisation A (an owner, a viewer) and B (an
 * owner); support organisations S+ (A is a member and granted it LEVEL_AND_SCORES; the analyst persona was added after
 * its first analyst), S-revoked (granted, then revoked) and S- (A is a member, no grant); partner clients P+ (A granted
 * LEVEL_ONLY) and P- (nothing). Analysts and partners choose no organisation; they name the member in the arguments
 * where the schema has such an argument.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixIT {

    /** A loaded machine (a full build beside other work) can take seconds to answer. */
    private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(30);

    /** Anyone in the organisation they chose: owner, member or viewer. */
    private static final EnumSet<Persona> READERS = EnumSet.of(OWNER_A, VIEWER_A, OWNER_B);
    /** Owners and members of the organisation they chose; viewers only read. */
    private static final EnumSet<Persona> WRITERS = EnumSet.of(OWNER_A, OWNER_B);
    /** The organisation's owners: its whole record goes only to them. */
    private static final EnumSet<Persona> OWNERS = EnumSet.of(OWNER_A, OWNER_B);

    private static final String STATUS_PAYLOAD = "{ status { level } errors { code } }";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ServiceTestProperties.register(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    EventStore eventStore;

    @Autowired
    EventProcessingConfiguration processing;

    private final LocalDate today = BusinessTime.today(Clock.systemUTC());
    private AuthorizationMatrix matrix;
    private String orgA;
    private String ownerA;

    @BeforeAll
    void world() {
        String run = Long.toString(System.nanoTime());
        orgA = "org-a-" + run;
        String orgB = "org-b-" + run;
        ownerA = "owner-a-" + run;
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
        long seq = 2;
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
                seq++,
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
                seq++,
                new ConsentGrantedEvent(
                        revoked, TenantId.of(orgA), revokedGrantee, ConsentScope.LEVEL_AND_SCORES, today, null));
        organization(
                orgA,
                ownerA,
                seq++,
                new ConsentRevokedEvent(
                        revoked, TenantId.of(orgA), revokedGrantee, ConsentScope.LEVEL_AND_SCORES, today, null, today));
        organization(
                orgA,
                ownerA,
                seq,
                new ConsentGrantedEvent(
                        ConsentGrantId.random(),
                        TenantId.of(orgA),
                        Grantee.partnerClient(PartnerClientId.of(partnerGranted)),
                        ConsentScope.LEVEL_ONLY,
                        today,
                        null));

        matrix = AuthorizationMatrix.forService("compliance")
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
                .rules(rules(orgA));

        everyProjectionHasCaughtUp();
        for (String[] member :
                List.of(new String[] {ownerA, orgA}, new String[] {viewerA, orgA}, new String[] {ownerB, orgB})) {
            await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> ComplianceTestSupport.as(
                            port, member[0], member[1])
                    .document("{ organizationStatus { organizationId } }")
                    .execute()
                    .path("organizationStatus.organizationId")
                    .entity(String.class)
                    .isEqualTo(member[1]));
        }
    }

    /** The table: operation, a document calling it, who gets through. Everyone else must be denied. */
    private static List<Rule> rules(String orgA) {
        List<Map<String, String>> answers = ComplianceTestSupport.sheet("DONE").entrySet().stream()
                .map(e -> Map.of("item", e.getKey(), "answer", e.getValue()))
                .toList();
        return List.of(
                // ---- the organisation's own record (the organisation chosen in the token, its people)
                Rule.query("organizationStatus", "{ organizationStatus { organizationId name level } }")
                        .allow(READERS),
                Rule.query("selfAssessments", "{ selfAssessments { id score } }")
                        .allow(READERS),
                Rule.query("scoreHistory", "{ scoreHistory { id score } }").allow(READERS),
                Rule.query("timeline", "{ timeline { event actor } }").allow(READERS),

                // ---- from outside: an active grant, at its scope; the organisation's log of such reads
                Rule.query(
                                "memberStatus",
                                "query($id: ID!) { memberStatus(organizationId: $id) { organizationId scope level } }")
                        .variable("id", orgA)
                        .allow(ANALYST_WITH_GRANT, PARTNER_WITH_GRANT),
                Rule.query("accessLog", "{ accessLog { at viewer scope } }").allow(READERS),
                Rule.query("riskRegister", "{ riskRegister { organizationId summary { notAssessed } } }")
                        .allow(READERS),
                Rule.query("incidentReadiness", "{ incidentReadiness { organizationId overdueSteps } }")
                        .allow(READERS),
                Rule.query("managementChecklist", "{ managementChecklist { organizationId confirmed total } }")
                        .allow(READERS),
                Rule.query("organizationRecordExport", "{ organizationRecordExport { fileName events sha256 } }")
                        .allow(OWNERS),
                // ---- the guideline's content: the same for everyone signed in, nobody else
                Rule.query("guideline", "{ guideline { edition items { id } } }")
                        .allow(EnumSet.complementOf(EnumSet.of(ANONYMOUS))),

                // ---- changes: owners and members of the chosen organisation
                Rule.mutation(
                                "commitToFiveArticles",
                                "mutation { commitToFiveArticles(input: {articles: [\"A1\", \"A2\"]}) " + STATUS_PAYLOAD
                                        + " }")
                        .allow(WRITERS),
                Rule.mutation(
                                "submitSelfAssessment",
                                "mutation($input: SubmitSelfAssessmentInput!) { submitSelfAssessment(input: $input)"
                                        + " { assessmentId errors { code } } }")
                        .variable("input", Map.of("answers", answers))
                        .allow(WRITERS),
                Rule.mutation(
                                "combineUnitAssessments",
                                "mutation { combineUnitAssessments(input: {units: [\"no-such-unit\"]}) "
                                        + STATUS_PAYLOAD + " }")
                        .allow(WRITERS),
                Rule.mutation("adoptBasicPolicy", "mutation { adoptBasicPolicy(input: {}) " + STATUS_PAYLOAD + " }")
                        .allow(WRITERS),
                Rule.mutation(
                                "publishBasicPolicy",
                                "mutation { publishBasicPolicy(input: {publicUrl: \"https://example.com/policy\"}) "
                                        + STATUS_PAYLOAD + " }")
                        .allow(WRITERS),
                Rule.mutation(
                                "withdrawBasicPolicy",
                                "mutation { withdrawBasicPolicy(input: {reason: \"matrix\"}) " + STATUS_PAYLOAD + " }")
                        .allow(WRITERS),
                Rule.mutation(
                                "recordDeclaration",
                                "mutation { recordDeclaration(input: {level: ONE_STAR, declarationId: \"51234567890\"}) "
                                        + STATUS_PAYLOAD + " }")
                        .allow(WRITERS),
                Rule.mutation(
                                "stopDeclaration",
                                "mutation { stopDeclaration(input: {reason: \"matrix\"}) " + STATUS_PAYLOAD + " }")
                        .allow(WRITERS),
                Rule.mutation(
                                "completeReview",
                                "mutation { completeReview(input: {kind: BASIC_POLICY}) " + STATUS_PAYLOAD + " }")
                        .allow(WRITERS),
                Rule.mutation(
                                "setReviewCadence",
                                "mutation { setReviewCadence(input: {months: 12}) " + STATUS_PAYLOAD + " }")
                        .allow(WRITERS),
                Rule.mutation(
                                "updateControlStatus",
                                "mutation { updateControlStatus(input: {controlId: \"C01-01\", status: PLANNED})"
                                        + " { controlId status errors { code } } }")
                        .allow(WRITERS),
                Rule.mutation(
                                "recordAsset",
                                "mutation { recordAsset(input: {assetId: \"matrix\", asset: {name: \"名簿\","
                                        + " confidentiality: 1, integrity: 1, availability: 1}}) { assetId errors { code } } }")
                        .allow(WRITERS),
                Rule.mutation(
                                "assessRisk",
                                "mutation { assessRisk(input: {assetId: \"no-such-asset\", threat: 1, vulnerability: 1,"
                                        + " treatment: \"ACCEPT\"}) { assetId errors { code } } }")
                        .allow(WRITERS),
                Rule.mutation(
                                "removeAsset",
                                "mutation { removeAsset(input: {assetId: \"no-such-asset\"}) { assetId errors { code } } }")
                        .allow(WRITERS),
                Rule.mutation(
                                "confirmKeyAction",
                                "mutation { confirmKeyAction(input: {actionId: \"K1\"}) { checklist { confirmed }"
                                        + " errors { code } } }")
                        .allow(WRITERS),
                Rule.mutation(
                                "withdrawKeyAction",
                                "mutation { withdrawKeyAction(input: {actionId: \"K2\"}) { errors { code } } }")
                        .allow(WRITERS),
                Rule.mutation(
                                "setIncidentContact",
                                "mutation { setIncidentContact(input: {contactId: \"police\", kind: \"POLICE\", name:"
                                        + " \"警察\"}) { errors { code } } }")
                        .allow(WRITERS),
                Rule.mutation(
                                "removeIncidentContact",
                                "mutation { removeIncidentContact(contactId: \"no-such-contact\") { errors { code } } }")
                        .allow(WRITERS),
                Rule.mutation(
                                "recordIncident",
                                "mutation { recordIncident(input: {incidentId: \"matrix-drill\", title: \"訓練\", drill:"
                                        + " true}) { errors { code } } }")
                        .allow(WRITERS),
                Rule.mutation(
                                "completeIncidentPhase",
                                "mutation { completeIncidentPhase(input: {incidentId: \"no-such-incident\"}) { errors {"
                                        + " code } } }")
                        .allow(WRITERS),
                // ---- operators' maintenance: a name no projection has, so the operator's call changes nothing
                Rule.mutation(
                                "rebuildProjection",
                                "mutation { rebuildProjection(name: \"no-such-projection\")"
                                        + " { projection { processingGroup } errors { code } } }")
                        .allow(OPERATOR));
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

    /**
     * Not a persona of the matrix, but its first rule: who is in an organisation is a person (actor {@code USER}). A
     * partner client whose id happens to be a member's user id (operators choose partner ids; subjects come from the
     * sign-in provider) and that chooses the organisation (the gateway passes {@code X-Hoshi-Organization} on for any
     * caller) must still be no one there.
     */
    @Test
    void aPartnerClientNamedLikeAMemberIsNotThatMember() {
        HttpGraphQlTester impostor = HttpGraphQlTester.builder(WebTestClient.bindToServer()
                        .responseTimeout(RESPONSE_TIMEOUT)
                        .baseUrl("http://localhost:" + port + "/graphql")
                        .defaultHeader(
                                "Authorization",
                                "Bearer "
                                        + InternalTokens.shared()
                                                .token(
                                                        "partner:" + ownerA,
                                                        "PARTNER_CLIENT:" + ownerA,
                                                        orgA,
                                                        List.of(),
                                                        InternalTokens.ISSUER,
                                                        Duration.ofSeconds(60))))
                .responseTimeout(RESPONSE_TIMEOUT)
                .build();

        impostor.document("{ organizationStatus { organizationId } }")
                .execute()
                .path("organizationStatus")
                .valueIsNull();
        impostor.document("mutation { setReviewCadence(input: {months: 6}) { errors { code } } }")
                .execute()
                .errors()
                .expect(e -> "NOT_FOUND".equals(e.getExtensions().get("code")))
                .verify();
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

    /**
     * Waits until every streaming processor has handled every event stored so far, so that whatever compliance
     * projects from directory's events (people, analysts, grants, revocations) is in place before the matrix runs.
     */
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
