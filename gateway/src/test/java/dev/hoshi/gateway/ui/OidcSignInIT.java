package dev.hoshi.gateway.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.hoshi.gateway.InternalTokens;
import dev.hoshi.gateway.MovingClock;
import dev.hoshi.gateway.StubServices;
import dev.hoshi.gateway.TestKeys;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.reactive.AutoConfigureWebTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

/**
 * The pages' OIDC sign-in as it runs for real (demo mode off), against a stub OpenID provider on 127.0.0.1: the
 * browser goes to the provider and back with a code, the session gets the access token (the browser only the
 * session cookie), and the pages call the API with it, so the services see an internal token for that person. A
 * callback with a state the session did not send is refused; the token's expiry ends the session; sign-out ends it,
 * at the provider too.
 */
@AutoConfigureWebTestClient(timeout = "PT30S")
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "hoshi.gateway.demo.enabled=false",
            "hoshi.gateway.oidc.audience=hoshi",
            "hoshi.gateway.oidc.client-id=hoshi",
            "hoshi.gateway.oidc.client-secret=pages-secret"
        })
class OidcSignInIT {

    static final StubServices services = StubServices.start();
    static final StubOpenIdProvider provider = new StubOpenIdProvider("hoshi", "pages-secret", "hoshi");
    static final Path signingKey = TestKeys.writePem(TestKeys.rsa(2048));
    static final MovingClock clock = new MovingClock(Instant.now());

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final HttpClient browser =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @TestConfiguration
    static class PagesClock {
        @Bean
        Clock pagesClock() {
            return clock;
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        services.register(registry);
        registry.add("hoshi.gateway.oidc.issuer-uri", provider::issuer);
        registry.add("hoshi.gateway.internal-token.key-location", signingKey::toString);
    }

    @AfterAll
    static void stop() {
        services.stop();
        provider.stop();
    }

    @Autowired
    WebTestClient client;

    @BeforeEach
    void clear() {
        services.clear();
        provider.signInAs("alice", "Alice Example");
    }

    @Test
    void theSignInPageOffersTheOrganisationsAccountAndNoPersonas() {
        String ja = client.get()
                .uri("/signin")
                .exchange()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(ja).contains("組織のアカウントでサインイン", "href=\"/signin/oidc\"").doesNotContain("persona-");
        String en = client.get()
                .uri("/signin")
                .cookie(UiLocales.COOKIE, "en")
                .exchange()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(en).contains("Sign in with your organisation&#39;s account");
    }

    @Test
    void signingInAtTheProviderGivesThePersonTheirPagesWithTheTokenKeptOnTheServer() throws Exception {
        Browser alice = new Browser();
        alice.signIn();

        EntityExchangeResult<String> home = alice.get("/app");
        assertThat(home.getStatus().value()).isEqualTo(200);
        assertThat(home.getResponseBody())
                .contains("Alice Example", "id=\"open-organization\"")
                .doesNotContain("eyJ");

        // the page asked the API through the gateway with alice's access token: the service got alice's internal token
        JWKSet jwks = InternalTokens.jwks(client);
        List<StubServices.Received> calls = services.drain(Duration.ofMillis(200));
        assertThat(calls)
                .filteredOn(call -> call.path().equals("/graphql"))
                .isNotEmpty()
                .allSatisfy(call -> {
                    JWTClaimsSet internal =
                            InternalTokens.verify(InternalTokens.bearer(call.header(HttpHeaders.AUTHORIZATION)), jwks);
                    assertThat(internal.getSubject()).isEqualTo("alice");
                    assertThat(internal.getStringClaim("actor")).isEqualTo("USER:alice");
                    assertThat(internal.getStringClaim("name")).isEqualTo("Alice Example");
                });

        // another person signing in gets their own session and token
        provider.signInAs("bob", "Bob Example");
        Browser bob = new Browser();
        bob.signIn();
        assertThat(bob.get("/app").getResponseBody()).contains("Bob Example").doesNotContain("Alice Example");
        assertThat(services.drain(Duration.ofMillis(200)))
                .filteredOn(call -> call.path().equals("/graphql"))
                .isNotEmpty()
                .allSatisfy(call -> assertThat(InternalTokens.verify(
                                        InternalTokens.bearer(call.header(HttpHeaders.AUTHORIZATION)), jwks)
                                .getSubject())
                        .isEqualTo("bob"));
        assertThat(alice.get("/app").getResponseBody()).contains("Alice Example");
    }

    @Test
    void aCallbackWithAStateThisSessionDidNotSendIsRefused() throws Exception {
        Browser browser = new Browser();
        EntityExchangeResult<String> start = browser.get("/signin/oidc");
        URI callback = atProvider(start.getResponseHeaders().getLocation());
        Map<String, String> query = StubOpenIdProvider.query(callback);

        EntityExchangeResult<String> refused =
                browser.get(callback.getPath() + "?code=" + query.get("code") + "&state=forged");
        assertThat(refused.getStatus().is3xxRedirection()).isTrue();
        assertThat(refused.getResponseHeaders().getLocation()).hasToString("/signin?failed");
        EntityExchangeResult<String> page = browser.get("/signin?failed");
        assertThat(page.getStatus().value()).isEqualTo(200);
        assertThat(page.getResponseBody()).contains("id=\"signin-failed\"", "サインインできませんでした");
        assertThat(browser.get("/app").getResponseHeaders().getLocation()).hasToString("/signin");

        // the right state is no longer usable either: it was taken off the session by the refused callback, or never
        // was in this one; a callback with no sign-in started at all is refused the same way
        assertThat(new Browser()
                        .get(callback.getPath() + "?" + callback.getRawQuery())
                        .getResponseHeaders()
                        .getLocation())
                .hasToString("/signin?failed");
    }

    @Test
    void theAccessTokensExpiryEndsTheSession() throws Exception {
        Browser browser = new Browser();
        browser.signIn();
        assertThat(browser.get("/app").getStatus().value()).isEqualTo(200);

        clock.advance(Duration.ofHours(2)); // past the access token's hour
        try {
            assertThat(browser.get("/app").getResponseHeaders().getLocation()).hasToString("/signin?expired");
        } finally {
            clock.advance(Duration.ofHours(-2));
        }
        assertThat(browser.get("/app").getResponseHeaders().getLocation()).hasToString("/signin");
    }

    @Test
    void signingOutEndsTheSessionHereAndAtTheProvider() throws Exception {
        Browser browser = new Browser();
        browser.signIn();
        String csrf = csrf(browser.get("/app").getResponseBody());
        String signedIn = browser.session;

        EntityExchangeResult<String> signedOut = browser.post("/signout", BodyInserters.fromFormData("_csrf", csrf));
        URI logout = signedOut.getResponseHeaders().getLocation();
        assertThat(logout.toString()).startsWith(provider.issuer() + "/logout?");
        Map<String, String> query = StubOpenIdProvider.query(logout);
        assertThat(query.get("id_token_hint")).startsWith("eyJ");
        assertThat(query.get("client_id")).isEqualTo("hoshi");
        assertThat(query.get("post_logout_redirect_uri")).endsWith("/signin?signedOut");
        // the browser may follow the provider there: the form's redirect is allowed by the page's policy
        assertThat(signedOut.getResponseHeaders().getFirst("Content-Security-Policy"))
                .contains("form-action 'self' " + provider.issuer());

        // the session is over, even for someone who kept its cookie
        client.get()
                .uri("/app")
                .cookie("HOSHI_SESSION", signedIn)
                .exchange()
                .expectHeader()
                .location("/signin");
    }

    /** The browser at the provider's authorize endpoint: where it is sent back to. */
    private URI atProvider(URI authorize) throws Exception {
        HttpResponse<Void> answer =
                browser.send(HttpRequest.newBuilder(authorize).GET().build(), HttpResponse.BodyHandlers.discarding());
        assertThat(answer.statusCode()).isEqualTo(302);
        URI back = URI.create(answer.headers().firstValue("Location").orElseThrow());
        assertThat(back.getPath()).isEqualTo("/signin/oidc/callback");
        return back;
    }

    /** A browser's session cookie, taken from every answer as a browser takes it. */
    private final class Browser {

        String session;

        EntityExchangeResult<String> get(String uri) {
            return remember(client.get()
                    .uri(URI.create(uri))
                    .cookies(cookies -> {
                        if (session != null) {
                            cookies.add("HOSHI_SESSION", session);
                        }
                    })
                    .exchange()
                    .expectBody(String.class)
                    .returnResult());
        }

        EntityExchangeResult<String> post(String uri, BodyInserters.FormInserter<String> form) {
            return remember(client.post()
                    .uri(uri)
                    .cookies(cookies -> {
                        if (session != null) {
                            cookies.add("HOSHI_SESSION", session);
                        }
                    })
                    .body(form)
                    .exchange()
                    .expectBody(String.class)
                    .returnResult());
        }

        private EntityExchangeResult<String> remember(EntityExchangeResult<String> result) {
            ResponseCookie cookie = result.getResponseCookies().getFirst("HOSHI_SESSION");
            if (cookie != null) {
                session = cookie.getMaxAge().isZero() ? null : cookie.getValue();
            }
            return result;
        }

        /** The whole flow as a browser makes it: to the provider and back. */
        void signIn() throws Exception {
            EntityExchangeResult<String> start = get("/signin/oidc");
            assertThat(start.getStatus().is3xxRedirection()).isTrue();
            String first = session;
            assertThat(first).isNotNull();
            URI authorize = start.getResponseHeaders().getLocation();
            Map<String, String> asked = StubOpenIdProvider.query(authorize);
            assertThat(authorize.toString()).startsWith(provider.issuer() + "/authorize?");
            assertThat(asked.get("scope")).contains("openid");
            assertThat(asked).containsKeys("state", "nonce", "code_challenge");
            assertThat(asked.get("code_challenge_method")).isEqualTo("S256");

            EntityExchangeResult<String> signedIn = get(atProvider(authorize).toString());
            assertThat(signedIn.getStatus().is3xxRedirection()).isTrue();
            assertThat(signedIn.getResponseHeaders().getLocation()).hasToString("/app");
            assertThat(signedIn.getResponseHeaders().toString()).doesNotContain("eyJ");
            // a new session id at sign-in
            assertThat(session).isNotNull().isNotEqualTo(first);
        }
    }

    private static String csrf(String html) {
        Matcher matcher = CSRF.matcher(html);
        assertThat(matcher.find()).as("a _csrf field in the page").isTrue();
        return matcher.group(1);
    }
}
