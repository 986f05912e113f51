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
