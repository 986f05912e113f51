package dev.hoshi.compliance;

import static dev.hoshi.compliance.ComplianceTestSupport.as;
import static dev.hoshi.compliance.ComplianceTestSupport.sheet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hoshi.kernel.time.BusinessTime;
import dev.hoshi.testsupport.ServiceTestProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** An SME's way from nothing to ★, ★★, a lapse and back, over GraphQL, with history answered as of any date. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SecurityActionJourneyIT {

    private static final String STATUS =
            """
            query($asOf: String) { organizationStatus(asOf: $asOf) {
                name level standing lapseReason lapsedOn eligibleLevel missingForNextStar articlesCommitted declarationId
                latestAssessment { score band completedOn partScores { part score } followUps }
                policy { adopted published publicUrl } reviews { kind dueOn overdue } } }""";
    private static final String PAYLOAD =
            "{ status { level standing lapseReason lapsedOn eligibleLevel missingForNextStar } assessmentId errors { code"
                    + " message messageJa } }";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ServiceTestProperties.register(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    EventStore eventStore;

    private final LocalDate today = BusinessTime.today(Clock.systemUTC());
    private String org;
    private HttpGraphQlTester owner;

    @BeforeEach
    void anOrganisationDirectoryRegistered() {
        org = ComplianceTestSupport.directoryRegisters(eventStore, "株式会社佐藤製作所", "demo-sato");
        owner = as(port, "demo-sato", org);
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> owner.document(STATUS)
                .execute()
                .path("organizationStatus.level")
                .entity(String.class)
                .isEqualTo("NONE"));
    }

    @Test
    void aDeclarationIdOfAnUnreportedFormatIsRecordedWithAWarning() {
        mutate("commitToFiveArticles", "{articles: [\"A1\",\"A2\",\"A3\",\"A4\",\"A5\"]}");
        String selection = "{ status { level } errors { code } warnings { code messageJa field } }";
        mutate("recordDeclaration", "{level: ONE_STAR, declarationId: \"61234567890\"}", selection)
                .path("recordDeclaration.errors")
                .entityList(Object.class)
                .hasSize(0)
                .path("recordDeclaration.status.level")
                .entity(String.class)
                .isEqualTo("ONE_STAR")
                .path("recordDeclaration.warnings[0].code")
                .entity(String.class)
                .isEqualTo("UNRECOGNISED_DECLARATION_ID")
                .path("recordDeclaration.warnings[0].field")
                .entity(String.class)
                .isEqualTo("declarationId")
                .path("recordDeclaration.warnings[0].messageJa")
                .entity(String.class)
                .satisfies(m -> assertThat(m).contains("未確認"));
        mutate("recordDeclaration", "{level: ONE_STAR, declarationId: \"51234567890\"}", selection)
                .path("recordDeclaration.warnings")
                .entityList(Object.class)
                .hasSize(0);
    }

    @Test
    void fromNothingToOneStarToTwoStarsThroughALapseAndBackWithHistoryAsOfAnyDate() {
        mutate(
                        "commitToFiveArticles",
                        "{articles: [\"A1\",\"A2\",\"A3\",\"A4\",\"A5\"], effectiveOn: \"" + daysAgo(300) + "\"}")
                .path("commitToFiveArticles.status.eligibleLevel")
                .entity(String.class)
                .isEqualTo("ONE_STAR")
                .path("commitToFiveArticles.status.missingForNextStar")
                .entityList(String.class)
                .containsExactly("DECLARATION");
        mutate(
                        "recordDeclaration",
                        "{level: ONE_STAR, declarationId: \"51234567890\", effectiveOn: \"" + daysAgo(290) + "\"}")
                .path("recordDeclaration.status.level")
                .entity(String.class)
                .isEqualTo("ONE_STAR")
                .path("recordDeclaration.status.missingForNextStar")
                .entityList(String.class)
                .containsExactly("SELF_ASSESSMENT_WITHIN_REVIEW_PERIOD", "POLICY_ADOPTED", "POLICY_PUBLISHED");

        // ★★ refused while something is missing, and the refusal says what
        mutate("recordDeclaration", "{level: TWO_STARS, declarationId: \"51234567890\"}")
                .path("recordDeclaration.errors[0].code")
                .entity(String.class)
                .isEqualTo("TWO_STARS_NOT_ELIGIBLE")
                .path("recordDeclaration.errors[0].message")
                .entity(String.class)
                .satisfies(m -> assertThat(m).contains("POLICY_ADOPTED"));

        Map<String, String> answers = sheet("DONE");
        answers.put("Q11", "NOT_DONE");
        answers.put("Q24", "PARTLY");
        answers.put("Q5", "UNKNOWN");
        owner.document("mutation($input: SubmitSelfAssessmentInput!) { submitSelfAssessment(input: $input) " + PAYLOAD
                        + " }")
                .variable(
                        "input",
                        Map.of(
                                "answers",
                                asInput(answers),
                                "completedOn",
                                daysAgo(200).toString()))
                .execute()
                .path("submitSelfAssessment.errors")
                .entityList(Object.class)
                .hasSize(0)
                .path("submitSelfAssessment.assessmentId")
                .hasValue();
        mutate("adoptBasicPolicy", "{effectiveOn: \"" + daysAgo(180) + "\"}");
        mutate(
                        "publishBasicPolicy",
                        "{publicUrl: \"https://sato.example.jp/security-policy\", effectiveOn: \"" + daysAgo(179)
                                + "\"}")
                .path("publishBasicPolicy.status.eligibleLevel")
                .entity(String.class)
                .isEqualTo("TWO_STARS");
        mutate(
                        "recordDeclaration",
                        "{level: TWO_STARS, declarationId: \"51234567890\", effectiveOn: \"" + daysAgo(170) + "\"}")
                .path("recordDeclaration.status.level")
                .entity(String.class)
                .isEqualTo("TWO_STARS");

        // IPA's declaration has no expiry: withdrawing the policy leaves ★★ declared, and Hoshi's standing says why
        // it no longer holds
        mutate("withdrawBasicPolicy", "{reason: \"being rewritten\", effectiveOn: \"" + daysAgo(100) + "\"}")
                .path("withdrawBasicPolicy.status.level")
                .entity(String.class)
                .isEqualTo("TWO_STARS")
                .path("withdrawBasicPolicy.status.standing")
                .entity(String.class)
                .isEqualTo("PREREQUISITES_LAPSED")
                .path("withdrawBasicPolicy.status.lapseReason")
                .entity(String.class)
                .isEqualTo("POLICY_WITHDRAWN")
                .path("withdrawBasicPolicy.status.lapsedOn")
                .entity(String.class)
                .isEqualTo(daysAgo(100).toString())
                .path("withdrawBasicPolicy.status.missingForNextStar")
                .entityList(String.class)
                .containsExactly("POLICY_ADOPTED", "POLICY_PUBLISHED");

        mutate("adoptBasicPolicy", "{effectiveOn: \"" + daysAgo(50) + "\"}")
                .path("adoptBasicPolicy.status.lapseReason")
                .entity(String.class)
                .isEqualTo("POLICY_NOT_PUBLISHED");
        mutate(
                        "publishBasicPolicy",
                        "{publicUrl: \"https://sato.example.jp/security-policy-v2\", effectiveOn: \"" + daysAgo(49)
                                + "\"}")
                .path("publishBasicPolicy.status.level")
                .entity(String.class)
                .isEqualTo("TWO_STARS")
                .path("publishBasicPolicy.status.standing")
                .entity(String.class)
                .isEqualTo("GOOD");
        mutate("recordDeclaration", "{level: TWO_STARS, declarationId: \"51234567890\"}")
                .path("recordDeclaration.errors[0].code")
                .entity(String.class)
                .isEqualTo("ALREADY_DECLARED");

        // as things stood on four dates
        asOf(daysAgo(250))
                .path("organizationStatus.level")
                .entity(String.class)
                .isEqualTo("ONE_STAR")
                .path("organizationStatus.latestAssessment")
                .valueIsNull()
                .path("organizationStatus.policy.adopted")
                .entity(Boolean.class)
                .isEqualTo(false);
        asOf(daysAgo(150))
                .path("organizationStatus.level")
                .entity(String.class)
                .isEqualTo("TWO_STARS")
                .path("organizationStatus.latestAssessment.score")
                .entity(Integer.class)
                .isEqualTo(100 - 4 - 2 - 5)
                .path("organizationStatus.latestAssessment.band")
                .entity(String.class)
                .isEqualTo("WEAK_SPOTS")
                .path("organizationStatus.latestAssessment.followUps")
                .entityList(String.class)
                .containsExactly("Q5")
                .path("organizationStatus.policy.publicUrl")
                .entity(String.class)
                .isEqualTo("https://sato.example.jp/security-policy");
        asOf(daysAgo(70))
                .path("organizationStatus.level")
                .entity(String.class)
                .isEqualTo("TWO_STARS")
                .path("organizationStatus.standing")
                .entity(String.class)
                .isEqualTo("PREREQUISITES_LAPSED")
                .path("organizationStatus.policy.adopted")
                .entity(Boolean.class)
                .isEqualTo(false)
                .path("organizationStatus.missingForNextStar")
                .entityList(String.class)
                .containsExactly("POLICY_ADOPTED", "POLICY_PUBLISHED");
        asOf(today)
                .path("organizationStatus.level")
                .entity(String.class)
                .isEqualTo("TWO_STARS")
                .path("organizationStatus.standing")
                .entity(String.class)
                .isEqualTo("GOOD")
                .path("organizationStatus.policy.publicUrl")
                .entity(String.class)
                .isEqualTo("https://sato.example.jp/security-policy-v2");

        // the dashboard document catches up, and the timeline shows who, when recorded, when effective
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> owner.document(STATUS)
                .execute()
                .path("organizationStatus.policy.publicUrl")
                .entity(String.class)
                .isEqualTo("https://sato.example.jp/security-policy-v2"));
        List<Map<String, Object>> timeline = timeline();
        assertThat(timeline)
                .extracting(e -> e.get("event"))
                .containsSubsequence(
                        "FiveArticlesCommittedEvent",
                        "DeclarationRecordedEvent",
                        "SelfAssessmentSubmittedEvent",
                        "BasicPolicyAdoptedEvent",
                        "BasicPolicyPublishedEvent",
                        "DeclarationRecordedEvent",
                        "BasicPolicyWithdrawnEvent",
                        "SecurityActionStatusChangedEvent",
                        "BasicPolicyAdoptedEvent",
                        "BasicPolicyPublishedEvent",
                        "SecurityActionStatusChangedEvent");
        assertThat(timeline).allSatisfy(e -> {
            assertThat(e.get("actor")).isEqualTo("USER:demo-sato");
            assertThat(e.get("recordedAt").toString()).startsWith(String.valueOf(today.getYear()));
        });
        // the facts were backdated; Hoshi's conclusions are dated the day they were drawn
        assertThat(timeline)
                .filteredOn(e -> !"SecurityActionStatusChangedEvent".equals(e.get("event")))
                .allSatisfy(e -> assertThat(e.get("backdated")).isEqualTo(true));
        assertThat(timeline)
                .filteredOn(e -> "SecurityActionStatusChangedEvent".equals(e.get("event")))
                .filteredOn(e -> e.get("summaryEn").toString().contains("PREREQUISITES_LAPSED"))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.get("summaryEn").toString())
                            .contains("POLICY_WITHDRAWN", daysAgo(100).toString());
                    assertThat(e.get("summaryJa").toString()).contains("前提条件の失効");
                    assertThat(e.get("effectiveOn")).isEqualTo(today.toString());
                });
        owner.document("{ scoreHistory { score completedOn } }")
                .execute()
                .path("scoreHistory[*].score")
                .entityList(Integer.class)
                .containsExactly(89);
    }

    @Test
    void badInputGetsAClearErrorAndChangesNothing() {
        mutate("commitToFiveArticles", "{articles: [\"A1\",\"A2\",\"A3\",\"A4\",\"A5\"]}");
        int before = timeline().size();

        Map<String, String> unknownItem = sheet("DONE");
        unknownItem.put("Q26", "DONE");
        submit(unknownItem, null)
                .path("submitSelfAssessment.errors[0].code")
                .entity(String.class)
                .isEqualTo("INVALID_SELF_ASSESSMENT")
                .path("submitSelfAssessment.errors[0].message")
                .entity(String.class)
                .satisfies(m -> assertThat(m).contains("Q26"));
        Map<String, String> missing = sheet("DONE");
        missing.remove("Q12");
        submit(missing, null)
                .path("submitSelfAssessment.errors[0].message")
                .entity(String.class)
                .satisfies(m -> assertThat(m).contains("Q12"));
        submit(sheet("DONE"), today.plusDays(3).toString())
                .path("submitSelfAssessment.errors[0].code")
                .entity(String.class)
                .isEqualTo("DATE_IN_FUTURE");
        submit(sheet("DONE"), "2026-13-40")
                .path("submitSelfAssessment.errors[0].code")
                .entity(String.class)
                .isEqualTo("INVALID_EFFECTIVE_ON");
        mutate("adoptBasicPolicy", "{}");
        int afterAdoption = timeline().size();
        mutate("publishBasicPolicy", "{publicUrl: \"not a url\"}")
                .path("publishBasicPolicy.errors[0].code")
                .entity(String.class)
                .isEqualTo("INVALID_URL");
        mutate("recordDeclaration", "{level: ONE_STAR, declarationId: \"ID-123\"}")
                .path("recordDeclaration.errors[0].code")
                .entity(String.class)
                .isEqualTo("INVALID_DECLARATION_ID")
                .path("recordDeclaration.errors[0].messageJa")
                .entity(String.class)
                .satisfies(m -> assertThat(m).contains("自己宣言ID"));
        mutate("updateControlStatus", "{controlId: \"C99-99\", status: PLANNED}", "{ controlId errors { code } }")
                .path("updateControlStatus.errors[0].code")
                .entity(String.class)
                .isEqualTo("UNKNOWN_CONTROL");

        // the commitment and Hoshi's conclusion (★ eligible); the adoption changes no level, so no second conclusion
        assertThat(before).isEqualTo(2);
        assertThat(afterAdoption).isEqualTo(3);
        assertThat(timeline()).hasSize(3);
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyFieldOfTheDashboardReadsAsTheSchemaDeclaresIt() {
        mutate(
                "commitToFiveArticles",
                "{articles: [\"A1\",\"A2\",\"A3\",\"A4\",\"A5\"], effectiveOn: \"" + daysAgo(40) + "\"}");
        mutate(
                "recordDeclaration",
                "{level: ONE_STAR, declarationId: \"51234567890\", effectiveOn: \"" + daysAgo(39) + "\"}");
        Map<String, String> answers = sheet("DONE");
        answers.put("Q5", "UNKNOWN");
        submit(answers, daysAgo(30).toString())
                .path("submitSelfAssessment.errors")
                .entityList(Object.class)
                .hasSize(0);
        mutate("adoptBasicPolicy", "{effectiveOn: \"" + daysAgo(29) + "\"}");
        mutate(
                "publishBasicPolicy",
                "{publicUrl: \"https://sato.example.jp/policy\", effectiveOn: \"" + daysAgo(28) + "\"}");
        mutate(
                        "updateControlStatus",
                        "{controlId: \"C01-01\", status: IN_PROGRESS, owner: \"demo-sato\", dueOn: \""
                                + today.plusDays(30) + "\", evidenceUrl: \"https://sato.example.jp/evidence\","
                                + " evidenceNote: \"手順書 v2\", effectiveOn: \"" + daysAgo(5) + "\"}",
                        "{ controlId errors { code } }")
                .path("updateControlStatus.errors")
                .entityList(Object.class)
                .hasSize(0);
        String everything =
                """
                { organizationStatus { organizationId name asOf level declarationId declaredOn standing lapseReason
                    lapsedOn eligibleLevel missingForNextStar articlesCommitted reviewMonths
                    latestAssessment { id edition unit completedOn score band partScores { part score }
                        answers { item answer } followUps supersedes superseded }
                    policy { adopted published publicUrl } reviews { kind dueOn overdue }
                    controls { controlId status owner dueOn evidenceUrl evidenceNote justification effectiveOn }
                    keyActions { total } } }""";

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Map<String, Object> status = owner.document(everything)
                    .execute()
                    .path("organizationStatus")
                    .entity(Map.class)
                    .get();
            assertThat(status)
                    .containsEntry("organizationId", org)
                    .containsEntry("name", "株式会社佐藤製作所")
                    .containsEntry("asOf", today.toString())
                    .containsEntry("level", "ONE_STAR")
                    .containsEntry("declarationId", "51234567890")
                    .containsEntry("declaredOn", daysAgo(39).toString())
                    .containsEntry("standing", "GOOD")
                    .containsEntry("lapseReason", null)
                    .containsEntry("lapsedOn", null)
                    .containsEntry("eligibleLevel", "TWO_STARS")
                    .containsEntry("missingForNextStar", List.of("DECLARATION"))
                    .containsEntry("articlesCommitted", List.of("A1", "A2", "A3", "A4", "A5"))
                    .containsEntry("reviewMonths", 12)
                    .containsEntry(
                            "policy",
                            Map.of("adopted", true, "published", true, "publicUrl", "https://sato.example.jp/policy"));
            Map<String, Object> sheet = (Map<String, Object>) status.get("latestAssessment");
            assertThat(sheet)
                    .containsEntry("completedOn", daysAgo(30).toString())
                    .containsEntry("unit", null)
                    .containsEntry("followUps", List.of("Q5"))
                    .containsEntry("supersedes", null)
                    .containsEntry("superseded", false);
            assertThat(sheet.get("id")).isInstanceOf(String.class);
            assertThat(sheet)
                    .containsEntry("edition", "3.1")
                    .containsEntry("score", 95)
                    .containsEntry("band", "WEAK_SPOTS")
                    .containsEntry(
                            "partScores",
                            List.of(
                                    Map.of("part", 1, "score", 15),
                                    Map.of("part", 2, "score", 52),
                                    Map.of("part", 3, "score", 28)));
            assertThat((List<Map<String, Object>>) sheet.get("answers"))
                    .hasSize(25)
                    .first()
                    .isEqualTo(Map.of("item", "Q1", "answer", "DONE"));
            assertThat((List<Map<String, Object>>) status.get("reviews"))
                    .containsExactly(
                            Map.of(
                                    "kind",
                                    "SELF_ASSESSMENT",
                                    "dueOn",
                                    daysAgo(30).plusMonths(12).toString(),
                                    "overdue",
                                    false),
                            Map.of(
                                    "kind",
                                    "BASIC_POLICY",
                                    "dueOn",
                                    daysAgo(29).plusMonths(12).toString(),
                                    "overdue",
                                    false));
            List<Map<String, Object>> controls = (List<Map<String, Object>>) status.get("controls");
            assertThat(controls).hasSizeGreaterThan(1);
            assertThat(controls.stream().filter(c -> c.get("controlId").equals("C01-01")))
                    .singleElement()
                    .satisfies(control -> assertThat(control)
                            .containsEntry("status", "IN_PROGRESS")
                            .containsEntry("owner", "demo-sato")
                            .containsEntry("dueOn", today.plusDays(30).toString())
                            .containsEntry("evidenceUrl", "https://sato.example.jp/evidence")
                            .containsEntry("evidenceNote", "手順書 v2")
                            .containsEntry("justification", null)
                            .containsEntry("effectiveOn", daysAgo(5).toString()));
            assertThat((Map<String, Object>) status.get("keyActions")).containsEntry("total", 7);
        });
    }

    @Test
    void anotherOrganisationsMemberCanNeitherSeeNorChangeIt() {
        HttpGraphQlTester stranger = as(port, "demo-suzuki", org);
        stranger.document(STATUS).execute().path("organizationStatus").valueIsNull();
        stranger.document("mutation { adoptBasicPolicy(input: {}) { errors { code } } }")
                .execute()
                .errors()
                .expect(e -> "NOT_FOUND".equals(e.getExtensions().get("code")))
                .verify();
        stranger.document("{ timeline { event } }")
                .execute()
                .errors()
                .expect(e -> "NOT_FOUND".equals(e.getExtensions().get("code")))
                .verify();
        assertThat(timeline()).isEmpty();
    }

    // ------------------------------------------------------------------ helpers

    private GraphQlTester.Response mutate(String name, String input) {
        return mutate(name, input, PAYLOAD);
    }

    private GraphQlTester.Response mutate(String name, String input, String selection) {
        return owner.document("mutation { " + name + "(input: " + input + ") " + selection + " }")
                .execute();
    }

    private GraphQlTester.Response submit(Map<String, String> answers, String completedOn) {
        Map<String, Object> input = new java.util.HashMap<>(Map.of("answers", asInput(answers)));
        if (completedOn != null) {
            input.put("completedOn", completedOn);
        }
        return owner.document("mutation($input: SubmitSelfAssessmentInput!) { submitSelfAssessment(input: $input) "
                        + PAYLOAD + " }")
                .variable("input", input)
                .execute();
    }

    private GraphQlTester.Response asOf(LocalDate date) {
        return owner.document(STATUS).variable("asOf", date.toString()).execute();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> timeline() {
        return owner.document("{ timeline { event summaryEn summaryJa actor recordedAt effectiveOn backdated } }")
                .execute()
                .path("timeline")
                .entity(List.class)
                .get();
    }

    private static List<Map<String, String>> asInput(Map<String, String> answers) {
        return answers.entrySet().stream()
                .map(e -> Map.of("item", e.getKey(), "answer", e.getValue()))
                .toList();
    }

    private LocalDate daysAgo(int days) {
        return today.minusDays(days);
    }
}
