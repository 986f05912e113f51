package dev.hoshi.compliance;

import static dev.hoshi.compliance.ComplianceTestSupport.sheet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hoshi.directory.api.consent.ConsentGrantId;
import dev.hoshi.directory.api.consent.ConsentGrantedEvent;
import dev.hoshi.directory.api.consent.ConsentRevokedEvent;
import dev.hoshi.directory.api.consent.ConsentScope;
import dev.hoshi.directory.api.consent.ConsentScopeChangedEvent;
import dev.hoshi.directory.api.consent.Grantee;
import dev.hoshi.directory.api.support.SupportOrganizationAnalystAddedEvent;
import dev.hoshi.directory.api.support.SupportOrganizationAnalystRemovedEvent;
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
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Analysts and partners see a member only under an active consent grant, only at its scope, and it is logged. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DisclosureIT {

    /** A loaded machine (a full build beside other work) can take seconds to answer. */
    private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(30);

    private static final String MEMBER =
            """
            query($id: ID!) { memberStatus(organizationId: $id) {
                name scope level score band answers { item answer } controls { controlId } } }""";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ServiceTestProperties.register(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    EventStore eventStore;

    private final LocalDate today = BusinessTime.today(Clock.systemUTC());

    @Test
    void aGrantOpensTheRecordAtItsScopeUntilItIsRevokedAndEveryReadIsLogged() {
        String org = ComplianceTestSupport.directoryRegisters(eventStore, "株式会社佐藤製作所", "demo-sato");
        String association = "assoc-" + System.nanoTime();
        String otherAssociation = "other-" + System.nanoTime();
        publish(
                association,
                0,
                new SupportOrganizationRegisteredEvent(
                        SupportOrganizationId.of(association),
                        "工業会",
                        null,
                        SupportOrganizationKind.INDUSTRY_ASSOCIATION,
                        UserId.of("analyst-" + association)));
        publish(
                otherAssociation,
                0,
                new SupportOrganizationRegisteredEvent(
                        SupportOrganizationId.of(otherAssociation),
                        "別の会",
                        null,
                        SupportOrganizationKind.CHAMBER_OF_COMMERCE,
                        UserId.of("analyst-" + otherAssociation)));
        ConsentGrantId grant = ConsentGrantId.random();
        Grantee grantee = Grantee.supportOrganization(SupportOrganizationId.of(association));
        publish(
                org,
                1,
                new ConsentGrantedEvent(grant, TenantId.of(org), grantee, ConsentScope.LEVEL_ONLY, today, null));
        publish(
                org,
                2,
                new ConsentGrantedEvent(
                        ConsentGrantId.random(),
                        TenantId.of(org),
                        Grantee.partnerClient(PartnerClientId.of("bank-x")),
                        ConsentScope.LEVEL_AND_SCORES,
                        today,
                        null));

        HttpGraphQlTester owner = ComplianceTestSupport.as(port, "demo-sato", org);
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> owner.document(
                        "{ organizationStatus { level } }")
                .execute()
                .path("organizationStatus.level")
                .entity(String.class)
                .isEqualTo("NONE"));
        owner.document(
                        "mutation { commitToFiveArticles(input: {articles: [\"A1\",\"A2\",\"A3\",\"A4\",\"A5\"]}) { errors { code } } }")
                .execute()
                .path("commitToFiveArticles.errors")
                .entityList(Object.class)
                .hasSize(0);
        owner.document(
                        "mutation($input: SubmitSelfAssessmentInput!) { submitSelfAssessment(input: $input) { errors { code } } }")
                .variable(
                        "input",
                        Map.of(
                                "answers",
                                sheet("PARTLY").entrySet().stream()
                                        .map(e -> Map.of("item", e.getKey(), "answer", e.getValue()))
                                        .toList()))
                .execute()
                .path("submitSelfAssessment.errors")
                .entityList(Object.class)
                .hasSize(0);

        HttpGraphQlTester analyst = user("analyst-" + association);
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> analyst.document(MEMBER)
                .variable("id", org)
                .execute()
                .path("memberStatus.scope")
                .entity(String.class)
                .isEqualTo("LEVEL_ONLY"));
        analyst.document(MEMBER)
                .variable("id", org)
                .execute()
                .path("memberStatus.level")
                .entity(String.class)
                .isEqualTo("NONE")
                .path("memberStatus.score")
                .valueIsNull()
                .path("memberStatus.answers")
                .valueIsNull();

        // the dashboard document follows the sheet a moment later
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> partner("bank-x")
                .document(MEMBER)
                .variable("id", org)
                .execute()
                .path("memberStatus.score")
                .entity(Integer.class)
                .isEqualTo(50));
        partner("bank-x")
                .document(MEMBER)
                .variable("id", org)
                .execute()
                .path("memberStatus.score")
                .entity(Integer.class)
                .isEqualTo(50)
                .path("memberStatus.band")
                .entity(String.class)
                .isEqualTo("NOT_THOROUGH")
                .path("memberStatus.answers")
                .valueIsNull();
        partner("bank-y")
                .document(MEMBER)
                .variable("id", org)
                .execute()
                .path("memberStatus")
                .valueIsNull();
        user("analyst-" + otherAssociation)
                .document(MEMBER)
                .variable("id", org)
                .execute()
                .path("memberStatus")
                .valueIsNull();
        user("demo-suzuki")
                .document(MEMBER)
                .variable("id", org)
                .execute()
                .path("memberStatus")
                .valueIsNull();

        publish(
                org,
                3,
                new ConsentScopeChangedEvent(
                        grant,
                        TenantId.of(org),
                        grantee,
                        ConsentScope.LEVEL_ONLY,
                        ConsentScope.FULL_DETAIL,
                        today,
                        null));
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> analyst.document(MEMBER)
                .variable("id", org)
                .execute()
                .path("memberStatus.answers[0].answer")
                .entity(String.class)
                .isEqualTo("PARTLY"));
        analyst.document(MEMBER)
                .variable("id", org)
                .execute()
                .path("memberStatus.controls")
                .entityList(Object.class)
                .hasSizeGreaterThan(10);

        publish(
                org,
                4,
                new ConsentRevokedEvent(
                        grant, TenantId.of(org), grantee, ConsentScope.FULL_DETAIL, today, null, today));
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> analyst.document(MEMBER)
                .variable("id", org)
                .execute()
                .path("memberStatus")
                .valueIsNull());

        List<String> viewers = owner.document("{ accessLog { at viewer scope } }")
                .execute()
                .path("accessLog[*].viewer")
                .entityList(String.class)
                .get();
        assertThat(viewers)
                .contains("USER:analyst-" + association, "PARTNER_CLIENT:bank-x")
                .doesNotContain("USER:analyst-" + otherAssociation, "PARTNER_CLIENT:bank-y");
        // paged: two entries at a time, the next page before the last entry's at, until the log is exhausted
        List<String> paged = new java.util.ArrayList<>();
        String before = null;
        for (int page = 0; page <= viewers.size(); page++) {
            List<java.util.Map<String, Object>> entries = owner.document(
                            "query($b: String) { accessLog(first: 2, before: $b) { at viewer } }")
                    .variable("b", before)
                    .execute()
                    .path("accessLog")
                    .entityList(
                            new org.springframework.core.ParameterizedTypeReference<java.util.Map<String, Object>>() {})
                    .get();
            if (entries.isEmpty()) {
                break;
            }
            entries.forEach(e -> paged.add((String) e.get("viewer")));
            before = (String) entries.get(entries.size() - 1).get("at");
        }
        assertThat(paged).containsExactlyElementsOf(viewers);
        owner.document("{ accessLog(first: 0) { viewer } }")
                .execute()
                .errors()
                .expect(e -> "INVALID_FIRST".equals(e.getExtensions().get("code")))
                .verify();
        owner.document("{ accessLog(before: \"yesterday\") { viewer } }")
                .execute()
                .errors()
                .expect(e -> "INVALID_BEFORE".equals(e.getExtensions().get("code")))
                .verify();
        user("analyst-" + association)
                .document("{ accessLog { viewer } }")
                .execute()
                .errors()
                .expect(e -> "ORGANIZATION_REQUIRED".equals(e.getExtensions().get("code")))
                .verify();
    }

    @Test
    void aRemovedAnalystFindsTheMemberMissingWhileTheOtherAnalystStillSeesIt() {
        String org = ComplianceTestSupport.directoryRegisters(eventStore, "株式会社田中工業", "owner-" + System.nanoTime());
        String association = "assoc-removal-" + System.nanoTime();
        SupportOrganizationId support = SupportOrganizationId.of(association);
        String first = "analyst-first-" + association;
        String removed = "analyst-removed-" + association;
        publish(
                association,
                0,
                new SupportOrganizationRegisteredEvent(
                        support, "工業会", null, SupportOrganizationKind.INDUSTRY_ASSOCIATION, UserId.of(first)));
        publish(association, 1, new SupportOrganizationAnalystAddedEvent(support, UserId.of(removed)));
        publish(
                org,
                1,
                new ConsentGrantedEvent(
                        ConsentGrantId.random(),
                        TenantId.of(org),
                        Grantee.supportOrganization(support),
                        ConsentScope.LEVEL_ONLY,
                        today,
                        null));
        String scope = "query($id: ID!) { memberStatus(organizationId: $id) { scope } }";
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> user(removed)
                .document(scope)
                .variable("id", org)
                .execute()
                .path("memberStatus.scope")
                .entity(String.class)
                .isEqualTo("LEVEL_ONLY"));

        publish(association, 2, new SupportOrganizationAnalystRemovedEvent(support, UserId.of(removed)));

        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> user(removed)
                .document(scope)
                .variable("id", org)
                .execute()
                .path("memberStatus")
                .valueIsNull());
        user(first)
                .document(scope)
                .variable("id", org)
                .execute()
                .path("memberStatus.scope")
                .entity(String.class)
                .isEqualTo("LEVEL_ONLY");
    }

    private void publish(String aggregate, long seq, Object event) {
        CurrentContext.runWith(
                RequestContext.withoutTenant(Actor.user("directory-test")),
                () -> eventStore.publish(new GenericDomainEventMessage<>("Directory", aggregate, seq, event)));
    }

    private HttpGraphQlTester user(String subject) {
        return ComplianceTestSupport.as(port, subject, null);
    }

    private HttpGraphQlTester partner(String clientId) {
        String token = InternalTokens.shared()
                .token(
                        "partner:" + clientId,
                        "PARTNER_CLIENT:" + clientId,
                        null,
                        List.of(),
                        InternalTokens.ISSUER,
                        Duration.ofSeconds(60));
        return HttpGraphQlTester.builder(WebTestClient.bindToServer()
                        .responseTimeout(RESPONSE_TIMEOUT)
                        .baseUrl("http://localhost:" + port + "/graphql")
                        .defaultHeader("Authorization", "Bearer " + token))
                .responseTimeout(RESPONSE_TIMEOUT)
                .build();
    }
}
