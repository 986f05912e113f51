package dev.hoshi.gateway.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.reactive.AutoConfigureWebTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;
import reactor.core.publisher.Flux;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.WebsocketServerSpec;

/**
 * Live updates on the association's page: the gateway opens the public subscription {@code memberStatusChanged}
 * through its own route with the session's token and hands each change to the page as a server-sent event, in the
 * page's language; the stream ends with a reason when the subscription does, and a caller without a session gets no
 * subscription at all.
 */
@AutoConfigureWebTestClient(timeout = "PT30S")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
class LiveMemberChangesIT {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final BlockingQueue<String> subscribed = new LinkedBlockingQueue<>();
    private static final BlockingQueue<String> tokens = new LinkedBlockingQueue<>();

    /**
     * Stands in for insights' subscription: acknowledges, then for the support organisation {@code tanaka-assoc}
     * sends two changes and ends with ACCESS_REVOKED; for any other, NOT_FOUND.
     */
    static final DisposableServer insights = HttpServer.create()
            .host("127.0.0.1")
            .port(0)
            .route(routes -> routes.ws(
                    "/graphql",
                    (in, out) -> {
                        tokens.add(in.headers().get(HttpHeaders.AUTHORIZATION, ""));
                        return out.sendString(in.receive().asString().concatMap(message -> {
                            if (message.contains("connection_init")) {
                                return Flux.just("{\"type\":\"connection_ack\"}");
                            }
                            subscribed.add(message);
                            if (!message.contains("\"tanaka-assoc\"")) {
                                return Flux.just("{\"id\":\"live\",\"type\":\"error\",\"payload\":[{\"message\":\"x\","
                                        + "\"extensions\":{\"code\":\"NOT_FOUND\"}}]}");
                            }
                            return Flux.just(
                                    next(
                                            "佐藤製作所",
                                            "ONE_STAR_DECLARED",
                                            "TWO_STARS_DECLARED",
                                            "GOOD",
                                            "GOOD",
                                            "60",
                                            "80"),
                                    next("鈴木商店", "NONE", "NONE", "GOOD", "PREREQUISITES_LAPSED", "null", "null"),
                                    "{\"id\":\"live\",\"type\":\"error\",\"payload\":[{\"message\":\"x\","
                                            + "\"extensions\":{\"code\":\"ACCESS_REVOKED\"}}]}");
                        }));
                    },
                    WebsocketServerSpec.builder()
                            .protocols("graphql-transport-ws")
                            .build()))
            .bindNow();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("hoshi.gateway.services.insights", () -> "http://127.0.0.1:" + insights.port());
    }

    @AfterAll
    static void stop() {
        insights.disposeNow();
    }

    @Autowired
    WebTestClient client;

    @Test
    void eachChangeArrivesAsAnEventInThePagesLanguageAndTheStreamEndsSayingWhy() throws Exception {
        String session = signedIn("tanaka");
        subscribed.clear();
        tokens.clear();

        List<ServerSentEvent<Map<String, String>>> events = live(session, "tanaka-assoc", "ja");

        assertThat(events).extracting(ServerSentEvent::event).containsExactly("open", "change", "change", "ended");
        assertThat(events.get(0).data().get("text")).isEqualTo("会員の変化を待っています。");
        events = events.subList(1, events.size());
        assertThat(events.get(0).data().get("text")).isEqualTo("佐藤製作所: ★ 宣言済み → ★★ 宣言済み、点数 60 → 80");
        assertThat(events.get(1).data().get("text")).isEqualTo("鈴木商店: 良好 → 前提条件の失効");
        assertThat(events.get(2).data().get("text")).contains("アナリストではなくなった");
        // the public subscription, opened with an internal token for tanaka (the browser's session held the token)
        assertThat(subscribed.poll(5, TimeUnit.SECONDS)).contains("memberStatusChanged", "\"tanaka-assoc\"");
        String token = tokens.poll(5, TimeUnit.SECONDS);
        assertThat(SignedJWT.parse(token.substring("Bearer ".length()))
                        .getJWTClaimsSet()
                        .getStringClaim("actor"))
                .isEqualTo("USER:demo-tanaka");

        List<ServerSentEvent<Map<String, String>>> english =
                live(session, "tanaka-assoc", "en").subList(1, 4);
        assertThat(english.get(0).data().get("text")).isEqualTo("佐藤製作所: ★ declared → ★★ declared, score 60 → 80");
        assertThat(english.get(2).data().get("text")).startsWith("You are no longer an analyst");
    }

    @Test
    void anotherSupportOrganisationOrABadIdEndsAtOnceAsNotShown() {
        String session = signedIn("tanaka");
        subscribed.clear();

        assertThat(live(session, "suzuki-assoc", "en"))
                .extracting(e -> e.event() + ": " + e.data().get("text"))
                .containsExactly(
                        "open: Watching for member changes.",
                        "ended: Changes of this support organisation cannot be shown.");
        assertThat(live(session, "-x", "en")).extracting(ServerSentEvent::event).containsExactly("ended");
    }

    @Test
    void withoutASessionNothingIsSubscribed() throws Exception {
        subscribed.clear();
        List<ServerSentEvent<Map<String, String>>> events = client.get()
                .uri("/app/association/tanaka-assoc/live")
                .accept(MediaType.TEXT_EVENT_STREAM)
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(new ParameterizedTypeReference<ServerSentEvent<Map<String, String>>>() {})
                .getResponseBody()
                .collectList()
                .block(Duration.ofSeconds(20));
        assertThat(events).extracting(ServerSentEvent::event).containsExactly("ended");
        assertThat(subscribed.poll(1, TimeUnit.SECONDS)).isNull();
    }

    private List<ServerSentEvent<Map<String, String>>> live(String session, String id, String language) {
        return client.get()
                .uri("/app/association/" + id + "/live")
                .cookie("HOSHI_SESSION", session)
                .cookie(UiLocales.COOKIE, language)
                .accept(MediaType.TEXT_EVENT_STREAM)
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(new ParameterizedTypeReference<ServerSentEvent<Map<String, String>>>() {})
                .getResponseBody()
                .collectList()
                .block(Duration.ofSeconds(20));
    }

    private static String next(
            String name,
            String levelBefore,
            String level,
            String standingBefore,
            String standing,
            String scoreBefore,
            String score) {
        return "{\"id\":\"live\",\"type\":\"next\",\"payload\":{\"data\":{\"memberStatusChanged\":{"
                + "\"organizationId\":\"o\",\"name\":\"" + name + "\",\"levelBefore\":\"" + levelBefore
                + "\",\"level\":\"" + level + "\",\"standingBefore\":\"" + standingBefore + "\",\"standing\":\""
                + standing + "\",\"scoreBefore\":" + scoreBefore + ",\"score\":" + score
                + ",\"at\":\"2026-12-01T00:00:00Z\"}}}}";
    }

    private String signedIn(String persona) {
        EntityExchangeResult<String> page =
                client.get().uri("/signin").exchange().expectBody(String.class).returnResult();
        String id = page.getResponseCookies().getFirst("HOSHI_SESSION").getValue();
        Matcher csrf = CSRF.matcher(page.getResponseBody());
        assertThat(csrf.find()).isTrue();
        return client.post()
                .uri("/signin")
                .cookie("HOSHI_SESSION", id)
                .body(BodyInserters.fromFormData("persona", persona).with("_csrf", csrf.group(1)))
                .exchange()
                .expectStatus()
                .is3xxRedirection()
                .expectBody()
                .returnResult()
                .getResponseCookies()
                .getFirst("HOSHI_SESSION")
                .getValue();
    }
}
