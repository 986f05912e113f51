package dev.hoshi.gateway.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoshi.gateway.StubServices;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.reactive.AutoConfigureWebTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

/**
 * The web pages in the gateway in demo mode, in front of stub services: sign-in keeps the token on the server, every
 * form needs the CSRF token, a page without a session goes to sign-in, the pages call the services through the
 * gateway's public routes, and the API's own routes still deny by default.
 */
@AutoConfigureWebTestClient(timeout = "PT30S")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
class WebPagesIT {

    static final StubServices services = StubServices.start();

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        services.register(registry);
    }

    @AfterAll
    static void stopServices() {
        services.stop();
    }

    @Autowired
    WebTestClient client;

    @BeforeEach
    void clearServices() {
        services.clear();
    }

    @Test
    void theRootSendsAnyoneWithoutASessionToSignInWhichIsJapaneseByDefault() {
        client.get()
                .uri("/")
                .exchange()
                .expectStatus()
                .is3xxRedirection()
                .expectHeader()
                .location("/signin");
        client.get()
                .uri("/app/orgs/sato-seisakusho")
                .exchange()
                .expectStatus()
                .is3xxRedirection()
                .expectHeader()
                .location("/signin");

        EntityExchangeResult<String> page = client.get()
                .uri("/signin")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectBody(String.class)
                .returnResult();
        assertThat(page.getResponseBody()).contains("<html lang=\"ja\"", "サインイン", "佐藤 健一", "persona-bank");
        assertThat(page.getResponseHeaders().getFirst("Content-Security-Policy"))
                .contains("default-src 'self'", "script-src 'self'", "frame-ancestors 'none'");
        String cookie = page.getResponseHeaders().getFirst(HttpHeaders.SET_COOKIE);
        assertThat(cookie).startsWith("HOSHI_SESSION=").contains("HttpOnly", "SameSite=Lax");
    }

    @Test
    void englishIsChosenWithTheLanguageFormAndRemembered() {
        Session session = new Session();
        client.post()
                .uri("/lang")
                .cookie("HOSHI_SESSION", session.id)
                .body(BodyInserters.fromFormData("_csrf", session.csrf)
                        .with("language", "en")
                        .with("back", "/signin"))
                .exchange()
                .expectStatus()
                .is3xxRedirection()
                .expectHeader()
                .location("/signin")
                .expectCookie()
                .valueEquals(UiLocales.COOKIE, "en");
        String english = client.get()
                .uri("/signin")
                .cookie(UiLocales.COOKIE, "en")
                .exchange()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(english).contains("<html lang=\"en\"", "Sign in", "Kenichi Sato");

        // somewhere else than this application is not a place to go back to
        client.post()
                .uri("/lang")
                .cookie("HOSHI_SESSION", session.id)
                .body(BodyInserters.fromFormData("_csrf", session.csrf)
                        .with("language", "en")
                        .with("back", "//evil.example/"))
                .exchange()
                .expectHeader()
                .location("/");
    }

    @Test
    void aFormWithoutTheCsrfTokenChangesNothingAndGoesBackToSignIn() {
        Session session = new Session();
        client.post()
                .uri("/signin")
                .cookie("HOSHI_SESSION", session.id)
                .body(BodyInserters.fromFormData("persona", "sato"))
                .exchange()
                .expectStatus()
                .is3xxRedirection()
                .expectHeader()
                .location("/signin?expired");
        client.post()
                .uri("/signin")
                .cookie("HOSHI_SESSION", session.id)
                .body(BodyInserters.fromFormData("persona", "sato").with("_csrf", "forged"))
                .exchange()
                .expectHeader()
                .location("/signin?expired");
        client.get()
                .uri("/app")
                .cookie("HOSHI_SESSION", session.id)
                .exchange()
                .expectHeader()
                .location("/signin");
    }

    @Test
    void signingInKeepsTheTokenOnTheServerAndThePagesCallTheServicesThroughTheGateway() {
        Session session = new Session();
        EntityExchangeResult<byte[]> signedIn = client.post()
                .uri("/signin")
                .cookie("HOSHI_SESSION", session.id)
                .body(BodyInserters.fromFormData("persona", "sato").with("_csrf", session.csrf))
                .exchange()
                .expectStatus()
                .is3xxRedirection()
                .expectHeader()
                .location("/app")
                .expectBody()
                .returnResult();
        // a new session id at sign-in, and no token anywhere in what the browser gets
        ResponseCookie renewed = signedIn.getResponseCookies().getFirst("HOSHI_SESSION");
        assertThat(renewed).isNotNull();
        assertThat(renewed.getValue()).isNotEqualTo(session.id);
        assertThat(signedIn.getResponseHeaders().toString()).doesNotContain("eyJ");

        // the stubs know no organisation: the page for it is the not-found page, after asking compliance for it
        String page = client.get()
                .uri("/app/orgs/sato-seisakusho")
                .cookie("HOSHI_SESSION", renewed.getValue())
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(page).contains("id=\"not-found\"", "組織が見つかりません").doesNotContain("eyJ");
        List<StubServices.Received> calls = services.drain(Duration.ofMillis(200));
        assertThat(calls)
                .filteredOn(call -> call.service().equals("compliance"))
                .singleElement()
                .satisfies(call -> {
                    assertThat(call.path()).isEqualTo("/graphql");
                    assertThat(call.header("X-Hoshi-Organization")).isEqualTo("sato-seisakusho");
                    assertThat(call.header("Authorization")).startsWith("Bearer ");
                });

        // signing out ends the session
        String csrf = csrf(client.get()
                .uri("/app")
                .cookie("HOSHI_SESSION", renewed.getValue())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody());
        client.post()
                .uri("/signout")
                .cookie("HOSHI_SESSION", renewed.getValue())
                .body(BodyInserters.fromFormData("_csrf", csrf))
                .exchange()
                .expectHeader()
                .location("/signin?signedOut");
        client.get()
                .uri("/app")
                .cookie("HOSHI_SESSION", renewed.getValue())
                .exchange()
                .expectHeader()
                .location("/signin");
    }

    @Test
    void anOrganisationsOtherPagesReadLikeAMissingOneForSomeoneOutsideIt() {
        String session = signedIn("sato");
        for (String page : List.of("controls", "timeline", "access-log", "consent", "people", "risks", "incidents")) {
            String html = client.get()
                    .uri("/app/orgs/sato-seisakusho/" + page)
                    .cookie("HOSHI_SESSION", session)
                    .exchange()
                    .expectStatus()
                    .isNotFound()
                    .expectBody(String.class)
                    .returnResult()
                    .getResponseBody();
            assertThat(html).as(page).contains("id=\"not-found\"", "組織が見つかりません");
        }
        // each page asked directory who is in the organisation, for that organisation
        assertThat(services.drain(Duration.ofMillis(200)))
                .filteredOn(call -> call.body().contains("organizationMembers"))
                .hasSize(7)
                .allSatisfy(call -> {
                    assertThat(call.service()).isEqualTo("directory");
                    assertThat(call.header("X-Hoshi-Organization")).isEqualTo("sato-seisakusho");
                });
    }

    @Test
    void aViewerSeesTheControlsByChapterTheGrantsAndThePeopleWithoutAnyForm() {
        services.answerWith(organisation("VIEWER"));
        String session = signedIn("sato");
        String controls = page(session, "/app/orgs/sato-seisakusho/controls?status=IMPLEMENTED");
        assertThat(controls)
                .contains("id=\"read-only\"", "id=\"chapter-C01\"", "id=\"control-C01-01\"", "実施済み", "情報システム課")
                .containsPattern("<h3>C01 組織的対策</h3>")
                .containsPattern("class=\"control-title\">情報セキュリティの責任者を決める<")
                .doesNotContain("id=\"control-C02-01\"", "method=\"post\" id=\"form-");
        // the catalog's titles in the chosen language; the filter offers the chapters by title too
        assertThat(client.get()
                        .uri("/app/orgs/sato-seisakusho/controls")
                        .cookie("HOSHI_SESSION", session)
                        .cookie("hoshi_lang", "en")
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody(String.class)
                        .returnResult()
                        .getResponseBody())
                .contains("Name who is responsible for security", "C01 Organisational")
                .contains("id=\"chapter-C02\"", "Chapter C02");
        assertThat(page(session, "/app/orgs/sato-seisakusho/consent"))
                .contains("id=\"grant-g-1\"", "すべての詳細", "有効")
                .doesNotContain("id=\"grant-form\"", "id=\"revoke-g-1\"");
        assertThat(page(session, "/app/orgs/sato-seisakusho/people"))
                .contains("id=\"person-demo-sato\"", "閲覧者")
                .doesNotContain("id=\"add-person-form\"", "id=\"remove-demo-sato\"");
        assertThat(page(session, "/app/orgs/sato-seisakusho/timeline"))
                .contains("data-backdated=\"true\"", "基本方針を採択", "遡って記録");
        assertThat(page(session, "/app/orgs/sato-seisakusho/access-log")).contains("PARTNER_CLIENT:bank", "証明");
        // the filter went no further than the page: the API was asked for the whole board
        assertThat(services.drain(Duration.ofMillis(200)))
                .filteredOn(call -> call.body().contains("controls {"))
                .hasSize(2)
                .allSatisfy(call -> {
                    assertThat(call.service()).isEqualTo("compliance");
                    assertThat(call.body()).contains("controlChapters");
                });
    }

    @Test
    void aRefusedGrantShowsTheApisMessageNextToItsFieldInTheChosenLanguageAndAnAcceptedOneGoesBack() {
        java.util.function.BiFunction<String, String, String> owner = organisation("OWNER");
        services.answerWith((service, body) -> body.contains("grantConsent")
                ? "{\"data\":{\"grantConsent\":{\"errors\":[{\"code\":\"UNKNOWN_GRANTEE\","
                        + "\"message\":\"There is no partner client nobody.\","
                        + "\"messageJa\":\"取引先 nobody は存在しません。\",\"field\":\"granteeId\"}]}}}"
                : owner.apply(service, body));
        String session = signedIn("sato");
        String form = page(session, "/app/orgs/sato-seisakusho/consent");
        assertThat(form).contains("id=\"grant-form\"", "id=\"revoke-g-1\"");
        String refused = refused(session, null, "/app/orgs/sato-seisakusho/consent/grant", grantForm(form));
        assertThat(refused).containsPattern("id=\"granteeId-error\"[^>]*>取引先 nobody は存在しません。<");
        assertThat(services.drain(Duration.ofMillis(200)))
                .filteredOn(call -> call.body().contains("grantConsent"))
                .singleElement()
                .satisfies(call -> {
                    assertThat(call.service()).isEqualTo("directory");
                    assertThat(call.header("X-Hoshi-Organization")).isEqualTo("sato-seisakusho");
                    assertThat(call.body()).contains("\"granteeId\":\"nobody\"", "\"scope\":\"LEVEL_ONLY\"");
                });
        String english = refused(session, "en", "/app/orgs/sato-seisakusho/consent/grant", grantForm(form));
        assertThat(english).containsPattern("id=\"granteeId-error\"[^>]*>There is no partner client nobody.<");

        // a refusal that names no field (a GraphQL error) is shown at the top of the page
        services.answerWith((service, body) -> body.contains("revokeConsent")
                ? "{\"data\":null,\"errors\":[{\"message\":\"This caller may not do this.\","
                        + "\"extensions\":{\"code\":\"FORBIDDEN\",\"messageJa\":\"この操作は許可されていません。\"}}]}"
                : owner.apply(service, body));
        String forbidden = refused(
                session,
                null,
                "/app/orgs/sato-seisakusho/consent/g-1/revoke",
                BodyInserters.fromFormData("_csrf", csrf(form)));
        assertThat(forbidden).containsPattern("id=\"problems\"[^>]*>\\s*<p[^>]*>この操作は許可されていません。<");

        services.answerWith(owner);
        client.post()
                .uri("/app/orgs/sato-seisakusho/consent/g-1/revoke")
                .cookie("HOSHI_SESSION", session)
                .body(BodyInserters.fromFormData("_csrf", csrf(form)))
                .exchange()
                .expectStatus()
                .is3xxRedirection()
                .expectHeader()
                .location("/app/orgs/sato-seisakusho/consent?done=g-1");
    }

    /** The stubs as an organisation sato-seisakusho where demo-sato has {@code role}, with a little of everything. */
    private static java.util.function.BiFunction<String, String, String> organisation(String role) {
        return (service, body) -> {
            if (body.contains("organizationMembers")) {
                return "{\"data\":{\"organizationMembers\":[{\"userId\":\"demo-sato\",\"role\":\"" + role
                        + "\",\"since\":\"2026-01-05\"}]}}";
            }
            if (body.contains("consentGrants")) {
                return "{\"data\":{\"organization\":{\"name\":\"佐藤製作所\"},\"consentGrants\":[{\"id\":\"g-1\","
                        + "\"granteeKind\":\"PARTNER_CLIENT\",\"granteeId\":\"bank\",\"scope\":\"FULL_DETAIL\","
                        + "\"startDate\":\"2026-01-05\",\"endDate\":null,\"revokedOn\":null,\"status\":\"ACTIVE\","
                        + "\"history\":[{\"change\":\"GRANTED\",\"scope\":\"FULL_DETAIL\","
                        + "\"at\":\"2026-01-05T01:00:00Z\",\"by\":\"demo-sato\"}]}]}}";
            }
            if (body.contains("organization(id:")) {
                return "{\"data\":{\"organization\":{\"name\":\"佐藤製作所\"}}}";
            }
            if (body.contains("controls {")) {
                return "{\"data\":{\"organizationStatus\":{\"name\":\"佐藤製作所\",\"controls\":["
                        + "{\"controlId\":\"C01-01\",\"status\":\"IMPLEMENTED\",\"owner\":\"情報システム課\","
                        + "\"dueOn\":\"2026-03-31\",\"evidenceUrl\":null,\"evidenceNote\":\"規程 第3条\"},"
                        + "{\"controlId\":\"C02-01\",\"status\":\"NOT_STARTED\",\"owner\":null,\"dueOn\":null,"
                        + "\"evidenceUrl\":null,\"evidenceNote\":null,\"justification\":null,\"effectiveOn\":null}]},\"guideline\":{\"controlChapters\":["
                        + "{\"id\":\"C01\",\"title\":{\"ja\":\"組織的対策\",\"en\":\"Organisational\"},\"controls\":["
                        + "{\"id\":\"C01-01\",\"title\":{\"ja\":\"情報セキュリティの責任者を決める\","
                        + "\"en\":\"Name who is responsible for security\"}}]}]}}}";
            }
            if (body.contains("timeline {")) {
                return "{\"data\":{\"organizationStatus\":{\"name\":\"佐藤製作所\"},\"timeline\":[{\"event\":"
                        + "\"BasicPolicyAdopted\",\"summaryEn\":\"Adopted the basic policy\",\"summaryJa\":"
                        + "\"基本方針を採択\",\"actor\":\"USER:demo-sato\",\"recordedAt\":\"2026-02-02T00:00:00Z\","
                        + "\"effectiveOn\":\"2026-02-01\",\"backdated\":true}]}}";
            }
            if (body.contains("accessLog")) {
                return "{\"data\":{\"organizationStatus\":{\"name\":\"佐藤製作所\"},\"accessLog\":[{\"at\":"
                        + "\"2026-02-03T00:00:00Z\",\"viewer\":\"PARTNER_CLIENT:bank\",\"scope\":\"FULL_DETAIL\","
                        + "\"what\":\"ATTESTATION\"}]}}";
            }
            if (body.contains("riskRegister")) {
                return RISKS;
            }
            if (body.contains("incidentReadiness")) {
                return INCIDENTS;
            }
            return body.contains("mutation") ? "{\"data\":{\"revokeConsent\":{\"errors\":[]}}}" : null;
        };
    }

    private static final String LABELS = "[{\"value\":1,\"label\":{\"ja\":\"低\",\"en\":\"Low\"}},"
            + "{\"value\":2,\"label\":{\"ja\":\"中\",\"en\":\"Medium\"}},"
            + "{\"value\":3,\"label\":{\"ja\":\"高\",\"en\":\"High\"}}]";

    /** A risk register of two assets, one assessed (risk 6, LARGE), with the catalog's tables. */
    private static final String RISKS = "{\"data\":{\"organizationStatus\":{\"name\":\"佐藤製作所\"},\"riskRegister\":{"
            + "\"asOf\":\"2026-11-30\",\"assets\":[{\"assetId\":\"customers\",\"asset\":{\"businessArea\":\"営業\","
            + "\"name\":\"顧客名簿\",\"users\":\"営業部\",\"owner\":\"営業部\",\"medium\":\"PC\","
            + "\"personalData\":\"氏名・住所\",\"retention\":\"5年\",\"confidentiality\":3,\"integrity\":2,"
            + "\"availability\":1},\"importance\":3,\"threat\":2,\"vulnerability\":2,\"proposedVulnerability\":2,"
            + "\"likelihood\":2,\"riskValue\":6,\"band\":\"LARGE\",\"treatment\":\"REDUCE\","
            + "\"controls\":[\"C01-01\"],\"note\":\"鍵付き保管\",\"edition\":\"3.1\",\"recordedOn\":\"2026-11-01\","
            + "\"assessedOn\":\"2026-11-02\"},{\"assetId\":\"drawings\",\"asset\":{\"businessArea\":null,"
            + "\"name\":\"設計図面\",\"users\":null,\"owner\":null,\"medium\":null,\"personalData\":null,"
            + "\"retention\":null,\"confidentiality\":2,\"integrity\":2,\"availability\":2},\"importance\":2,"
            + "\"threat\":null,\"vulnerability\":null,\"proposedVulnerability\":3,\"likelihood\":null,"
            + "\"riskValue\":null,\"band\":null,\"treatment\":null,\"controls\":[],\"note\":null,\"edition\":\"3.1\","
            + "\"recordedOn\":\"2026-11-01\",\"assessedOn\":null}],\"summary\":{\"bands\":[{\"band\":\"LARGE\","
            + "\"assets\":1},{\"band\":\"MEDIUM\",\"assets\":0},{\"band\":\"SMALL\",\"assets\":0}],"
            + "\"notAssessed\":1,\"highest\":6}},\"guideline\":{\"riskAnalysis\":{\"threats\":" + LABELS
            + ",\"vulnerabilities\":" + LABELS + ",\"treatments\":[{\"code\":\"REDUCE\",\"label\":{\"ja\":"
            + "\"低減\",\"en\":\"Reduce\"}},{\"code\":\"ACCEPT\",\"label\":{\"ja\":\"受容\",\"en\":\"Accept\"}}]}}}}";

    /** Incident readiness: one contact, one incident past its first phase's due date, no drill yet. */
    private static final String INCIDENTS = "{\"data\":{\"organizationStatus\":{\"name\":\"佐藤製作所\"},"
            + "\"incidentReadiness\":{\"asOf\":\"2026-11-30\",\"contacts\":[{\"contactId\":\"ppc\",\"kind\":\"PPC\","
            + "\"name\":\"個人情報保護委員会\",\"phone\":\"03-0000-0000\",\"email\":null,\"note\":null}],"
            + "\"incidents\":[{\"incidentId\":\"inc-1\",\"title\":\"ノートPCの紛失\",\"drill\":false,"
            + "\"detectedAt\":\"2026-11-20T01:00:00Z\",\"phase\":\"DETECT\",\"phases\":[{\"code\":\"DETECT\","
            + "\"dueOn\":\"2026-11-21\",\"completedAt\":null,\"report\":null,\"overdue\":true}]}],"
            + "\"overdueSteps\":1,\"lastDrillOn\":null},\"guideline\":{\"incidentResponse\":{\"phases\":[{"
            + "\"code\":\"DETECT\",\"dueDays\":1,\"title\":{\"ja\":\"検知・初動対応\",\"en\":\"Detect and respond\"},"
            + "\"summary\":{\"ja\":\"被害の拡大を防ぐ\",\"en\":\"Contain the damage\"}}],\"contactKinds\":[{"
            + "\"code\":\"PPC\",\"label\":{\"ja\":\"個人情報保護委員会\",\"en\":\"Personal Information Protection"
            + " Commission\"}}]}}}}";

    @Test
    void theRiskRegisterAndIncidentReadinessAreShownToEveryRoleAndChangedByMembers() {
        java.util.function.BiFunction<String, String, String> member = organisation("MEMBER");
        services.answerWith((service, body) -> {
            if (body.contains("assessRisk")) {
                return "{\"data\":{\"assessRisk\":{\"errors\":[{\"code\":\"UNKNOWN_CONTROL\","
                        + "\"message\":\"There is no control C99-99 in the catalog.\","
                        + "\"messageJa\":\"管理策 C99-99 はカタログにありません。\",\"field\":null}]}}}";
            }
            if (body.contains("recordIncident")) {
                // the API's answer to a detection day after today (its effective-date rule)
                return "{\"data\":{\"recordIncident\":{\"errors\":[{\"code\":\"DATE_IN_FUTURE\","
                        + "\"message\":\"The date 2099-01-01 is in the future.\","
                        + "\"messageJa\":\"日付 2099-01-01 は未来です。\",\"field\":null}]}}}";
            }
            if (body.contains("removeIncidentContact")) {
                return "{\"data\":{\"removeIncidentContact\":{\"errors\":[]}}}";
            }
            return member.apply(service, body);
        });
        String session = signedIn("sato");

        String overview = page(session, "/app/orgs/sato-seisakusho/timeline");
        assertThat(overview).contains("id=\"nav-risks\"", "id=\"nav-incidents\"");

        String risks = page(session, "/app/orgs/sato-seisakusho/risks");
        assertThat(risks)
                .contains("id=\"asset-customers\" data-band=\"LARGE\"", "顧客名簿", "3 / 2 / 1", "低減", "鍵付き保管")
                .contains("id=\"assess-customers\"", "id=\"assess-drawings\"", "id=\"asset-form\"")
                .containsPattern("id=\"not-assessed\"[^>]*>1<")
                .containsPattern("id=\"highest\"[^>]*>6<");
        String refused = refused(
                session,
                null,
                "/app/orgs/sato-seisakusho/risks/customers/assess",
                BodyInserters.fromFormData("_csrf", csrf(risks))
                        .with("threat", "2")
                        .with("vulnerability", "1")
                        .with("treatment", "REDUCE")
                        .with("controls", "C01-01, C99-99"));
        assertThat(refused).containsPattern("id=\"controls-customers-error\"[^>]*>管理策 C99-99 はカタログにありません。<");
        assertThat(services.drain(Duration.ofMillis(200)))
                .filteredOn(call -> call.body().contains("assessRisk"))
                .singleElement()
                .satisfies(call -> {
                    assertThat(call.service()).isEqualTo("compliance");
                    assertThat(call.header("X-Hoshi-Organization")).isEqualTo("sato-seisakusho");
                    assertThat(call.body())
                            .contains("\"assetId\":\"customers\"", "\"threat\":2", "\"vulnerability\":1")
                            .contains("\"controls\":[\"C01-01\",\"C99-99\"]");
                });

        String incidents = page(session, "/app/orgs/sato-seisakusho/incidents");
        assertThat(incidents)
                .contains(
                        "id=\"contact-ppc\"",
                        "03-0000-0000",
                        "id=\"incident-inc-1\" class=\"scroll\" data-phase=\"DETECT\"")
                .contains("検知・初動対応", "id=\"complete-inc-1\"", "id=\"incident-form\"", "id=\"remove-contact-ppc\"")
                .containsPattern("id=\"overdue-steps\"[^>]*>1<")
                // the API's instant as Japan's time
                .contains("datetime=\"2026-11-20T01:00:00Z\">2026-11-20 10:00 JST</time>");
        // a time typed in the browser (no zone) is Japan's; the API's refusal next to it, in English too
        BodyInserters.FormInserter<String> incident = BodyInserters.fromFormData("_csrf", csrf(incidents))
                .with("incidentId", "inc-2")
                .with("title", "誤送信")
                .with("detectedAt", "2099-01-01T09:30");
        assertThat(refused(session, null, "/app/orgs/sato-seisakusho/incidents/record", incident))
                .containsPattern("id=\"detectedAt-error\"[^>]*>日付 2099-01-01 は未来です。<");
        assertThat(refused(session, "en", "/app/orgs/sato-seisakusho/incidents/record", incident))
                .containsPattern("id=\"detectedAt-error\"[^>]*>The date 2099-01-01 is in the future.<");
        assertThat(services.drain(Duration.ofMillis(200)))
                .filteredOn(call -> call.body().contains("recordIncident"))
                .hasSize(2)
                .allSatisfy(call -> assertThat(call.body())
                        .contains("\"detectedAt\":\"2099-01-01T09:30:00+09:00\"", "\"drill\":false"));
        client.post()
                .uri("/app/orgs/sato-seisakusho/incidents/contact/ppc/remove")
                .cookie("HOSHI_SESSION", session)
                .body(BodyInserters.fromFormData("_csrf", csrf(incidents)))
                .exchange()
                .expectHeader()
                .location("/app/orgs/sato-seisakusho/incidents?done=ppc");
        assertThat(services.drain(Duration.ofMillis(200)))
                .filteredOn(call -> call.body().contains("removeIncidentContact"))
                .singleElement()
                .satisfies(call -> assertThat(call.body()).contains("\"input\":\"ppc\""));

        // a viewer sees both without any form
        services.answerWith(organisation("VIEWER"));
        assertThat(page(session, "/app/orgs/sato-seisakusho/risks"))
                .contains("id=\"read-only\"", "顧客名簿")
                .doesNotContain("id=\"assess-customers\"", "id=\"asset-form\"", "/risks/customers/assess");
        assertThat(page(session, "/app/orgs/sato-seisakusho/incidents"))
                .contains("id=\"read-only\"", "ノートPCの紛失")
                .doesNotContain(
                        "id=\"complete-inc-1\"", "id=\"incident-form\"", "id=\"contact-form\"", "remove-contact");
    }

    private static BodyInserters.FormInserter<String> grantForm(String page) {
        return BodyInserters.fromFormData("_csrf", csrf(page))
                .with("granteeKind", "PARTNER_CLIENT")
                .with("granteeId", "nobody")
                .with("scope", "LEVEL_ONLY");
    }

    /** Posts a form the API refuses: the page again, with 422 and the errors, in {@code language} when given. */
    private String refused(String session, String language, String path, BodyInserters.FormInserter<String> form) {
        return client.post()
                .uri(path)
                .cookie("HOSHI_SESSION", session)
                .cookies(cookies -> {
                    if (language != null) {
                        cookies.add("hoshi_lang", language);
                    }
                })
                .body(form)
                .exchange()
                .expectStatus()
                .isEqualTo(422)
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }

    private String signedIn(String persona) {
        Session session = new Session();
        return client.post()
                .uri("/signin")
                .cookie("HOSHI_SESSION", session.id)
                .body(BodyInserters.fromFormData("persona", persona).with("_csrf", session.csrf))
                .exchange()
                .expectStatus()
                .is3xxRedirection()
                .expectBody()
                .returnResult()
                .getResponseCookies()
                .getFirst("HOSHI_SESSION")
                .getValue();
    }

    private String page(String session, String path) {
        return client.get()
                .uri(path)
                .cookie("HOSHI_SESSION", session)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }

    @Test
    void theOrganisationPageShowsTheScoreTrendAndTheReviewsWithTheirForms() {
        java.util.function.BiFunction<String, String, String> owner = organisation("OWNER");
        services.answerWith((service, body) -> {
            if (body.contains("setReviewCadence")) {
                return "{\"data\":{\"setReviewCadence\":{\"errors\":[{\"code\":\"INVALID_CADENCE\","
                        + "\"message\":\"Reviews come every 1 to 36 months.\","
                        + "\"messageJa\":\"見直しの間隔は1〜36か月で指定してください。\",\"field\":null}]}}}";
            }
            if (body.contains("completeReview")) {
                return "{\"data\":{\"completeReview\":{\"errors\":[]}}}";
            }
            if (body.contains("organizationStatus {")) {
                return "{\"data\":{\"organizationStatus\":{\"organizationId\":\"sato-seisakusho\","
                        + "\"name\":\"佐藤製作所\",\"asOf\":\"2026-11-30\",\"level\":\"ONE_STAR\","
                        + "\"declarationId\":null,\"declaredOn\":null,\"standing\":\"GOOD\",\"lapseReason\":null,"
                        + "\"lapsedOn\":null,"
                        + "\"eligibleLevel\":\"ONE_STAR\",\"missingForNextStar\":[],\"articlesCommitted\":[],"
                        + "\"latestAssessment\":null,\"policy\":{\"adopted\":true,\"published\":false,\"publicUrl\":null},"
                        + "\"reviews\":[{\"kind\":\"BASIC_POLICY\",\"dueOn\":\"2026-01-10\",\"overdue\":true}],"
                        + "\"reviewMonths\":12},\"scoreHistory\":[{\"completedOn\":\"2024-11-01\",\"score\":35},"
                        + "{\"completedOn\":\"2025-11-01\",\"score\":62},{\"completedOn\":\"2026-11-01\",\"score\":88}],"
                        + "\"guideline\":{\"edition\":\"3.1\",\"fiveArticles\":[],\"parts\":[],\"items\":[],"
                        + "\"answers\":[],\"bands\":[]}}}";
            }
            return owner.apply(service, body);
        });
        String session = signedIn("sato");

        String page = page(session, "/app/orgs/sato-seisakusho");
        assertThat(page)
                .contains("id=\"score-chart\"", "<polyline", "<td>2025-11-01</td>", "<td>88</td>")
                .contains(
                        "id=\"review-BASIC_POLICY\"",
                        "id=\"review-form\"",
                        "id=\"cadence-form\"",
                        "id=\"record-download\"")
                .containsPattern("id=\"review-months\"[^>]*value=\"12\"");
        String csrf = csrf(page);

        // a number the API refuses: its message on the page, in Japanese
        String refused = refused(
                session,
                null,
                "/app/orgs/sato-seisakusho/reviews/cadence",
                BodyInserters.fromFormData("_csrf", csrf).with("months", "abc"));
        assertThat(refused).contains("見直しの間隔は1〜36か月で指定してください。");
        assertThat(services.drain(Duration.ofMillis(200)))
                .filteredOn(call -> call.body().contains("setReviewCadence"))
                .singleElement()
                .satisfies(call -> assertThat(call.body()).contains("\"months\":0"));

        client.post()
                .uri("/app/orgs/sato-seisakusho/reviews/complete")
                .cookie("HOSHI_SESSION", session)
                .body(BodyInserters.fromFormData("_csrf", csrf)
                        .with("note", "年次見直し")
                        .with("effectiveOn", ""))
                .exchange()
                .expectStatus()
                .is3xxRedirection()
                .expectHeader()
                .location("/app/orgs/sato-seisakusho?done=reviews#reviews");
        assertThat(services.drain(Duration.ofMillis(200)))
                .filteredOn(call -> call.body().contains("completeReview"))
                .singleElement()
                .satisfies(call -> assertThat(call.body())
                        .contains("\"kind\":\"BASIC_POLICY\"", "\"note\":\"年次見直し\"")
                        .doesNotContain("effectiveOn\":"));
    }

    @Test
    void anOwnerDownloadsTheWholeRecordAndARefusedExportGoesBackToThePage() {
        byte[] zip = {'P', 'K', 3, 4, 0, 0};
        services.answerWith((service, body) -> body.contains("organizationRecordExport")
                ? "{\"data\":{\"organizationRecordExport\":{\"fileName\":\"hoshi-record-sato-seisakusho.zip\","
                        + "\"contentType\":\"application/zip\",\"base64\":\""
                        + java.util.Base64.getEncoder().encodeToString(zip) + "\"}}}"
                : null);
        String session = signedIn("sato");
        EntityExchangeResult<byte[]> file = client.get()
                .uri("/app/orgs/sato-seisakusho/record")
                .cookie("HOSHI_SESSION", session)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentType("application/zip")
                .expectHeader()
                .cacheControl(org.springframework.http.CacheControl.noStore())
                .expectBody()
                .returnResult();
        assertThat(file.getResponseBody()).isEqualTo(zip);
        assertThat(file.getResponseHeaders().getContentDisposition().getFilename())
                .isEqualTo("hoshi-record-sato-seisakusho.zip");
        assertThat(services.drain(Duration.ofMillis(200)))
                .filteredOn(call -> call.body().contains("organizationRecordExport"))
                .singleElement()
                .satisfies(call -> {
                    assertThat(call.service()).isEqualTo("compliance");
                    assertThat(call.header("X-Hoshi-Organization")).isEqualTo("sato-seisakusho");
                });

        // a member who is not an owner: the API refuses, the browser goes back to the organisation's page
        services.answerWith((service, body) -> "{\"data\":{\"organizationRecordExport\":null},\"errors\":[{"
                + "\"message\":\"Only the organisation's owners may export its record.\","
                + "\"extensions\":{\"code\":\"FORBIDDEN\"}}]}");
        client.get()
                .uri("/app/orgs/sato-seisakusho/record")
                .cookie("HOSHI_SESSION", session)
                .exchange()
                .expectStatus()
                .isSeeOther()
                .expectHeader()
                .location("/app/orgs/sato-seisakusho");
        // and without a session, sign-in
        client.get()
                .uri("/app/orgs/sato-seisakusho/record")
                .exchange()
                .expectStatus()
                .is3xxRedirection()
                .expectHeader()
                .location("/signin");
    }

    @Test
    void theKeyActionsPageShowsEachActionWithWhoConfirmedItAndSendsConfirmationsToCompliance() {
        java.util.function.BiFunction<String, String, String> member = organisation("MEMBER");
        java.util.function.BiFunction<String, String, String> keyActions = (service, body) -> {
            if (body.contains("confirmKeyAction")) {
                return "{\"data\":{\"confirmKeyAction\":{\"errors\":[{\"code\":\"DATE_IN_FUTURE\","
                        + "\"message\":\"The date 2099-01-01 is in the future.\",\"messageJa\":\"日付 2099-01-01 は未来です。\","
                        + "\"field\":\"effectiveOn\"}]}}}";
            }
            if (body.contains("managementChecklist")) {
                return "{\"data\":{\"organizationStatus\":{\"name\":\"佐藤製作所\"},\"managementChecklist\":{"
                        + "\"asOf\":\"2026-11-30\",\"confirmed\":1,\"total\":2,\"actions\":["
                        + "{\"actionId\":\"K1\",\"confirmed\":true,\"confirmedBy\":\"demo-sato\","
                        + "\"confirmedOn\":\"2026-10-01\",\"note\":\"方針を掲示\"},"
                        + "{\"actionId\":\"K2\",\"confirmed\":false,\"confirmedBy\":null,\"confirmedOn\":null,"
                        + "\"note\":null}]},\"guideline\":{\"principles\":[{\"id\":\"P1\",\"title\":{\"ja\":"
                        + "\"原則1\",\"en\":\"Principle 1\"}}],\"keyActions\":[{\"id\":\"K1\",\"title\":{\"ja\":"
                        + "\"方針を決める\",\"en\":\"Set the policy\"}},{\"id\":\"K2\",\"title\":{\"ja\":"
                        + "\"予算と人材\",\"en\":\"Budget and people\"}}]}}}";
            }
            return member.apply(service, body);
        };
        services.answerWith(keyActions);
        String session = signedIn("sato");

        String page = page(session, "/app/orgs/sato-seisakusho/key-actions");
        assertThat(page)
                .contains("id=\"key-action-K1\" data-confirmed=\"true\"", "方針を決める", "2026-10-01", "方針を掲示")
                .contains("id=\"withdraw-K1\"", "id=\"confirm-K2\"", "原則1", "2 項目中 1 項目を確認済み")
                .doesNotContain("id=\"confirm-K1\"");

        // a refused date: the API's message next to the date of that action's form
        String refused = refused(
                session,
                null,
                "/app/orgs/sato-seisakusho/key-actions/K2/confirm",
                BodyInserters.fromFormData("_csrf", csrf(page))
                        .with("note", "予算を確保")
                        .with("effectiveOn", "2099-01-01"));
        assertThat(refused).containsPattern("id=\"confirm-K2\"(?s).*class=\"field-error\">日付 2099-01-01 は未来です。<");
        assertThat(services.drain(Duration.ofMillis(200)))
                .filteredOn(call -> call.body().contains("confirmKeyAction"))
                .singleElement()
                .satisfies(call -> {
                    assertThat(call.service()).isEqualTo("compliance");
                    assertThat(call.body())
                            .contains("\"actionId\":\"K2\"", "\"note\":\"予算を確保\"", "\"effectiveOn\":\"2099-01-01\"");
                });

        // a viewer sees the same without any form
        services.answerWith((service, body) -> body.contains("organizationMembers")
                ? organisation("VIEWER").apply(service, body)
                : keyActions.apply(service, body));
        assertThat(page(session, "/app/orgs/sato-seisakusho/key-actions"))
                .contains("id=\"read-only\"", "方針を決める")
                .doesNotContain("id=\"withdraw-K1\"", "id=\"confirm-K2\"");
    }

    /** The rollup series of 12 months from 2025-12, the months {@code withheld} says below the threshold. */
    private static String rollupSeries(java.util.function.IntPredicate withheldMonth) {
        StringBuilder periods = new StringBuilder();
        java.time.YearMonth month = java.time.YearMonth.of(2025, 12);
        for (int i = 0; i < 12; i++, month = month.plusMonths(1)) {
            boolean withheld = withheldMonth.test(i);
            periods.append(i == 0 ? "" : ",")
                    .append("{\"period\":\"")
                    .append(month)
                    .append("\",\"suppressed\":")
                    .append(withheld)
                    .append(",\"levels\":")
                    .append(
                            withheld
                                    ? "null"
                                    : "{\"none\":2,\"oneStarEligible\":1,\"oneStarDeclared\":1,"
                                            + "\"twoStarsEligible\":" + (i / 4) + ",\"twoStarsDeclared\":1}")
                    .append(",\"scores\":{\"suppressed\":")
                    .append(withheld)
                    .append(",\"mean\":")
                    .append(withheld ? "null" : "62.5")
                    .append("}}");
        }
        return "{\"data\":{\"supportOrganizationRollupSeries\":{\"periods\":[" + periods + "]}}}";
    }

    private static final String ROLLUP =
            "{\"data\":{\"supportOrganizationRollup\":{\"supportOrganizationId\":\"assoc\","
                    + "\"period\":\"2026-11\",\"disclosureThreshold\":3,\"consentingMembers\":6,"
                    + "\"suppressed\":false,\"levels\":{\"none\":2,\"oneStarEligible\":1,"
                    + "\"oneStarDeclared\":1,\"twoStarsEligible\":1,\"twoStarsDeclared\":1},"
                    + "\"standingLapsed\":0,\"reviewsOverdue\":null,\"declined\":0,"
                    + "\"scores\":{\"suppressed\":true},\"items\":{\"suppressed\":true}}}}";

    @Test
    void whenEveryPeriodIsWithheldTheTrendIsATableOfWithheldPeriodsWithoutAChart() {
        services.answerWith((service, body) -> {
            if (body.contains("supportOrganizationRollupSeries")) {
                return rollupSeries(i -> true);
            }
            return body.contains("supportOrganizationRollup") ? ROLLUP : null;
        });
        String session = signedIn("tanaka");
        String page = page(session, "/app/association/assoc");
        assertThat(page)
                .contains("id=\"trend-all-withheld\"", "id=\"trend-table\"", "2026-11")
                .doesNotContain("id=\"trend-chart\"", "<polyline", "<svg");
        assertThat(page.split("class=\"suppressed\">秘匿</td>", -1).length - 1).isEqualTo(12);
    }

    @Test
    void theAssociationsRollupShowsTheTrendUpToItsPeriodAsAChartAndATableWithWithheldPeriodsMarked() {
        services.answerWith((service, body) -> {
            if (body.contains("supportOrganizationRollupSeries")) {
                return rollupSeries(i -> i == 3);
            }
            return body.contains("supportOrganizationRollup") ? ROLLUP : null;
        });
        String session = signedIn("tanaka");

        String monthly = page(session, "/app/association/assoc?industry=E");
        assertThat(monthly)
                .contains("id=\"trend-chart\"", "<polyline", "id=\"trend-table\"", "2026-11", "62.5")
                .doesNotContain("id=\"trend-all-withheld\"");
        // 12 rows, one of them withheld, and the withheld month breaks each line in two
        assertThat(monthly.split("<tr>", -1).length - 1).isGreaterThanOrEqualTo(13);
        assertThat(monthly).contains("class=\"suppressed\">秘匿</td>");
        assertThat(monthly.split("<polyline", -1).length - 1).isEqualTo(6);
        List<StubServices.Received> calls = services.drain(Duration.ofMillis(200));
        assertThat(calls)
                .filteredOn(call -> call.body().contains("supportOrganizationRollupSeries"))
                .singleElement()
                .satisfies(call -> assertThat(call.body())
                        .contains("\"from\":\"2025-12\"", "\"to\":\"2026-11\"", "\"interval\":\"MONTH\"")
                        .contains("\"industry\":\"E\""));

        page(session, "/app/association/assoc?trend=QUARTER");
        assertThat(services.drain(Duration.ofMillis(200)))
                .filteredOn(call -> call.body().contains("supportOrganizationRollupSeries"))
                .singleElement()
                .satisfies(call -> assertThat(call.body())
                        .contains("\"from\":\"2024-12\"", "\"to\":\"2026-11\"", "\"interval\":\"QUARTER\""));
    }

    /** The stubs as directory answers an operator: an organisation, a support organisation, a partner client. */
    private static String operatorDirectory(String service, String body) {
        if (body.contains("registerOrganization(")) {
            return "{\"data\":{\"registerOrganization\":{\"errors\":[{\"code\":\"INVALID_CORPORATE_NUMBER\","
                    + "\"message\":\"A corporate number is 13 digits with a valid check digit.\","
                    + "\"messageJa\":\"法人番号はチェックデジットが正しい13桁の数字です。\",\"field\":null}]}}}";
        }
        if (body.contains("issuePartnerClientKey")) {
            return "{\"data\":{\"issuePartnerClientKey\":{\"keyId\":\"k9\",\"apiKey\":\"hoshi_pk_k9_s3cret\","
                    + "\"errors\":[]}}}";
        }
        if (body.contains("revokePartnerClientKey")) {
            return "{\"data\":{\"revokePartnerClientKey\":{\"errors\":[{\"code\":\"UNKNOWN_KEY\","
                    + "\"message\":\"bank-demo has no active key nope.\",\"messageJa\":\"bank-demo に有効なキー nope は"
                    + "ありません。\",\"field\":null}]}}}";
        }
        if (body.contains("registerPartnerClient") || body.contains("registerSupportOrganization")) {
            return "{\"data\":{\"registerPartnerClient\":{\"errors\":[]},"
                    + "\"registerSupportOrganization\":{\"errors\":[]}}}";
        }
        if (body.contains("query { organizations {")) {
            return "{\"data\":{\"organizations\":[{\"id\":\"sato-seisakusho\",\"name\":\"佐藤製作所\","
                    + "\"nameEn\":null,\"corporateNumber\":\"1234567890123\",\"owner\":\"demo-sato\","
                    + "\"registeredAt\":\"2026-01-05T00:00:00Z\"}]}}";
        }
        if (body.contains("supportOrganizations {")) {
            return "{\"data\":{\"supportOrganizations\":[{\"id\":\"tokyo-machinery\",\"name\":\"東京都機械工業会\","
                    + "\"nameEn\":\"Tokyo Machinery Association\",\"kind\":\"INDUSTRY_ASSOCIATION\","
                    + "\"analysts\":[\"demo-tanaka\"],\"members\":[\"kato-kogyo\"]}]}}";
        }
        if (body.contains("partnerClients {")) {
            return "{\"data\":{\"partnerClients\":[{\"id\":\"bank-demo\",\"name\":\"星ヶ丘銀行\"}]}}";
        }
        return null;
    }

    @Test
    void theOperatorRegistersWithTheApisErrorsNextToTheFieldAndSeesAnIssuedKeyOnceOnly() {
        services.answerWith(WebPagesIT::operatorDirectory);
        String session = signedIn("operator");
        assertThat(page(session, "/app")).contains("id=\"operator-pages\"");
        assertThat(page(session, "/app/operator/organizations"))
                .contains("id=\"organization-sato-seisakusho\"", "1234567890123", "id=\"register-form\"")
                .contains(">2026-01-05 09:00 JST</time>");
        assertThat(page(session, "/app/operator/support-organizations"))
                .contains("id=\"support-organization-tokyo-machinery\"", "業界団体", "demo-tanaka");
        String clients = page(session, "/app/operator/partner-clients");
        assertThat(clients).contains("id=\"partner-client-bank-demo\"", "id=\"issue-bank-demo\"");

        // the API's refusal (no field named: found by its code) next to the corporate number, what was typed kept
        BodyInserters.FormInserter<String> register = BodyInserters.fromFormData("_csrf", csrf(clients))
                .with("name", "新しい会社")
                .with("corporateNumber", "123")
                .with("owner", "new-owner")
                .with("id", "");
        String refused = refused(session, null, "/app/operator/organizations", register);
        assertThat(refused)
                .containsPattern("id=\"corporateNumber-error\"[^>]*>法人番号はチェックデジットが正しい13桁の数字です。<")
                .containsPattern("id=\"name\"[^>]*value=\"新しい会社\"");
        assertThat(refused(session, "en", "/app/operator/organizations", register))
                .containsPattern("id=\"corporateNumber-error\"[^>]*>A corporate number is 13 digits");
        assertThat(services.drain(Duration.ofMillis(200)))
                .filteredOn(call -> call.body().contains("registerOrganization("))
                .hasSize(2)
                .allSatisfy(call -> {
                    assertThat(call.service()).isEqualTo("directory");
                    assertThat(call.body())
                            .contains("\"name\":\"新しい会社\"", "\"owner\":\"new-owner\"", "\"corporateNumber\":\"123\"")
                            .doesNotContain("\"id\":");
                });

        // a partner client registered: back to the list
        client.post()
                .uri("/app/operator/partner-clients")
                .cookie("HOSHI_SESSION", session)
                .body(BodyInserters.fromFormData("_csrf", csrf(clients)).with("name", "保険会社"))
                .exchange()
                .expectStatus()
                .is3xxRedirection()
                .expectHeader()
                .location("/app/operator/partner-clients?done=register");

        // an issued key: on the answer to the form, never cached, and on no page after it
        EntityExchangeResult<String> issued = client.post()
                .uri("/app/operator/partner-clients/bank-demo/keys")
                .cookie("HOSHI_SESSION", session)
                .body(BodyInserters.fromFormData("_csrf", csrf(clients)))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult();
        assertThat(issued.getResponseBody()).contains("id=\"issued-api-key\"", "hoshi_pk_k9_s3cret", "一度だけ");
        assertThat(issued.getResponseHeaders().getCacheControl()).contains("no-store");
        assertThat(page(session, "/app/operator/partner-clients")).doesNotContain("hoshi_pk_k9_s3cret", "issued-key");

        // revoking a key the client does not have: the API's message next to that client's key id
        String unknownKey = refused(
                session,
                null,
                "/app/operator/partner-clients/bank-demo/keys/revoke",
                BodyInserters.fromFormData("_csrf", csrf(clients)).with("keyId", "nope"));
        assertThat(unknownKey).containsPattern("id=\"keyId-bank-demo-error\"[^>]*>bank-demo に有効なキー nope はありません。<");
        assertThat(services.drain(Duration.ofMillis(200)))
                .filteredOn(call -> call.body().contains("revokePartnerClientKey"))
                .singleElement()
                .satisfies(call ->
                        assertThat(call.body()).contains("\"partnerClientId\":\"bank-demo\"", "\"keyId\":\"nope\""));
    }

    @Test
    void someoneWhoIsNotAnOperatorGetsTheForbiddenPageNotTheApisAnswer() {
        services.answerWith((service, body) -> body.contains("organizations {") || body.contains("registerOrganization")
                ? "{\"data\":null,\"errors\":[{\"message\":\"This needs the role platform_operator, which you do not"
                        + " have.\",\"extensions\":{\"code\":\"FORBIDDEN\",\"messageJa\":\"この操作にはロール"
                        + " platform_operator が必要です。\"}}]}"
                : null);
        String session = signedIn("sato");
        String html = client.get()
                .uri("/app/operator/organizations")
                .cookie("HOSHI_SESSION", session)
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(html)
                .contains("id=\"forbidden\"", "運用担当者向け")
                .doesNotContain("id=\"register-form\"", "platform_operator", "Exception");
        // a form posted anyway: the API refuses it, and the answer is the same page
        client.post()
                .uri("/app/operator/organizations")
                .cookie("HOSHI_SESSION", session)
                .body(BodyInserters.fromFormData("_csrf", csrf(html))
                        .with("name", "x")
                        .with("owner", "y"))
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectBody(String.class)
                .value(body -> assertThat(body).contains("id=\"forbidden\""));
    }

    @Test
    void theMemberListSortsAndNarrowsThroughTheApiAndItsLinksKeepTheChoice() {
        services.answerWith((service, body) -> body.contains("supportOrganizationMembers")
                ? "{\"data\":{\"supportOrganizationMembers\":{\"edges\":[{\"node\":{\"organizationId\":\"m1\","
                        + "\"name\":\"佐藤製作所\",\"scope\":\"LEVEL_ONLY\",\"industry\":null,\"smeClass\":null,"
                        + "\"prefecture\":null,\"level\":\"TWO_STARS_ELIGIBLE\",\"declaredLevel\":null,"
                        + "\"standing\":\"GOOD\",\"lapseReason\":null,\"score\":null,\"band\":null,"
                        + "\"assessedOn\":null,\"reviewOverdue\":null}}],"
                        + "\"pageInfo\":{\"hasNextPage\":true,\"endCursor\":\"c1\"}}}}"
                : null);
        String session = signedIn("tanaka");

        String page = page(
                session,
                "/app/association/assoc/members?industry=E&sort=LAST_ASSESSMENT&level=TWO_STARS_ELIGIBLE&overdue=true");

        assertThat(services.drain(Duration.ofMillis(200)))
                .filteredOn(call -> call.body().contains("supportOrganizationMembers"))
                .singleElement()
                .satisfies(call -> assertThat(call.body())
                        .contains(
                                "\"sort\":\"LAST_ASSESSMENT\"",
                                "\"level\":\"TWO_STARS_ELIGIBLE\"",
                                "\"overdue\":true",
                                "\"industry\":\"E\""));
        // the member's level group and scope in words; the chosen order marked; the next page keeps every choice
        assertThat(page).contains("★★ の要件を満たす（未宣言）", "段階のみ", "佐藤製作所");
        assertThat(page).containsPattern("id=\"sort-LAST_ASSESSMENT\"[^>]*aria-current=\"page\"");
        assertThat(page)
                .containsPattern("id=\"next-page\"\\s+href=\"[^\"]*level=TWO_STARS_ELIGIBLE&amp;overdue=true"
                        + "&amp;sort=LAST_ASSESSMENT&amp;after=c1\"");

        // a choice that is none of the API's is left out, not sent
        page(session, "/app/association/assoc/members?sort=$where&level=ALL");
        assertThat(services.drain(Duration.ofMillis(200)))
                .filteredOn(call -> call.body().contains("supportOrganizationMembers"))
                .singleElement()
                .satisfies(call ->
                        assertThat(call.body()).contains("\"sort\":\"SCORE\"").doesNotContain("\"level\"", "$where"));
    }

    @Test
    void theApiStillDeniesByDefaultWithJson() {
        client.post()
                .uri("/compliance/graphql")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"query\":\"{ organizationStatus { name } }\"}")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_JSON);
        assertThat(services.drain(Duration.ofMillis(200))).isEmpty();
    }

    @Test
    void htmxIsServedFromTheApplication() {
        client.get()
                .uri("/webjars/htmx.org/2.0.4/dist/htmx.min.js")
                .exchange()
                .expectStatus()
                .isOk();
        client.get().uri("/ui/hoshi.css").exchange().expectStatus().isOk();
    }

    /** A fresh session with its CSRF token, as the sign-in page gives them. */
    private final class Session {
        final String id;
        final String csrf;

        Session() {
            EntityExchangeResult<String> page = client.get()
                    .uri("/signin")
                    .exchange()
                    .expectBody(String.class)
                    .returnResult();
            this.id = page.getResponseCookies().getFirst("HOSHI_SESSION").getValue();
            this.csrf = csrf(page.getResponseBody());
        }
    }

    private static String csrf(String html) {
        Matcher matcher = CSRF.matcher(html);
        assertThat(matcher.find()).as("a _csrf field in the page").isTrue();
        return matcher.group(1);
    }
}
