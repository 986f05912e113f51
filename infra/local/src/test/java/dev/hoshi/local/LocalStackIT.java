package dev.hoshi.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.hoshi.testsupport.personal.RawGrep;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runnable system end to end, as {@code infra/start.sh} runs it: the real jars as separate JVMs on the embedded
 * store, seeded through the gateway with demo tokens.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalStackIT {

    @TempDir
    static Path data;

    static LocalStack.Config config;
    static LocalStack stack;
    static DemoData demo;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void start() throws Exception {
        config = LocalStackFixture.config(data);
        demo = new DemoData(config.gatewayUrl());
        stack = LocalStackFixture.startSeeded(config, demo);
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(0)
    void everyPartStartsFromItsClassDataArchiveAndTheJvmAcceptsIt() throws Exception {
        // an archive the JVM refuses (e.g. trained under another class path) only says so in a warning and costs the
        // whole speed-up silently; the local runner turns sharing on unless HOSHI_CLASS_DATA_SHARING=false
        assertThat(ClassDataSharing.enabled(System.getenv()))
                .as("this suite runs with class-data sharing on")
                .isTrue();
        for (String part : List.of("directory", "compliance", "insights", "gateway")) {
            String log = Files.readString(data.resolve("logs").resolve(part + ".log"));
            assertThat(log).as(part).contains("/target/cds/").doesNotContain("Unable to use shared archive");
        }
    }

    @Test
    @Order(1)
    void theDemoDataIsSeededAndEveryPersonaGetsAToken() throws Exception {
        JsonNode personas =
                json.readTree(get(config.gatewayUrl() + "/demo/personas", null).body());
        List<String> names = new ArrayList<>();
        (personas.isArray() ? personas : personas.path("personas"))
                .forEach(p -> names.add(p.path("name").asText()));
        assertThat(names).contains("sato", "suzuki", "yamada", "kato", "tanaka", "bank", "operator");
        for (String persona : names) {
            assertThat(demo.token(persona)).as(persona).isNotBlank();
        }

        JsonNode orgs = demo.graphql("directory", demo.token("operator"), null, "{ organizations { id } }", Map.of());
        assertThat(ids(orgs.path("organizations"))).contains("sato-seisakusho", "suzuki-shoten", "yamada-insatsu");
        JsonNode supporters = demo.graphql(
                "directory", demo.token("operator"), null, "{ supportOrganizations { id members } }", Map.of());
        assertThat(supporters
                        .path("supportOrganizations")
                        .get(0)
                        .path("members")
                        .toString())
                .contains("sato-seisakusho", "yamada-insatsu", "kato-kogyo");

        // the association's analyst sees its six consenting members together, above the disclosure threshold. Wait
        // on the member list, not on the rollup: a rollup read while the demo is still being projected would show
        // a smaller group first, and a size one away from one already shown stays suppressed (docs/insights.md)
        String list = "{ supportOrganizationMembers(supportOrganizationId: \"tokyo-machinery\", first: 100) {"
                + " edges { node { organizationId score } } } }";
        eventually(() -> {
            JsonNode edges = demo.graphql("insights", demo.token("tanaka"), null, list, Map.of())
                    .path("supportOrganizationMembers")
                    .path("edges");
            long scored = 0;
            for (JsonNode edge : edges) {
                scored += edge.path("node").path("score").isNumber() ? 1 : 0;
            }
            return scored >= 6 ? edges : com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        });
        String rollup = "{ supportOrganizationRollup(supportOrganizationId: \"tokyo-machinery\") {"
                + " consentingMembers suppressed levels { twoStarsEligible } scores { members suppressed }"
                + " items { suppressed } } }";
        JsonNode figures = demo.graphql("insights", demo.token("tanaka"), null, rollup, Map.of())
                .path("supportOrganizationRollup");
        assertThat(figures.path("consentingMembers").asInt()).isEqualTo(6);
        assertThat(figures.path("suppressed").asBoolean()).isFalse();
        assertThat(figures.path("scores").path("suppressed").asBoolean()).isFalse();
        assertThat(figures.path("items").path("suppressed").asBoolean()).isFalse();
        // and the bank may attest Sato's status
        JsonNode attestation = eventually(() -> demo.graphql(
                        "insights",
                        demo.token("bank"),
                        null,
                        "{ attestation(organizationId: \"sato-seisakusho\") { level scope statement } }",
                        Map.of())
                .path("attestation"));
        assertThat(attestation.path("scope").asText()).isEqualTo("LEVEL_AND_SCORES");
    }

    @Test
    @Order(2)
    void anOrganisationRegisteredInDirectoryShowsUpInComplianceAndInsightsThroughTheGateway() throws Exception {
        String operator = demo.token("operator");
        registerOrganization(operator, "e2e-kobayashi", "小林工業株式会社", "demo-suzuki");

        JsonNode inDirectory = eventually(() -> demo.graphql(
                        "directory", operator, null, "{ organization(id: \"e2e-kobayashi\") { name owner } }", Map.of())
                .path("organization"));
        assertThat(inDirectory.path("name").asText()).isEqualTo("小林工業株式会社");

        String owner = demo.token("suzuki");
        JsonNode inCompliance = eventually(() -> demo.graphql(
                        "compliance", owner, "e2e-kobayashi", "{ organizationStatus { name level } }", Map.of())
                .path("organizationStatus"));
        assertThat(inCompliance.path("name").asText()).isEqualTo("小林工業株式会社");
        assertThat(inCompliance.path("level").asText()).isEqualTo("NONE");

        JsonNode inInsights = eventually(() -> demo.graphql(
                        "insights",
                        operator,
                        null,
                        "{ registeredOrganization(id: \"e2e-kobayashi\") { name } }",
                        Map.of())
                .path("registeredOrganization"));
        assertThat(inInsights.path("name").asText()).isEqualTo("小林工業株式会社");

        // another SME's owner asking for it sees nothing at all
        assertThat(demo.graphql(
                                "compliance",
                                demo.token("sato"),
                                "e2e-kobayashi",
                                "{ organizationStatus { name } }",
                                Map.of())
                        .path("organizationStatus")
                        .isNull())
                .isTrue();
    }

    @Test
    @Order(3)
    void anSmesOwnDashboardAndItsAssociationsRollupAgreeAfterEveryStepOfItsJourney() throws Exception {
        String owner = demo.token("suzuki");
        String org = "e2e-kobayashi";
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Tokyo"));
        DemoData.Compliance suzuki = demo.new Compliance("suzuki", org, today);
        suzuki.awaitKnown();
        // the association's analyst follows it at full detail
        demo.graphql(
                "directory",
                demo.token("operator"),
                null,
                "mutation($input: RecordMembershipInput!) { recordMembership(input: $input) { errors { code } } }",
                Map.of("input", Map.of("supportOrganizationId", "tokyo-machinery", "organizationId", org)));
        eventually(() -> {
            try {
                return demo.graphql(
                                "directory",
                                owner,
                                org,
                                "mutation { grantConsent(input: {granteeKind: SUPPORT_ORGANIZATION,"
                                        + " granteeId: \"tokyo-machinery\", scope: FULL_DETAIL}) { grantId } }",
                                Map.of())
                        .path("grantConsent")
                        .path("grantId");
            } catch (IllegalStateException notYetAMember) {
                return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
            }
        });

        suzuki.run(
                "commitToFiveArticles", "{articles: [\"A1\",\"A2\",\"A3\",\"A4\",\"A5\"], effectiveOn: \"%s\"}", 200);
        agree(org, "NONE", "NOT_DECLARED", null);
        suzuki.run("recordDeclaration", "{level: ONE_STAR, declarationId: \"51000000033\", effectiveOn: \"%s\"}", 190);
        agree(org, "ONE_STAR", "GOOD", null);
        String first = suzuki.submit(DemoData.sheet(20, 3, 2, 0), 150);
        agree(org, "ONE_STAR", "GOOD", 86);
        suzuki.run("adoptBasicPolicy", "{effectiveOn: \"%s\"}", 140);
        suzuki.run(
                "publishBasicPolicy", "{publicUrl: \"https://kobayashi.example.jp/policy\", effectiveOn: \"%s\"}", 139);
        agree(org, "ONE_STAR", "GOOD", 86);
        suzuki.run("recordDeclaration", "{level: TWO_STARS, declarationId: \"51000000033\", effectiveOn: \"%s\"}", 130);
        agree(org, "TWO_STARS", "GOOD", 86);
        // adopting the policy anew: in force, not yet published, so ★★'s prerequisites lapse (declared all along)
        suzuki.run("adoptBasicPolicy", "{effectiveOn: \"%s\"}", 90);
        agree(org, "TWO_STARS", "PREREQUISITES_LAPSED", 86);
        suzuki.run(
                "publishBasicPolicy",
                "{publicUrl: \"https://kobayashi.example.jp/policy-v2\", effectiveOn: \"%s\"}",
                89);
        agree(org, "TWO_STARS", "GOOD", 86);
        // a correction supersedes the first sheet: its score is the one that counts everywhere
        suzuki.submitCorrection(DemoData.sheet(15, 5, 5, 0), 148, first);
        agree(org, "TWO_STARS", "GOOD", 70);
        suzuki.run("withdrawBasicPolicy", "{reason: \"rewriting\", effectiveOn: \"%s\"}", 60);
        agree(org, "TWO_STARS", "PREREQUISITES_LAPSED", 70);
        suzuki.run("adoptBasicPolicy", "{effectiveOn: \"%s\"}", 30);
        suzuki.run(
                "publishBasicPolicy",
                "{publicUrl: \"https://kobayashi.example.jp/policy-v3\", effectiveOn: \"%s\"}",
                29);
        agree(org, "TWO_STARS", "GOOD", 70);

        String status = "query($asOf: String) { organizationStatus(asOf: $asOf) { level standing } }";
        Map<Integer, String> expected = Map.of(
                170, "ONE_STAR/GOOD", 100, "TWO_STARS/GOOD", 45, "TWO_STARS/PREREQUISITES_LAPSED", 0, "TWO_STARS/GOOD");
        for (Map.Entry<Integer, String> point : expected.entrySet()) {
            JsonNode answer = demo.graphql(
                            "compliance",
                            owner,
                            org,
                            status,
                            Map.of("asOf", today.minusDays(point.getKey()).toString()))
                    .path("organizationStatus");
            assertThat(answer.path("level").asText() + "/"
                            + answer.path("standing").asText())
                    .as("%d days ago", point.getKey())
                    .isEqualTo(point.getValue());
        }

        JsonNode timeline = demo.graphql(
                        "compliance",
                        owner,
                        org,
                        "{ timeline { event actor effectiveOn backdated summaryEn } }",
                        Map.of())
                .path("timeline");
        List<String> events = new ArrayList<>();
        timeline.forEach(e -> events.add(e.path("event").asText()));
        assertThat(events)
                .containsSubsequence(
                        "DeclarationRecordedEvent",
                        "BasicPolicyWithdrawnEvent",
                        "SecurityActionStatusChangedEvent",
                        "BasicPolicyPublishedEvent",
                        "SecurityActionStatusChangedEvent");
        timeline.forEach(e -> assertThat(e.path("actor").asText()).isEqualTo("USER:demo-suzuki"));

        // the seeded SMEs stand at different stages
        JsonNode sato = demo.graphql(
                "compliance",
                demo.token("sato"),
                "sato-seisakusho",
                "{ organizationStatus { level standing latestAssessment { score } } scoreHistory { score } }",
                Map.of());
        assertThat(sato.path("organizationStatus").path("level").asText()).isEqualTo("TWO_STARS");
        assertThat(sato.path("organizationStatus").path("standing").asText()).isEqualTo("GOOD");
        assertThat(sato.path("scoreHistory").size()).isEqualTo(2);
        JsonNode yamada = eventually(() -> {
            JsonNode s = demo.graphql(
                            "compliance",
                            demo.token("yamada"),
                            "yamada-insatsu",
                            "{ organizationStatus { level standing lapseReason } }",
                            Map.of())
                    .path("organizationStatus");
            return s.path("standing").asText().equals("PREREQUISITES_LAPSED")
                    ? s
                    : com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        });
        assertThat(yamada.path("level").asText())
                .as("declared with IPA, which has no expiry")
                .isEqualTo("TWO_STARS");
        assertThat(yamada.path("lapseReason").asText())
                .as("its yearly self-assessment slipped")
                .isEqualTo("ASSESSMENT_EXPIRED");
    }

    /**
     * Waits until the member's own dashboard shows the step's outcome, then until the association's member list shows
     * the same: declared level, standing, lapse reason, score, and the level bucket those make.
     */
    private void agree(String org, String declared, String standing, Integer score) throws Exception {
        JsonNode own = eventually(() -> {
            JsonNode s = demo.graphql(
                            "compliance",
                            demo.token("suzuki"),
                            org,
                            "{ organizationStatus { level standing lapseReason eligibleLevel latestAssessment { score } } }",
                            Map.of())
                    .path("organizationStatus");
            boolean shows = s.path("level").asText().equals(declared)
                    && s.path("standing").asText().equals(standing)
                    && (score == null
                            ? s.path("latestAssessment").isNull()
                            : s.path("latestAssessment").path("score").asInt() == score);
            return shows ? s : com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        });
        String bucket = declared.equals("TWO_STARS")
                ? "TWO_STARS_DECLARED"
                : own.path("eligibleLevel").asText().equals("TWO_STARS")
                        ? "TWO_STARS_ELIGIBLE"
                        : declared.equals("ONE_STAR")
                                ? "ONE_STAR_DECLARED"
                                : own.path("eligibleLevel").asText().equals("ONE_STAR") ? "ONE_STAR_ELIGIBLE" : "NONE";
        String list = "{ supportOrganizationMembers(supportOrganizationId: \"tokyo-machinery\", first: 100) {"
                + " edges { node { organizationId level declaredLevel standing lapseReason score } } } }";
        JsonNode row = eventually(() -> {
            for (JsonNode edge : demo.graphql("insights", demo.token("tanaka"), null, list, Map.of())
                    .path("supportOrganizationMembers")
                    .path("edges")) {
                JsonNode n = edge.path("node");
                if (n.path("organizationId").asText().equals(org)
                        && Objects.equals(text(n.path("declaredLevel")), text(own.path("level")))
                        && Objects.equals(text(n.path("standing")), text(own.path("standing")))
                        && Objects.equals(text(n.path("lapseReason")), text(own.path("lapseReason")))
                        && Objects.equals(text(n.path("level")), bucket)
                        && Objects.equals(
                                text(n.path("score")),
                                text(own.path("latestAssessment").path("score")))) {
                    return n;
                }
            }
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        });
        assertThat(row.path("declaredLevel").asText()).isEqualTo(declared);
    }

    /** A value as text; null for JSON null or a field that is not there. */
    private static String text(JsonNode node) {
        return node.isNull() || node.isMissingNode() ? null : node.asText();
    }

    @Test
    @Order(9)
    void threeHundredSheetsAndThreeHundredControlUpdatesOnOneOrganisationAllSucceed() throws Exception {
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Tokyo"));
        DemoData.Compliance suzuki = demo.new Compliance("suzuki", "e2e-kobayashi", today);
        List<String> controls = List.of("C01-01", "C02-01", "C03-01", "C04-01", "C05-01");
        List<String> statuses = List.of("PLANNED", "IN_PROGRESS", "IMPLEMENTED");
        for (int i = 0; i < 300; i++) {
            suzuki.submit(DemoData.sheet(25 - i % 10, i % 10, 0, 0), i % 20);
            suzuki.run(
                    "updateControlStatus",
                    "{controlId: \"" + controls.get(i % controls.size()) + "\", status: " + statuses.get(i % 3)
                            + ", effectiveOn: \"%s\"}",
                    0);
        }
        JsonNode sheets = demo.graphql(
                "compliance", demo.token("suzuki"), "e2e-kobayashi", "{ selfAssessments { id } }", Map.of());
        assertThat(sheets.path("selfAssessments").size()).isGreaterThanOrEqualTo(300);
        suzuki.run("completeReview", "{kind: BASIC_POLICY, effectiveOn: \"%s\"}", 0);
    }

    @Test
    @Order(4)
    void aPartnerPortalWithAnApiKeySeesOnlyWhatAnOrganisationGrantedIt() throws Exception {
        String operator = demo.token("operator");
        String apiKey = demo.graphql(
                        "directory",
                        operator,
                        null,
                        "mutation { issuePartnerClientKey(input: {partnerClientId: \"bank-demo\"}) { apiKey errors { code } } }",
                        Map.of())
                .path("issuePartnerClientKey")
                .path("apiKey")
                .asText();
        String memberStatus =
                "{\"query\":\"{ memberStatus(organizationId: \\\"e2e-kobayashi\\\") { level scope score } }\"}";

        // once directory has the key (and the gateway's 5-second memory of a miss has passed) the portal gets in;
        // with no grant yet the organisation looks missing to it
        JsonNode before = eventually(() -> {
            HttpResponse<String> response =
                    postWithKey(config.gatewayUrl() + "/compliance/graphql", apiKey, memberStatus);
            return response.statusCode() == 200
                    ? json.readTree(response.body()).path("data")
                    : com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        });
        assertThat(before.path("memberStatus").isNull()).isTrue();

        demo.graphql(
                "directory",
                demo.token("suzuki"),
                "e2e-kobayashi",
                "mutation { grantConsent(input: {granteeKind: PARTNER_CLIENT, granteeId: \"bank-demo\", scope: LEVEL_ONLY}) { errors { code message } } }",
                Map.of());
        JsonNode seen = eventually(
                () -> json.readTree(postWithKey(config.gatewayUrl() + "/compliance/graphql", apiKey, memberStatus)
                                .body())
                        .path("data")
                        .path("memberStatus"));
        assertThat(seen.path("level").asText()).isEqualTo("TWO_STARS");
        assertThat(seen.path("scope").asText()).isEqualTo("LEVEL_ONLY");
        assertThat(seen.path("score").isNull())
                .as("scores are beyond a level-only grant")
                .isTrue();

        assertThat(postWithKey(config.gatewayUrl() + "/compliance/graphql", apiKey + "x", memberStatus)
                        .statusCode())
                .as("a wrong key")
                .isEqualTo(401);
        JsonNode log = demo.graphql(
                "compliance", demo.token("suzuki"), "e2e-kobayashi", "{ accessLog { viewer scope } }", Map.of());
        assertThat(log.path("accessLog").toString()).contains("PARTNER_CLIENT:bank-demo");
    }

    private HttpResponse<String> postWithKey(String url, String apiKey, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", "application/json")
                        .header("X-Api-Key", apiKey)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @Order(5)
    void onlyTheGatewaysTokenOpensAService() throws Exception {
        String query = "{\"query\":\"{ organizations { id } }\"}";
        String directoryDirect = "http://127.0.0.1:" + config.directoryPort() + "/graphql";
        String viaGateway = config.gatewayUrl() + "/directory/graphql";
        String demoToken = demo.token("operator");

        assertThat(post(viaGateway, null, query).statusCode()).as("no token").isEqualTo(401);
        assertThat(post(viaGateway, "not-a-jwt", query).statusCode())
                .as("garbage")
                .isEqualTo(401);
        assertThat(post(viaGateway, forged(demoToken), query).statusCode())
                .as("forged")
                .isEqualTo(401);
        assertThat(post(directoryDirect, demoToken, query).statusCode())
                .as("straight to the service with a demo token")
                .isEqualTo(401);
        assertThat(post(directoryDirect, null, query).statusCode())
                .as("straight, no token")
                .isEqualTo(401);
        assertThat(post(viaGateway, demoToken, query).statusCode())
                .as("through the gateway")
                .isEqualTo(200);
    }

    @Test
    @Order(5)
    void theDemosOverdueReviewAndLapsedTwoStarsReachYamadasOwnerInTheMailCatcher() throws Exception {
        String page = stack.mailPageUrl().orElseThrow();
        JsonNode shown = eventually(() -> {
            String html = get(page, null).body();
            return html.contains("【Hoshi】山田印刷株式会社：自社診断（情報セキュリティ自社診断）の再実施の期限を過ぎました")
                            && html.contains("【Hoshi】山田印刷株式会社：二つ星の前提条件が満たされなくなりました")
                    ? json.getNodeFactory().textNode(html)
                    : com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        });
        assertThat(shown.asText())
                .contains("To: yamada@demo.hoshi.example")
                .contains(config.gatewayUrl() + "/app/orgs/yamada-insatsu");
    }

    @Test
    @Order(6)
    void aSecondStartReusesTheDataAndTheFirstLeavesNoProcessBehind() throws Exception {
        // the attestation key set is public through the gateway, and the same after the restart
        HttpResponse<String> keysBefore =
                get(config.gatewayUrl() + "/insights/.well-known/attestation-keys.json", null);
        assertThat(keysBefore.statusCode()).isEqualTo(200);
        assertThat(json.readTree(keysBefore.body())
                        .path("keys")
                        .get(0)
                        .path("kid")
                        .asText())
                .isNotBlank();
        List<ProcessHandle> children = stack.processes();
        stack.close();
        assertThat(children).noneMatch(ProcessHandle::isAlive);
        assertThatThrownBy(() -> get(config.gatewayUrl() + "/actuator/health", null))
                .isInstanceOf(IOException.class);

        stack = LocalStack.start(config, line -> System.out.println("[local, again] " + line));
        assertThat(demo.isSeeded()).isTrue();
        JsonNode orgs = demo.graphql("directory", demo.token("operator"), null, "{ organizations { id } }", Map.of());
        assertThat(ids(orgs.path("organizations")))
                .contains("sato-seisakusho", "e2e-kobayashi")
                .doesNotHaveDuplicates();
        assertThat(get(config.gatewayUrl() + "/insights/.well-known/attestation-keys.json", null)
                        .body())
                .as("the key made on the first start signs after the second")
                .isEqualTo(keysBefore.body());
    }

    /**
     * Erasure across the services (crypto-shredding, docs/eventstore.md "Personal data in events"): the association's
     * analyst, who also owns an organisation here, acts in directory (its people), compliance (an evidence note, a
     * review note) and insights (analyst: member lists read, digest contact, digests); an operator erases them and
     * the organisation's data through directory's GraphQL; then a raw search of every collection of every database on
     * the store finds none of their plaintext values: their user id, their e-mail address, their texts. Last: it
     * erases a demo persona.
     */
    @Test
    @Order(10)
    void aPersonErasedThroughDirectoryLeavesNoPlaintextInAnyDatabaseOfAnyService() throws Exception {
        String operator = demo.token("operator");
        String person = "demo-tanaka";
        String email = "tanaka@demo.hoshi.example"; // DemoData's contact preferences
        String org = "e2e-erasure";
        String run = Long.toString(System.nanoTime(), 36);
        String evidence = "evidence-of-tanaka-" + run;
        String review = "review-by-tanaka-" + run;
        registerOrganization(operator, org, "消去試験株式会社", person);
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Tokyo"));
        DemoData.Compliance tanaka = demo.new Compliance("tanaka", org, today);
        tanaka.awaitKnown();
        tanaka.run(
                "updateControlStatus",
                "{controlId: \"C01-01\", status: IMPLEMENTED, owner: \"" + person + "\", evidenceNote: \"" + evidence
                        + "\", effectiveOn: \"%s\"}",
                0);
        tanaka.run("commitToFiveArticles", "{articles: [\"A1\",\"A2\",\"A3\",\"A4\",\"A5\"], effectiveOn: \"%s\"}", 2);
        tanaka.run("adoptBasicPolicy", "{effectiveOn: \"%s\"}", 1);
        tanaka.run("completeReview", "{kind: BASIC_POLICY, note: \"" + review + "\", effectiveOn: \"%s\"}", 0);
        eventually(() -> demo.graphql(
                        "insights",
                        demo.token("tanaka"),
                        null,
                        "{ supportOrganizationMembers(supportOrganizationId: \"tokyo-machinery\", first: 10) {"
                                + " edges { node { organizationId } } } }",
                        Map.of())
                .path("supportOrganizationMembers")
                .path("edges")
                .path(0));

        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + config.storePort())) {
            RawGrep grep = new RawGrep(client);
            List<String> databases = client.listDatabaseNames().into(new ArrayList<>());
            assertThat(databases)
                    .as("the search covers the event store, the key vault and every service's database")
                    .contains(
                            "hoshi_events",
                            "hoshi_personal_data",
                            "hoshi_directory",
                            "hoshi_compliance",
                            "hoshi_insights");
            List<String> before = grep.hits(person);
            System.out.printf(
                    "[erasure] before: %d documents in %s searched, the user id in %d (%s)%n",
                    grep.documents(), databases, before.size(), before);
            assertThat(before)
                    .as("read models that look people up by id keep it, in every service")
                    .anyMatch(hit -> hit.startsWith("hoshi_directory."))
                    .anyMatch(hit -> hit.startsWith("hoshi_compliance."))
                    .anyMatch(hit -> hit.startsWith("hoshi_insights."));
            assertThat(grep.hits(evidence)).as("texts are stored sealed").isEmpty();

            for (String erase : List.of(
                    "erasePerson(input: {userId: \"" + person + "\", reason: \"request " + run + "\"})",
                    "eraseOrganizationData(input: {organizationId: \"" + org + "\", reason: \"closing " + run
                            + "\"})")) {
                demo.graphql(
                        "directory",
                        operator,
                        null,
                        "mutation { " + erase + " { erasure { keyErased } errors { code } } }",
                        Map.of());
            }

            Map<String, List<String>> left = new LinkedHashMap<>();
            Instant deadline = Instant.now().plusSeconds(60);
            do {
                left.clear();
                for (String value : List.of(person, email, evidence, review, run)) {
                    List<String> hits = grep.hits(value);
                    if (!hits.isEmpty()) {
                        left.put(value, hits);
                    }
                }
                if (left.isEmpty() || Instant.now().isAfter(deadline)) {
                    break;
                }
                Thread.sleep(500); // the services handle the erasure's event a moment later
            } while (true);
            System.out.printf("[erasure] after: %d documents searched, plaintext left: %s%n", grep.documents(), left);
            assertThat(left)
                    .as("no collection of any database keeps the erased person's id, address or texts")
                    .isEmpty();
        }
    }

    // ---------------------------------------------------------------- helpers

    /** An operator registers an organisation through the gateway (directory). */
    private void registerOrganization(String operator, String id, String name, String owner) throws Exception {
        demo.graphql(
                "directory",
                operator,
                null,
                "mutation($input: RegisterOrganizationInput!) { registerOrganization(input: $input) {"
                        + " organization { id } errors { code } } }",
                Map.of("input", Map.of("id", id, "name", name, "owner", owner)));
    }

    interface Probe {
        JsonNode get() throws Exception;
    }

    private static JsonNode eventually(Probe probe) throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        while (true) {
            JsonNode value = probe.get();
            if (!value.isMissingNode() && !value.isNull()) {
                return value;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("nothing appeared within 30 s");
            }
            Thread.sleep(250);
        }
    }

    private static List<String> ids(JsonNode list) {
        return StreamSupport.stream(list.spliterator(), false)
                .map(n -> n.path("id").asText())
                .toList();
    }

    /** The same claims, signed by nobody the gateway knows: the signature part is replaced. */
    private static String forged(String token) {
        String[] parts = token.split("\\.");
        return parts[0] + "." + parts[1] + "." + "AAAA" + parts[2].substring(4);
    }

    private HttpResponse<String> post(String url, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String url, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
