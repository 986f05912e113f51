package dev.hoshi.gateway.partner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.reactive.AutoConfigureWebTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.WebsocketServerSpec;

/**
 * Credentials stay at the edge: a partner calls with its API key and every other credential-bearing header a client
 * or proxy might send, and the service behind receives none of them, on a plain request and on a WebSocket handshake
 * alike; only the allow-listed headers and the gateway's own {@code X-Forwarded-*} arrive.
 */
@AutoConfigureWebTestClient(timeout = "PT30S")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
class CredentialHeadersIT {

    private static final String API_KEY = "hoshi_pk_bank1_S3cretS3cretS3cretS3cret";
    private static final String FORGED_ADDRESS = "203.0.113.66";

    /** Every credential-bearing or spoofable header a caller might send, with a value that must never arrive. */
    private static final Map<String, String> SENT = new LinkedHashMap<>();

    static {
        SENT.put("X-Api-Key", API_KEY);
        SENT.put("Cookie", "SESSION=cookie-secret-1; remember=cookie-secret-2");
        SENT.put("Proxy-Authorization", "Basic cHJveHk6cHJveHktc2VjcmV0");
        SENT.put("X-Auth-Token", "x-auth-secret");
        SENT.put("X-Access-Token", "x-access-secret");
        SENT.put("X-CSRF-Token", "csrf-secret");
        SENT.put("X-Amz-Security-Token", "amz-secret");
        SENT.put("X-Client-Cert", "client-cert-secret");
        SENT.put("X-Forwarded-For", FORGED_ADDRESS);
        SENT.put("X-Forwarded-Host", "evil.example");
        SENT.put("X-Forwarded-Proto", "gopher");
        SENT.put("X-Forwarded-Prefix", "/evil-prefix");
        SENT.put("X-Forwarded-User", "forged-user");
        SENT.put("X-Forwarded-Access-Token", "forwarded-access-secret");
        SENT.put("Forwarded", "for=" + FORGED_ADDRESS + ";host=evil.example");
        SENT.put("X-Real-IP", FORGED_ADDRESS);
        SENT.put("X-Original-URL", "/actuator/env");
        SENT.put("X-Remote-User", "forged-remote-user");
        SENT.put("X-Hoshi-Internal-Actor", "SYSTEM:hoshi");
        SENT.put("X-Hoshi-Internal-Token", "internal-secret");
        SENT.put("User-Agent", "agent-secret");
        SENT.put("Referer", "https://evil.example/referer-secret");
    }

    /** What a service may see: the allow-list, the gateway's own forwarding headers, and what its HTTP client adds. */
    private static final Set<String> EXPECTED_NAMES = Set.of(
            "accept",
            "accept-language",
            "content-type",
            "content-length",
            "authorization",
            "x-hoshi-organization",
            "x-correlation-id",
            "traceparent",
            "tracestate",
            "x-forwarded-for",
            "x-forwarded-host",
            "x-forwarded-proto",
            "x-forwarded-port",
            "x-forwarded-prefix",
            "forwarded",
            "host",
            "accept-encoding",
            "user-agent",
            // the WebSocket handshake the gateway itself opens to the service
            "upgrade",
            "connection",
            "sec-websocket-key",
            "sec-websocket-version",
            "sec-websocket-protocol",
            "origin");

    private static final BlockingQueue<HttpHeaders> received = new LinkedBlockingQueue<>();

    /** Stands in for insights: records the headers of every request and WebSocket handshake at /graphql. */
    static final DisposableServer insights = HttpServer.create()
            .host("127.0.0.1")
            .port(0)
            .route(routes -> routes.ws(
                            "/graphql",
                            (in, out) -> {
                                received.add(copy(in.headers()));
                                // stays open until the client closes (closing at once races the gateway's relay)
                                return out.sendString(Mono.just("hello"))
                                        .then()
                                        .then(in.receive().then());
                            },
                            WebsocketServerSpec.builder()
                                    .protocols("graphql-transport-ws")
                                    .build())
                    .post("/graphql", (request, response) -> {
                        received.add(copy(request.requestHeaders()));
                        return response.header("Content-Type", "application/json")
                                .sendString(
                                        request.receive().aggregate().asString().map(body -> "{\"data\":{}}"));
                    }))
            .bindNow();

    private static HttpHeaders copy(io.netty.handler.codec.http.HttpHeaders netty) {
        HttpHeaders headers = new HttpHeaders();
        netty.forEach(h -> headers.add(h.getKey(), h.getValue()));
        return headers;
    }

    @TestConfiguration
    static class Partners {

        @Bean
        @Primary
        PartnerKeyDirectory testPartnerKeys() {
            String hash = PartnerKeyResolver.sha256("S3cretS3cretS3cretS3cret");
            return (keyId, secretHash) -> Mono.just(
                    keyId.equals("bank1") && secretHash.equals(hash)
                            ? Optional.of(new PartnerKeyDirectory.PartnerClient("bank-demo", "Bank"))
                            : Optional.empty());
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("hoshi.gateway.services.insights", () -> "http://127.0.0.1:" + insights.port());
    }

    @AfterAll
    static void stop() {
        insights.disposeNow();
    }

    @LocalServerPort
    int port;

    @Autowired
    WebTestClient client;

    @BeforeEach
    void clear() {
        received.clear();
    }

    @Test
    void noCredentialOfTheCallersReachesAServiceOnARequest() throws Exception {
        client.post()
                .uri("/insights/graphql")
                .headers(headers -> SENT.forEach(headers::add))
                .header("X-Hoshi-Organization", "sato-seisakusho")
                .header("X-Correlation-Id", "corr-1")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"query\":\"{ __typename }\"}")
                .exchange()
                .expectStatus()
                .isOk();

        HttpHeaders arrived = received.poll(30, TimeUnit.SECONDS);
        assertOnlyWhatIsAllowed(arrived);
        assertThat(arrived.getFirst("X-Hoshi-Organization")).isEqualTo("sato-seisakusho");
        assertThat(arrived.getFirst("X-Correlation-Id")).isEqualTo("corr-1");
        assertThat(arrived.getFirst(HttpHeaders.CONTENT_TYPE)).startsWith("application/json");
    }

    @Test
    void noCredentialOfTheCallersReachesAServiceOnAWebSocketHandshake() throws Exception {
        HttpHeaders headers = new HttpHeaders();
        SENT.forEach(headers::add);
        BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        WebSocketHandler handler = new WebSocketHandler() {
            @Override
            public java.util.List<String> getSubProtocols() {
                return java.util.List.of("graphql-transport-ws");
            }

            @Override
            public Mono<Void> handle(org.springframework.web.reactive.socket.WebSocketSession session) {
                return session.receive()
                        .take(1)
                        .map(WebSocketMessage::getPayloadAsText)
                        .doOnNext(messages::add)
                        .then();
            }
        };

        new ReactorNettyWebSocketClient()
                .execute(URI.create("ws://127.0.0.1:" + port + "/insights/graphql"), headers, handler)
                .block(Duration.ofSeconds(30));

        assertThat(messages.poll(5, TimeUnit.SECONDS)).isEqualTo("hello");
        HttpHeaders handshake = received.poll(5, TimeUnit.SECONDS);
        assertOnlyWhatIsAllowed(handshake);
        assertThat(handshake.getFirst("Sec-WebSocket-Protocol")).isEqualTo("graphql-transport-ws");
    }

    private static void assertOnlyWhatIsAllowed(HttpHeaders arrived) throws Exception {
        assertThat(arrived).as("the service received the request").isNotNull();
        System.out.println("Headers the service received: " + arrived.keySet());
        assertThat(arrived.keySet())
                .allSatisfy(name -> assertThat(EXPECTED_NAMES).contains(name.toLowerCase(Locale.ROOT)));
        String everything = arrived.toString();
        SENT.forEach((name, value) -> assertThat(everything)
                .as("the value the caller sent as %s", name)
                .doesNotContain(value));
        assertThat(everything)
                .doesNotContain("S3cretS3cret")
                .doesNotContain("cookie-secret")
                .doesNotContain("evil");
        assertThat(arrived.get("X-Forwarded-Prefix")).containsExactly("/insights");
        // the partner was proven by its key, and the service learns it only from the internal token
        String internal = arrived.getFirst(HttpHeaders.AUTHORIZATION);
        assertThat(internal).startsWith("Bearer ");
        String claims = new String(
                java.util.Base64.getUrlDecoder().decode(internal.substring(7).split("\\.")[1]),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(new ObjectMapper().readTree(claims).path("actor").asText()).isEqualTo("PARTNER_CLIENT:bank-demo");
    }
}
