package dev.hoshi.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hoshi.directory.api.organization.OrganizationMemberAddedEvent;
import dev.hoshi.directory.api.organization.OrganizationMemberRemovedEvent;
import dev.hoshi.directory.api.organization.OrganizationRole;
import dev.hoshi.kernel.context.Actor;
import dev.hoshi.kernel.context.CurrentContext;
import dev.hoshi.kernel.context.RequestContext;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.kernel.id.UserId;
import dev.hoshi.testsupport.InternalTokens;
import dev.hoshi.testsupport.ServiceTestProperties;
import java.time.Duration;
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

/** Compliance learns organisations and their owners from directory's events, and shows each only to its members. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StatusGraphQlIT {

    /** A loaded machine (a full build beside other work) can take seconds to answer. */
    private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(30);

    private static final String STATUS = "{ organizationStatus { organizationId name level } }";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ServiceTestProperties.register(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    EventStore eventStore;

    private final InternalTokens tokens = InternalTokens.shared();

    @Test
    void anOwnerSeesTheStatusOfTheOrganisationDirectoryRegistered() {
        String org = directoryRegisters("株式会社佐藤製作所", "demo-sato");

        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> as(tokens.user("demo-sato", org))
                .document(STATUS)
                .execute()
                .path("organizationStatus.name")
                .entity(String.class)
                .isEqualTo("株式会社佐藤製作所")
                .path("organizationStatus.level")
                .entity(String.class)
                .isEqualTo("NONE"));
    }

    @Test
    void someoneElsesOrganisationLooksLikeNoOrganisationAtAll() {
        String org = directoryRegisters("鈴木商店", "demo-suzuki");
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> as(tokens.user(
                        "demo-suzuki", org))
                .document(STATUS)
                .execute()
                .path("organizationStatus")
                .hasValue());

        as(tokens.user("demo-sato", org))
                .document(STATUS)
                .execute()
                .path("organizationStatus")
                .valueIsNull();
        as(tokens.user("demo-sato", "no-such-org"))
                .document(STATUS)
                .execute()
                .path("organizationStatus")
                .valueIsNull();
    }

    @Test
    void theGuidelinesQuestionsAndAnswerChoicesAreThereInBothLanguagesForAnyoneSignedIn() {
        String document = "{ guideline { edition fiveArticles { id title { ja en } } items { id part title { ja en } }"
                + " answers { code points followUp label { ja en } } } }";
        var response = as(tokens.user("demo-sato", null)).document(document).execute();
        response.path("guideline.edition").entity(String.class).isEqualTo("3.1");
        response.path("guideline.items").entityList(Object.class).hasSize(25);
        response.path("guideline.items[0].id").entity(String.class).isEqualTo("Q1");
        response.path("guideline.items[0].title.ja").entity(String.class).isEqualTo("OS・ソフト最新化");
        response.path("guideline.items[0].title.en").entity(String.class).isEqualTo("OS and software up to date");
        response.path("guideline.fiveArticles").entityList(Object.class).hasSize(5);
        response.path("guideline.answers[*].code")
                .entityList(String.class)
                .containsExactly("DONE", "PARTLY", "NOT_DONE", "UNKNOWN");

        // the controls board's titles come from here: every chapter and control of the catalog, in both languages
        String chapters = "{ guideline { controlChapters { id title { ja en } controls { id title { ja en } provisional"
                + " items } } } }";
        var board = as(tokens.user("demo-sato", null)).document(chapters).execute();
        board.path("guideline.controlChapters").entityList(Object.class).hasSize(10);
        board.path("guideline.controlChapters[0].id").entity(String.class).isEqualTo("C01");
        board.path("guideline.controlChapters[0].title.ja").entity(String.class).isEqualTo("組織的対策");
        board.path("guideline.controlChapters[0].controls[0].id")
                .entity(String.class)
                .isEqualTo("C01-01");
        board.path("guideline.controlChapters[0].controls[0].title.en")
                .entity(String.class)
                .isEqualTo("Name who is responsible for security");
        board.path("guideline.controlChapters[0].controls[0].provisional")
                .entity(Boolean.class)
                .isEqualTo(true);
        board.path("guideline.controlChapters[0].controls[0].items")
                .entityList(String.class)
                .containsExactly("Q25");

        String cited = "{ guideline { citation { ja } source { publisher { ja } document { ja } edition url"
                + " adaptation { ja en } unconfirmed } wording { en } levels { level requiresAllFiveArticles requires }"
                + " reviews { selfAssessmentMonths policyMonths } declarationIdFormats { code unconfirmed } } }";
        var source = as(tokens.user("demo-sato", null)).document(cited).execute();
        source.path("guideline.source.document.ja").entity(String.class).isEqualTo("中小企業の情報セキュリティ対策ガイドライン");
        source.path("guideline.source.edition").entity(String.class).isEqualTo("3.1");
        source.path("guideline.source.url").entity(String.class).satisfies(u -> assertThat(u)
                .startsWith("https://www.ipa.go.jp/"));
        source.path("guideline.source.adaptation.ja").entity(String.class).satisfies(t -> assertThat(t)
                .endsWith("を基に作成"));
        source.path("guideline.source.unconfirmed").entityList(String.class).containsExactly("url");
        source.path("guideline.wording.en").entity(String.class).satisfies(t -> assertThat(t)
                .contains("Hoshi's translation"));
        source.path("guideline.levels[1].level").entity(String.class).isEqualTo("TWO_STARS");
        source.path("guideline.levels[1].requires")
                .entityList(String.class)
                .contains("SELF_ASSESSMENT_WITHIN_REVIEW_PERIOD", "POLICY_PUBLISHED");
        source.path("guideline.reviews.selfAssessmentMonths")
                .entity(Integer.class)
                .isEqualTo(12);
        source.path("guideline.declarationIdFormats[*].unconfirmed")
                .entityList(Boolean.class)
                .containsExactly(true, true);

        as(tokens.user("demo-sato", null))
                .document("{ guideline(edition: \"0.9\") { edition } }")
                .execute()
                .path("guideline")
                .valueIsNull();
    }

    @Test
    void withoutAChosenOrganisationTheCallerIsToldToChooseOne() {
        as(tokens.user("demo-sato", null))
                .document(STATUS)
                .execute()
                .errors()
                .expect(e -> "ORGANIZATION_REQUIRED".equals(e.getExtensions().get("code"))
                        && e.getMessage().contains("X-Hoshi-Organization"))
                .verify();
    }

    @Test
    void viewersReadButDoNotChangeAndSomeoneRemovedSeesNothing() {
        String org = directoryRegisters("閲覧テスト", "demo-owner");
        directory(
                org,
                1,
                new OrganizationMemberAddedEvent(TenantId.of(org), UserId.of("demo-viewer"), OrganizationRole.VIEWER));
        directory(
                org,
                2,
                new OrganizationMemberAddedEvent(TenantId.of(org), UserId.of("demo-member"), OrganizationRole.MEMBER));

        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> as(tokens.user(
                        "demo-viewer", org))
                .document(STATUS)
                .execute()
                .path("organizationStatus.level")
                .entity(String.class)
                .isEqualTo("NONE"));
        as(tokens.user("demo-viewer", org))
                .document("mutation { adoptBasicPolicy(input: {}) { errors { code } } }")
                .execute()
                .errors()
                .expect(e -> "FORBIDDEN".equals(e.getExtensions().get("code")))
                .verify();
        as(tokens.user("demo-member", org))
                .document("mutation { adoptBasicPolicy(input: {}) { errors { code } } }")
                .execute()
                .path("adoptBasicPolicy.errors")
                .entityList(Object.class)
                .hasSize(0);

        directory(
                org,
                3,
                new OrganizationMemberRemovedEvent(
                        TenantId.of(org), UserId.of("demo-viewer"), OrganizationRole.VIEWER));
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> as(tokens.user(
                        "demo-viewer", org))
                .document(STATUS)
                .execute()
                .path("organizationStatus")
                .valueIsNull());
    }

    private void directory(String org, long seq, Object event) {
        CurrentContext.runWith(
                RequestContext.withoutTenant(Actor.user("demo-owner")),
                () -> eventStore.publish(new GenericDomainEventMessage<>("Organization", org, seq, event)));
    }

    private String directoryRegisters(String name, String owner) {
        return ComplianceTestSupport.directoryRegisters(eventStore, name, owner);
    }

    private HttpGraphQlTester as(String token) {
        return HttpGraphQlTester.builder(WebTestClient.bindToServer()
                        .responseTimeout(RESPONSE_TIMEOUT)
                        .baseUrl("http://localhost:" + port + "/graphql")
                        .defaultHeader("Authorization", "Bearer " + token))
                .responseTimeout(RESPONSE_TIMEOUT)
                .build();
    }
}
