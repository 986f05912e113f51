package dev.hoshi.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import dev.hoshi.compliance.api.management.ManagementEvents.KeyActionConfirmedEvent;
import dev.hoshi.compliance.api.securityaction.LapseReason;
import dev.hoshi.directory.api.consent.ConsentGrantId;
import dev.hoshi.directory.api.consent.ConsentGrantedEvent;
import dev.hoshi.directory.api.consent.ConsentScope;
import dev.hoshi.directory.api.consent.Grantee;
import dev.hoshi.directory.api.organization.JsicDivision;
import dev.hoshi.directory.api.organization.OrganizationProfile;
import dev.hoshi.directory.api.organization.OrganizationProfileUpdatedEvent;
import dev.hoshi.directory.api.organization.OrganizationRegisteredEvent;
import dev.hoshi.directory.api.organization.Prefecture;
import dev.hoshi.directory.api.support.SupportOrganizationKind;
import dev.hoshi.directory.api.support.SupportOrganizationRegisteredEvent;
import dev.hoshi.insights.rollup.graphql.MemberExportFilesTest;
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
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
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

/** The rollup through the service: directory's and compliance's events in, the analyst's query out. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SupportOrganizationRollupGraphQlIT {

    /** A loaded machine (a full build beside other work) can take seconds to answer. */
    private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(30);

    private static final String QUERY =
            """
            query($id: ID!) { supportOrganizationRollup(supportOrganizationId: $id) {
              consentingMembers suppressed levels { none } reviewsOverdue
              scores { members suppressed mean median bands { band members } }
              items { members suppressed rates { item implementedRate } }
              keyActions { members suppressed actions { actionId confirmed confirmedRate } } } }
            """;

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
    void analystsSeeTheirMembersTogetherAndNobodyElseSeesAnything() throws Exception {
        String run = Long.toString(System.nanoTime());
        String support = "assoc-" + run;
        String analyst = "analyst-" + run;
        CurrentContext.runWith(
                RequestContext.withoutTenant(Actor.user("operator")),
                () -> eventStore.publish(new GenericDomainEventMessage<>(
                        "SupportOrganization",
                        support,
                        0,
                        new SupportOrganizationRegisteredEvent(
                                SupportOrganizationId.of(support),
                                "工業会",
                                null,
                                SupportOrganizationKind.INDUSTRY_ASSOCIATION,
                                UserId.of(analyst)))));
        // five members at FULL_DETAIL scoring 20, 40, 60, 80, 100
        for (int i = 1; i <= 5; i++) {
            String org = "m" + i + "-" + run;
            int done = i * 5;
            CurrentContext.runWith(RequestContext.forTenant(TenantId.of(org), Actor.user("owner-" + org)), () -> {
                eventStore.publish(new GenericDomainEventMessage<>(
                        "Organization",
                        org,
                        0,
                        new OrganizationRegisteredEvent(
                                TenantId.of(org), "会員" + org, null, null, UserId.of("owner-" + org))));
                eventStore.publish(new GenericDomainEventMessage<>(
                        "Organization",
                        org,
                        1,
                        new OrganizationProfileUpdatedEvent(
                                TenantId.of(org),
                                new OrganizationProfile(
                                        JsicDivision.E, null, 20, 10_000_000L, Prefecture.AOMORI, null))));
                eventStore.publish(new GenericDomainEventMessage<>(
                        "Organization",
                        org,
                        2,
                        new ConsentGrantedEvent(
                                ConsentGrantId.of("grant-" + org),
                                TenantId.of(org),
                                Grantee.supportOrganization(SupportOrganizationId.of(support)),
                                ConsentScope.FULL_DETAIL,
                                LocalDate.parse("2026-01-01"),
                                null)));
                if (done <= 10) { // the executives of m1 and m2 confirmed key action K2
                    eventStore.publish(new GenericDomainEventMessage<>(
                            "ManagementChecklist",
                            "management:" + org,
                            0,
                            new KeyActionConfirmedEvent(
                                    TenantId.of(org),
                                    "K2",
                                    "owner-" + org,
                                    null,
                                    "3.1",
                                    LocalDate.parse("2026-02-01"))));
                }
                eventStore.publish(new GenericDomainEventMessage<>(
                        "SecurityAction", "security-action:" + org, 0, sheet(org, done)));
            });
        }

        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> as(tokens.user(analyst, null))
                .document(QUERY)
                .variable("id", support)
                .execute()
                .path("supportOrganizationRollup.scores.members")
                .entity(Integer.class)
                .isEqualTo(5));
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> as(tokens.user(analyst, null))
                .document(QUERY)
                .variable("id", support)
                .execute()
                .path("supportOrganizationRollup.keyActions.actions[1].confirmed")
                .entity(Integer.class)
                .isEqualTo(2));

        var response = as(tokens.user(analyst, null))
                .document(QUERY)
                .variable("id", support)
                .execute();
        response.path("supportOrganizationRollup.consentingMembers")
                .entity(Integer.class)
                .isEqualTo(5);
        response.path("supportOrganizationRollup.suppressed")
                .entity(Boolean.class)
                .isEqualTo(false);
        response.path("supportOrganizationRollup.levels.none")
                .entity(Integer.class)
                .isEqualTo(5);
        response.path("supportOrganizationRollup.scores.mean")
                .entity(Double.class)
                .isEqualTo(60.0);
        response.path("supportOrganizationRollup.scores.median")
                .entity(Double.class)
                .isEqualTo(60.0);
        response.path("supportOrganizationRollup.items.rates[0].item")
                .entity(String.class)
                .isEqualTo("Q1");
        response.path("supportOrganizationRollup.items.rates[0].implementedRate")
                .entity(Double.class)
                .isEqualTo(1.0);
        response.path("supportOrganizationRollup.items.rates[24].implementedRate")
                .entity(Double.class)
                .isEqualTo(0.2);
        response.path("supportOrganizationRollup.keyActions.members")
                .entity(Integer.class)
                .isEqualTo(5);
        response.path("supportOrganizationRollup.keyActions.actions[*].actionId")
                .entityList(String.class)
                .containsExactly("K1", "K2", "K3", "K4", "K5", "K6", "K7");
        response.path("supportOrganizationRollup.keyActions.actions[1].confirmedRate")
                .entity(Double.class)
                .isEqualTo(0.4);
        response.path("supportOrganizationRollup.keyActions.actions[0].confirmed")
                .entity(Integer.class)
                .isEqualTo(0);

        String list =
                """
                query($id: ID!, $after: String) {
                  supportOrganizationMembers(supportOrganizationId: $id, first: 2, after: $after) {
                    edges { node { organizationId score level answers { item answer } } cursor }
                    pageInfo { hasNextPage endCursor } } }
                """;
        var page1 = as(tokens.user(analyst, null))
                .document(list)
                .variable("id", support)
                .execute();
        page1.path("supportOrganizationMembers.edges[*].node.score")
                .entityList(Integer.class)
                .containsExactly(100, 80);
        page1.path("supportOrganizationMembers.edges[0].node.level")
                .entity(String.class)
                .isEqualTo("NONE");
        page1.path("supportOrganizationMembers.edges[0].node.answers[0].answer")
                .entity(String.class)
                .isEqualTo("DONE");
        page1.path("supportOrganizationMembers.pageInfo.hasNextPage")
                .entity(Boolean.class)
                .isEqualTo(true);
        String cursor = page1.path("supportOrganizationMembers.pageInfo.endCursor")
                .entity(String.class)
                .get();
        as(tokens.user(analyst, null))
                .document(list)
                .variable("id", support)
                .variable("after", cursor)
                .execute()
                .path("supportOrganizationMembers.edges[*].node.score")
                .entityList(Integer.class)
                .containsExactly(60, 40);
        as(tokens.user("someone-" + run, null))
                .document(list)
                .variable("id", support)
                .execute()
                .path("supportOrganizationMembers")
                .valueIsNull();
        as(tokens.user(analyst, null))
                .document(list)
                .variable("id", support)
                .variable("after", "not-a-cursor")
                .execute()
                .errors()
                .expect(e -> "INVALID_AFTER".equals(e.getExtensions().get("code")))
                .verify();

        String export =
                """
                query($id: ID!, $format: ExportFormat!) {
                  supportOrganizationMembersExport(supportOrganizationId: $id, format: $format) {
                    fileName contentType base64 rowCount truncated } }
                """;
        String csv = new String(
                Base64.getDecoder()
                        .decode(as(tokens.user(analyst, null))
                                .document(export)
                                .variable("id", support)
                                .variable("format", "CSV")
                                .execute()
                                .path("supportOrganizationMembersExport.base64")
                                .entity(String.class)
                                .get()),
                StandardCharsets.UTF_8);
        List<List<String>> rows = MemberExportFilesTest.parse(csv);
        assertThat(rows).hasSize(6);
        assertThat(rows.get(0).get(0)).isEqualTo("組織ID");
        int score = rows.get(0).indexOf("自社診断の点数");
        assertThat(rows.get(1).get(score)).isEqualTo("100");
        assertThat(rows.get(1).get(rows.get(0).indexOf("Hoshi上の状況 / standing"))).isEqualTo("未宣言");
        var xlsx = as(tokens.user(analyst, null))
                .document(export)
                .variable("id", support)
                .variable("format", "XLSX")
                .execute();
        xlsx.path("supportOrganizationMembersExport.fileName")
                .entity(String.class)
                .isEqualTo("members-" + support + ".xlsx");
        byte[] workbookBytes = Base64.getDecoder()
                .decode(xlsx.path("supportOrganizationMembersExport.base64")
                        .entity(String.class)
                        .get());
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(workbookBytes))) {
            assertThat(workbook.getSheetAt(0).getLastRowNum()).isEqualTo(5);
            assertThat(workbook.getSheetAt(0).getRow(0).getCell(1).getStringCellValue())
                    .isEqualTo("組織名");
            assertThat(workbook.getSheetAt(0).getRow(5).getCell(score).getNumericCellValue())
                    .isEqualTo(20.0);
        }
        as(tokens.user("someone-" + run, null))
                .document(export)
                .variable("id", support)
                .variable("format", "CSV")
                .execute()
                .path("supportOrganizationMembersExport")
                .valueIsNull();
        // one request, 250 aliased exports: refused before any file is built
        StringBuilder aliased = new StringBuilder("query($id: ID!) {");
        for (int i = 0; i < 250; i++) {
            aliased.append(" e")
                    .append(i)
                    .append(": supportOrganizationMembersExport(supportOrganizationId: $id, format: CSV) { rowCount }");
        }
        as(tokens.user(analyst, null))
                .document(aliased.append(" }").toString())
                .variable("id", support)
                .execute()
                .errors()
                .expect(e -> "TOO_MANY_EXPORTS".equals(e.getExtensions().get("code")))
                .verify()
                .path("e0")
                .pathDoesNotExist();

        // the SME itself: where it stands in its industry (20 40 60 80 100; it scores 60)
        String cohort = "{ cohortBenchmark { industry score cohortMembers suppressed cohortMean percentile } }";
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> as(tokens.user(
                        "owner-m3-" + run, "m3-" + run))
                .document(cohort)
                .execute()
                .path("cohortBenchmark.cohortMembers")
                .entity(Integer.class)
                .isEqualTo(5));
        var bench =
                as(tokens.user("owner-m3-" + run, "m3-" + run)).document(cohort).execute();
        bench.path("cohortBenchmark.industry").entity(String.class).isEqualTo("E");
        bench.path("cohortBenchmark.score").entity(Integer.class).isEqualTo(60);
        bench.path("cohortBenchmark.cohortMean").entity(Double.class).isEqualTo(60.0);
        bench.path("cohortBenchmark.percentile").entity(Double.class).isEqualTo(50.0);
        as(tokens.user(analyst, "m3-" + run))
                .document(cohort)
                .execute()
                .path("cohortBenchmark")
                .valueIsNull();

        // filtered: all five are manufacturing (E), small, in Aomori (02)
        String filtered =
                """
                query($id: ID!, $filter: MemberFilter) {
                  supportOrganizationRollup(supportOrganizationId: $id, filter: $filter) {
                    consentingMembers suppressed filter { industry smeClass prefecture } } }
                """;
        var small = as(tokens.user(analyst, null))
                .document(filtered)
                .variable("id", support)
                .variable("filter", Map.of("industry", "E", "smeClass", "SMALL", "prefecture", "02"))
                .execute();
        small.path("supportOrganizationRollup.consentingMembers")
                .entity(Integer.class)
                .isEqualTo(5);
        small.path("supportOrganizationRollup.filter.smeClass")
                .entity(String.class)
                .isEqualTo("SMALL");
        as(tokens.user(analyst, null))
                .document(filtered)
                .variable("id", support)
                .variable("filter", Map.of("prefecture", "13"))
                .execute()
                .path("supportOrganizationRollup")
                .entity(Map.class)
                // none: below the threshold, so not even the size is shown
                .satisfies(r ->
                        assertThat(r).containsEntry("consentingMembers", null).containsEntry("suppressed", true));
        as(tokens.user(analyst, null))
                .document(filtered)
                .variable("id", support)
                .variable("filter", Map.of("industry", "Z"))
                .execute()
                .errors()
                .expect(e -> "INVALID_INDUSTRY".equals(e.getExtensions().get("code")))
                .verify();
        as(tokens.user(analyst, null))
                .document(
                        """
                        query($id: ID!) { supportOrganizationMembers(supportOrganizationId: $id,
                          filter: { prefecture: "99" }) { edges { cursor } } }
                        """)
                .variable("id", support)
                .execute()
                .errors()
                .expect(e -> "INVALID_PREFECTURE".equals(e.getExtensions().get("code")))
                .verify();

        // a date in the wrong form, or after today, says what to give instead
        as(tokens.user(analyst, null))
                .document(
                        "query($id: ID!) { supportOrganizationRollup(supportOrganizationId: $id, asOf: \"2026-13-01\")"
                                + " { consentingMembers } }")
                .variable("id", support)
                .execute()
                .errors()
                .expect(e -> "INVALID_AS_OF".equals(e.getExtensions().get("code"))
                        && e.getMessage().contains("YYYY-MM-DD"))
                .verify();
        as(tokens.user(analyst, null))
                .document(
                        "query($id: ID!) { supportOrganizationRollup(supportOrganizationId: $id, asOf: \"2999-01-01\")"
                                + " { consentingMembers } }")
                .variable("id", support)
                .execute()
                .errors()
                .expect(e -> "INVALID_AS_OF".equals(e.getExtensions().get("code"))
                        && e.getMessage().contains("after today"))
                .verify();

        // a member of the organisation, another analyst, a partner: null, as if it did not exist
        as(tokens.user("someone-" + run, "m1-" + run))
                .document(QUERY)
                .variable("id", support)
                .execute()
                .path("supportOrganizationRollup")
                .valueIsNull();
        as(tokens.user(analyst, null))
                .document(QUERY)
                .variable("id", "nobody-" + run)
                .execute()
                .path("supportOrganizationRollup")
                .valueIsNull();
        as(tokens.user(analyst, null))
                .document(QUERY)
                .variable("id", "bad id!")
                .execute()
                .errors()
                .expect(e -> "INVALID_SUPPORT_ORGANIZATION_ID"
                        .equals(e.getExtensions().get("code")))
                .verify();
    }

    /**
     * Sato (★★ declared) re-adopts its basic policy and has not published it again: compliance reports its ★★ with
     * standing PREREQUISITES_LAPSED (POLICY_NOT_PUBLISHED). The association sees it still as ★★ declared and, beside
     * it, lapsed: in the rollup, the member list and both exports; its bank sees the same in the signed attestation.
     */
    @Test
    void aReadoptedPolicyComplianceReportsAsLapsedShowsAsTwoStarsLapsedEverywhereTheLevelIsShown() throws Exception {
        String run = Long.toString(System.nanoTime());
        String support = "assoc-lapse-" + run;
        String analyst = "analyst-lapse-" + run;
        String partner = "bank-lapse-" + run;
        String sato = "sato-" + run;
        LocalDate today = BusinessTime.today(Clock.systemUTC());
        LocalDate declaredOn = LocalDate.parse("2026-04-01");
        LocalDate sheetOn = LocalDate.parse("2026-04-02");
        CurrentContext.runWith(
                RequestContext.withoutTenant(Actor.user("operator")),
                () -> eventStore.publish(new GenericDomainEventMessage<>(
                        "SupportOrganization",
                        support,
                        0,
                        new SupportOrganizationRegisteredEvent(
                                SupportOrganizationId.of(support),
                                "機械工業会",
                                null,
                                SupportOrganizationKind.INDUSTRY_ASSOCIATION,
                                UserId.of(analyst)))));
        for (int i = 1; i <= 5; i++) {
            String org = i == 1 ? sato : "m" + i + "-lapse-" + run;
            Object status = i == 1
                    ? Statuses.twoStarsDeclared(declaredOn).sheet(25, sheetOn).event(org, sheetOn)
                    : sheet(org, i * 5);
            CurrentContext.runWith(RequestContext.forTenant(TenantId.of(org), Actor.user("owner-" + org)), () -> {
                eventStore.publish(new GenericDomainEventMessage<>(
                        "Organization",
                        org,
                        0,
                        new OrganizationRegisteredEvent(
                                TenantId.of(org), "会員" + org, null, null, UserId.of("owner-" + org))));
                eventStore.publish(new GenericDomainEventMessage<>(
                        "Organization",
                        org,
                        1,
                        new ConsentGrantedEvent(
                                ConsentGrantId.of("grant-" + org),
                                TenantId.of(org),
                                Grantee.supportOrganization(SupportOrganizationId.of(support)),
                                ConsentScope.FULL_DETAIL,
                                LocalDate.parse("2026-01-01"),
                                null)));
                eventStore.publish(
                        new GenericDomainEventMessage<>("SecurityAction", "security-action:" + org, 0, status));
            });
        }
        CurrentContext.runWith(RequestContext.forTenant(TenantId.of(sato), Actor.user("owner-" + sato)), () -> {
            eventStore.publish(new GenericDomainEventMessage<>(
                    "Organization",
                    sato,
                    2,
                    new ConsentGrantedEvent(
                            ConsentGrantId.of("grant-bank-" + sato),
                            TenantId.of(sato),
                            Grantee.partnerClient(PartnerClientId.of(partner)),
                            ConsentScope.LEVEL_ONLY,
                            today,
                            null)));
            eventStore.publish(new GenericDomainEventMessage<>(
                    "SecurityAction",
                    "security-action:" + sato,
                    1,
                    Statuses.twoStarsDeclared(declaredOn)
                            .sheet(25, sheetOn)
                            .lapsed(LapseReason.POLICY_NOT_PUBLISHED, today)
                            .event(sato, today)));
        });

        // the rollup: still ★★ declared, and counted as lapsed; good to lapsed is a decline this month
        String rollup =
                """
                query($id: ID!) { supportOrganizationRollup(supportOrganizationId: $id) {
                  consentingMembers levels { none twoStarsDeclared } standingLapsed declined } }
                """;
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> as(tokens.user(analyst, null))
                .document(rollup)
                .variable("id", support)
                .execute()
                .path("supportOrganizationRollup.standingLapsed")
                .entity(Integer.class)
                .isEqualTo(1));
        var figures = as(tokens.user(analyst, null))
                .document(rollup)
                .variable("id", support)
                .execute();
        figures.path("supportOrganizationRollup.consentingMembers")
                .entity(Integer.class)
                .isEqualTo(5);
        figures.path("supportOrganizationRollup.levels.twoStarsDeclared")
                .entity(Integer.class)
                .isEqualTo(1);
        figures.path("supportOrganizationRollup.levels.none")
                .entity(Integer.class)
                .isEqualTo(4);
        figures.path("supportOrganizationRollup.declined").entity(Integer.class).isEqualTo(1);

        // the member list: the declared level and, beside it, Hoshi's standing
        var row = as(tokens.user(analyst, null))
                .document(
                        """
                        query($id: ID!) { supportOrganizationMembers(supportOrganizationId: $id,
                          level: TWO_STARS_DECLARED) {
                          edges { node { organizationId level declaredLevel standing lapseReason lapsedOn } } } }
                        """)
                .variable("id", support)
                .execute();
        row.path("supportOrganizationMembers.edges[*].node.organizationId")
                .entityList(String.class)
                .containsExactly(sato);
        row.path("supportOrganizationMembers.edges[0].node.level")
                .entity(String.class)
                .isEqualTo("TWO_STARS_DECLARED");
        row.path("supportOrganizationMembers.edges[0].node.declaredLevel")
                .entity(String.class)
                .isEqualTo("TWO_STARS");
        row.path("supportOrganizationMembers.edges[0].node.standing")
                .entity(String.class)
                .isEqualTo("PREREQUISITES_LAPSED");
        row.path("supportOrganizationMembers.edges[0].node.lapseReason")
                .entity(String.class)
                .isEqualTo("POLICY_NOT_PUBLISHED");
        row.path("supportOrganizationMembers.edges[0].node.lapsedOn")
                .entity(String.class)
                .isEqualTo(today.toString());

        // the exports, in Japanese
        String export =
                """
                query($id: ID!, $format: ExportFormat!) {
                  supportOrganizationMembersExport(supportOrganizationId: $id, level: TWO_STARS_DECLARED,
                    format: $format) { base64 rowCount } }
                """;
        List<List<String>> csv = MemberExportFilesTest.parse(new String(
                Base64.getDecoder()
                        .decode(as(tokens.user(analyst, null))
                                .document(export)
                                .variable("id", support)
                                .variable("format", "CSV")
                                .execute()
                                .path("supportOrganizationMembersExport.base64")
                                .entity(String.class)
                                .get()),
                StandardCharsets.UTF_8));
        assertThat(csv).hasSize(2);
        List<String> headers = csv.get(0);
        assertThat(csv.get(1).subList(headers.indexOf("SECURITY ACTION"), headers.indexOf("自社診断の点数")))
                .containsExactly("★★ 宣言済み", "★★ 二つ星", "前提条件の失効", "基本方針が未公開", today.toString());
        byte[] xlsx = Base64.getDecoder()
                .decode(as(tokens.user(analyst, null))
                        .document(export)
                        .variable("id", support)
                        .variable("format", "XLSX")
                        .execute()
                        .path("supportOrganizationMembersExport.base64")
                        .entity(String.class)
                        .get());
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = workbook.getSheetAt(0);
            Row header = sheet.getRow(0);
            int standing = headers.indexOf("Hoshi上の状況 / standing");
            assertThat(header.getCell(standing).getStringCellValue()).isEqualTo("Hoshi上の状況 / standing");
            assertThat(sheet.getRow(1).getCell(standing).getStringCellValue()).isEqualTo("前提条件の失効");
            assertThat(sheet.getRow(1).getCell(standing + 1).getStringCellValue())
                    .isEqualTo("基本方針が未公開");
        }

        // the bank's attestation: the declared level, and beside it the lapse, in the signed statement too
        String partnerToken = tokens.token(
                partner, "PARTNER_CLIENT:" + partner, null, List.of(), InternalTokens.ISSUER, Duration.ofSeconds(60));
        var attestation = as(partnerToken)
                .document(
                        """
                        query($id: ID!) { attestation(organizationId: $id) {
                          level standing lapseReason lapsedOn statement } }
                        """)
                .variable("id", sato)
                .execute();
        attestation.path("attestation.level").entity(String.class).isEqualTo("TWO_STARS");
        attestation.path("attestation.standing").entity(String.class).isEqualTo("PREREQUISITES_LAPSED");
        attestation.path("attestation.lapseReason").entity(String.class).isEqualTo("POLICY_NOT_PUBLISHED");
        attestation.path("attestation.lapsedOn").entity(String.class).isEqualTo(today.toString());
        JWSObject statement = JWSObject.parse(
                attestation.path("attestation.statement").entity(String.class).get());
        String keys = as(partnerToken)
                .document("{ attestationKeys }")
                .execute()
                .path("attestationKeys")
                .entity(String.class)
                .get();
        RSAKey key =
                (RSAKey) JWKSet.parse(keys).getKeyByKeyId(statement.getHeader().getKeyID());
        assertThat(statement.verify(new RSASSAVerifier(key))).isTrue();
        assertThat(statement.getPayload().toJSONObject())
                .containsEntry("level", "TWO_STARS")
                .containsEntry("standing", "PREREQUISITES_LAPSED")
                .containsEntry("lapseReason", "POLICY_NOT_PUBLISHED")
                .containsEntry("lapsedOn", today.toString());
    }

    @Test
    void aSeriesIsMonthlyAndItsPeriodIsChecked() {
        String run = Long.toString(System.nanoTime());
        String support = "assoc-series-" + run;
        String analyst = "analyst-series-" + run;
        CurrentContext.runWith(
                RequestContext.withoutTenant(Actor.user("operator")),
                () -> eventStore.publish(new GenericDomainEventMessage<>(
                        "SupportOrganization",
                        support,
                        0,
                        new SupportOrganizationRegisteredEvent(
                                SupportOrganizationId.of(support),
                                "商工会",
                                null,
                                SupportOrganizationKind.INDUSTRY_ASSOCIATION,
                                UserId.of(analyst)))));
        String series =
                """
                query($id: ID!, $from: String!, $to: String!) {
                  supportOrganizationRollupSeries(supportOrganizationId: $id, from: $from, to: $to) {
                    periods { period consentingMembers suppressed } } }
                """;
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> as(tokens.user(analyst, null))
                .document(series)
                .variable("id", support)
                .variable("from", "2026-01")
                .variable("to", "2026-03")
                .execute()
                .path("supportOrganizationRollupSeries.periods[*].period")
                .entityList(String.class)
                .containsExactly("2026-01", "2026-02", "2026-03"));
        as(tokens.user("someone-" + run, null))
                .document(series)
                .variable("id", support)
                .variable("from", "2026-01")
                .variable("to", "2026-03")
                .execute()
                .path("supportOrganizationRollupSeries")
                .valueIsNull();
        as(tokens.user(analyst, null))
                .document(series)
                .variable("id", support)
                .variable("from", "2026-03")
                .variable("to", "2026-01")
                .execute()
                .errors()
                .expect(e -> "INVALID_PERIOD".equals(e.getExtensions().get("code")))
                .verify();
        as(tokens.user(analyst, null))
                .document(
                        """
                        query($id: ID!) {
                          supportOrganizationRollupSeries(supportOrganizationId: $id, from: "2025-11", to: "2026-03",
                            interval: QUARTER) { periods { period } } }
                        """)
                .variable("id", support)
                .execute()
                .path("supportOrganizationRollupSeries.periods[*].period")
                .entityList(String.class)
                .containsExactly("2025-Q4", "2026-Q1");
    }

    /** Compliance's status of an SME with nothing declared and a sheet with Q1..Q{@code done} done. */
    private static Object sheet(String org, int done) {
        LocalDate on = LocalDate.parse("2026-01-02");
        return Statuses.nothingYet().sheet(done, on).event(org, on);
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
