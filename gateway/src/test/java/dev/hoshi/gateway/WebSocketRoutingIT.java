package dev.hoshi.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.reactive.AutoConfigureWebTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;
import org.springframework.web.util.ForwardedHeaderUtils;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.WebsocketServerSpec;

/**
 * A WebSocket upgrade (GraphQL subscriptions) through the insights route: Spring Cloud Gateway turns it into a
 * WebSocket to the service, and the service's handshake carries the internal token in place of the caller's.
 */
@AutoConfigureWebTestClient(timeout = "PT30S")
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "hoshi.gateway.websocket.allowed-origins=https://dashboard.example.com")
@ActiveProfiles("demo")
class WebSocketRoutingIT {

    private static final String PROTOCOL = "graphql-transport-ws";
    private static final BlockingQueue<HttpHeaders> handshakes = new LinkedBlockingQueue<>();
    private static final BlockingQueue<String> paths = new LinkedBlockingQueue<>();

    /**
     * Stands in for insights: a WebSocket endpoint at /graphql that records the handshake, says hello and stays open
     * until the client closes.
     */
    static final DisposableServer insights = HttpServer.create()
            .host("127.0.0.1")
            .port(0)
            .route(routes -> routes.get("/subscriptions", (request, response) -> {
                        // like the services (Spring MVC, forward-headers-strategy: framework): the host is the one
                        // the Forwarded/X-Forwarded-* headers name, and a handshake from another origin gets 403
                        HttpHeaders headers = new HttpHeaders();
                        request.requestHeaders().forEach(h -> headers.add(h.getKey(), h.getValue()));
                        URI seen = ForwardedHeaderUtils.adaptFromForwardedHeaders(
                                        URI.create("http://" + headers.getFirst(HttpHeaders.HOST) + request.uri()),
                                        headers)
                                .build()
                                .toUri();
                        String origin = headers.getOrigin();
                        if (origin != null && !origin.equals(seen.getScheme() + "://" + seen.getRawAuthority())) {
                            return response.status(403).send();
                        }
                        return response.sendWebsocket(
                                (in, out) -> out.sendString(in.receive()
                                        .asString()
                                        .map(message -> message.contains("connection_init")
                                                ? "{\"type\":\"connection_ack\"}"
                                                : "{\"id\":\"1\",\"type\":\"next\",\"payload\":{\"data\":{}}}")),
                                WebsocketServerSpec.builder()
                                        .protocols(PROTOCOL)
                                        .build());
                    })
                    .ws(
                            "/graphql",
                            (in, out) -> {
                                HttpHeaders headers = new HttpHeaders();
                                in.headers().forEach(h -> headers.add(h.getKey(), h.getValue()));
                                handshakes.add(headers);
                                // Say hello, then stay open until the client closes: a server that closed right after
                                // its message would race the gateway's relay of that message.
                                return out.sendString(Mono.just("hello from insights"))
                                        .then()
                                        .then(in.receive().then());
                            },
                            WebsocketServerSpec.builder().protocols(PROTOCOL).build()))
            .bindNow();

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

    @Test
    void anUpgradeReachesTheServiceWithTheInternalTokenInPlaceOfTheCallers() throws Exception {
        handshakes.clear();
        String callerToken = demoToken("tanaka");
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(callerToken);
        BlockingQueue<String> received = new LinkedBlockingQueue<>();

        new ReactorNettyWebSocketClient()
                .execute(URI.create("ws://127.0.0.1:" + port + "/insights/graphql"), headers, receiveOne(received))
                .block(Duration.ofSeconds(30));

        assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo("hello from insights");
        HttpHeaders handshake = handshakes.poll(5, TimeUnit.SECONDS);
        assertThat(handshake).isNotNull();
        assertThat(handshake.getFirst("Sec-WebSocket-Protocol")).isEqualTo(PROTOCOL);
        // the gateway's own origin, the one its Forwarded headers name (not the service's address)
        assertThat(handshake.getOrigin()).isEqualTo("http://127.0.0.1:" + port);
        String forwarded = handshake.getFirst(HttpHeaders.AUTHORIZATION);
        assertThat(forwarded).startsWith("Bearer ").isNotEqualTo("Bearer " + callerToken);
        JWTClaimsSet internal =
                SignedJWT.parse(forwarded.substring("Bearer ".length())).getJWTClaimsSet();
        assertThat(internal.getIssuer()).isEqualTo("hoshi-gateway");
        assertThat(internal.getAudience()).containsExactly("hoshi-services");
        assertThat(internal.getStringClaim("actor")).isEqualTo("USER:demo-tanaka");
    }

    /**
     * The JDK's client (the bad-input corpus's) to a service that, like the real ones, refuses a handshake from an
     * origin other than the one its forwarded headers name: acknowledged after connection_init, and a subscription's
     * message arrives (before the gateway sent its own origin, the service refused and the client got 1002).
     */
    @Test
    void theJdkClientIsAcknowledgedAndReceivesASubscriptionsMessage() throws Exception {
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        WebSocket socket = acknowledged(received);
        socket.sendText("{\"id\":\"1\",\"type\":\"subscribe\",\"payload\":{\"query\":\"subscription { x }\"}}", true)
                .get(10, TimeUnit.SECONDS);
        assertThat(received.poll(10, TimeUnit.SECONDS)).contains("\"type\":\"next\"");
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(10, TimeUnit.SECONDS);
    }

    /**
     * A message over the gateway's frame limit (64 KiB) closes the caller's socket with 1009 and a reason (Reactor
     * Netty alone closes with 1002, protocol error, and none), and the service never sees it.
     */
    @Test
    void aMessageOverTheLimitClosesWith1009SayingSo() throws Exception {
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        WebSocket socket = acknowledged(received);

        socket.sendText("{\"type\":\"ping\",\"payload\":{\"x\":\"" + "a".repeat(100_000) + "\"}}", true)
                .handle((sent, failed) -> sent)
                .get(10, TimeUnit.SECONDS);

        assertThat(received.poll(10, TimeUnit.SECONDS))
                .isEqualTo("close 1009 Message too big: at most 65536 bytes per message");
    }

    @Test
    void anUpgradeWithoutACallerIsRefusedAtTheGateway() {
        handshakes.clear();
        assertThatThrownBy(() -> new ReactorNettyWebSocketClient()
                        .execute(
                                URI.create("ws://127.0.0.1:" + port + "/insights/graphql"),
                                new HttpHeaders(),
                                receiveOne(new LinkedBlockingQueue<>()))
                        .block(Duration.ofSeconds(30)))
                .hasMessageContaining("401");
        assertThat(handshakes).isEmpty();
    }

    @Test
    void aHandshakeFromAPageOfAnotherOriginIsRefusedAtTheGateway() throws Exception {
        handshakes.clear();
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(demoToken("tanaka"));
        headers.setOrigin("https://evil.example");

        assertThatThrownBy(() -> new ReactorNettyWebSocketClient()
                        .execute(
                                URI.create("ws://127.0.0.1:" + port + "/insights/graphql"),
                                headers,
                                receiveOne(new LinkedBlockingQueue<>()))
                        .block(Duration.ofSeconds(30)))
                .hasMessageContaining("403");
        assertThat(handshakes).isEmpty();
    }

    @Test
    void aHandshakeFromAnAllowedOriginPasses() throws Exception {
        handshakes.clear();
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(demoToken("tanaka"));
        headers.setOrigin("https://dashboard.example.com");
        BlockingQueue<String> received = new LinkedBlockingQueue<>();

        new ReactorNettyWebSocketClient()
                .execute(URI.create("ws://127.0.0.1:" + port + "/insights/graphql"), headers, receiveOne(received))
                .block(Duration.ofSeconds(30));

        assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo("hello from insights");
    }

    private static WebSocketHandler receiveOne(BlockingQueue<String> received) {
        return new WebSocketHandler() {
            @Override
            public List<String> getSubProtocols() {
                return List.of(PROTOCOL);
            }

            @Override
            public Mono<Void> handle(WebSocketSession session) {
                return session.receive()
                        .take(1)
                        .map(WebSocketMessage::getPayloadAsText)
                        .doOnNext(received::add)
                        .then();
            }
        };
    }

    private String demoToken(String persona) throws Exception {
        return DemoTokens.of(client, persona);
    }

    /** {@link #jdkClient}, after connection_init and its acknowledgement. */
    private WebSocket acknowledged(BlockingQueue<String> received) throws Exception {
        WebSocket socket = jdkClient(received);
        socket.sendText("{\"type\":\"connection_init\"}", true).get(10, TimeUnit.SECONDS);
        assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("{\"type\":\"connection_ack\"}");
        return socket;
    }

    /** The JDK's WebSocket client to the insights route: texts as they are, a close as "close code reason". */
    private WebSocket jdkClient(BlockingQueue<String> received) throws Exception {
        return HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + demoToken("tanaka"))
                .subprotocols(PROTOCOL)
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/insights/subscriptions"), new WebSocket.Listener() {
                    private final StringBuilder partial = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            received.add(partial.toString());
                            partial.setLength(0);
                        }
                        ws.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
                        received.add("close " + code + " " + reason);
                        return null;
                    }

                    @Override
                    public void onError(WebSocket ws, Throwable error) {
                        received.add("error " + error);
                    }
                })
                .get(30, TimeUnit.SECONDS);
    }
}
