package dev.hoshi.gateway.ui;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.web.reactive.context.ReactiveWebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.lang.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;
import org.springframework.web.reactive.socket.client.WebSocketClient;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The pages' only way to Hoshi: its public GraphQL API (queries and mutations over HTTP, subscriptions over
 * WebSocket), called through this gateway's own routes on the loopback address with the signed-in caller's bearer
 * token, exactly as any other client would call it.
 */
@Component
class HoshiApi implements ApplicationListener<ReactiveWebServerInitializedEvent> {

    private final WebClient.Builder builder;
    private final ObjectMapper json;
    private final WebSocketClient webSockets = new ReactorNettyWebSocketClient();
    private volatile WebClient client;
    private volatile String webSocketBase;

    HoshiApi(WebClient.Builder builder, ObjectMapper json) {
        this.builder = builder;
        this.json = json;
    }

    @Override
    public void onApplicationEvent(ReactiveWebServerInitializedEvent event) {
        if (event.getApplicationContext().getServerNamespace() == null) {
            webSocketBase = "ws://127.0.0.1:" + event.getWebServer().getPort();
            client = builder.clone()
                    .baseUrl("http://127.0.0.1:" + event.getWebServer().getPort())
                    .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(4 * 1024 * 1024))
                    .build();
        }
    }

    /**
     * Runs one GraphQL operation on {@code /<service>/graphql}.
     *
     * @param organizationId the organisation to act for (X-Hoshi-Organization), or null
     */
    Mono<Result> graphql(
            UiSession caller,
            String service,
            @Nullable String organizationId,
            String query,
            Map<String, Object> variables) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", query);
        body.put("variables", variables);
        return client.post()
                .uri("/{service}/graphql", service)
                .headers(headers -> {
                    headers.setBearerAuth(caller.token());
                    if (organizationId != null) {
                        headers.set("X-Hoshi-Organization", organizationId);
                    }
                })
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchangeToMono(response -> response.bodyToMono(JsonNode.class)
                        .defaultIfEmpty(MissingNode.getInstance())
                        .map(json -> Result.of(response.statusCode(), json)));
    }

    /**
     * Runs one GraphQL subscription on {@code /<service>/graphql} over WebSocket (graphql-transport-ws): every message
     * the service sends ({@code connection_ack}, {@code next}, {@code error}, {@code complete}, pings), as JSON, until
     * the socket ends. Cancelling closes the socket; a refused handshake is an error.
     */
    Flux<JsonNode> subscribe(UiSession caller, String service, String query, Map<String, Object> variables) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(caller.token());
        String subscribe =
                text(Map.of("id", "1", "type", "subscribe", "payload", Map.of("query", query, "variables", variables)));
        return Flux.create(messages -> {
            Disposable connection = webSockets
                    .execute(URI.create(webSocketBase + "/" + service + "/graphql"), headers, new WebSocketHandler() {
                        @Override
                        public List<String> getSubProtocols() {
                            return List.of("graphql-transport-ws");
                        }

                        @Override
                        public Mono<Void> handle(WebSocketSession session) {
                            return session.send(Flux.just("{\"type\":\"connection_init\"}", subscribe)
                                            .map(session::textMessage))
                                    .thenMany(session.receive()
                                            .map(message -> read(message.getPayloadAsText()))
                                            .doOnNext(messages::next))
                                    .then();
                        }
                    })
                    .subscribe(null, messages::error, messages::complete);
            messages.onDispose(connection);
        });
    }

    private String text(Map<String, Object> message) {
        try {
            return json.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            return MissingNode.getInstance();
        }
    }

    /** A GET of a routed path (an export), answered as bytes with the response's headers. */
    Mono<Download> get(UiSession caller, String path, @Nullable String organizationId) {
        return client.get()
                .uri(path)
                .headers(headers -> {
                    headers.setBearerAuth(caller.token());
                    if (organizationId != null) {
                        headers.set("X-Hoshi-Organization", organizationId);
                    }
                })
                .exchangeToMono(response -> response.bodyToMono(byte[].class)
                        .defaultIfEmpty(new byte[0])
                        .map(bytes -> new Download(
                                response.statusCode(), response.headers().asHttpHeaders(), bytes)));
    }

    record Download(HttpStatusCode status, HttpHeaders headers, byte[] body) {}

    /**
     * One answer: its {@code data}, and its top-level errors (refusals) with their code and messages.
     *
     * @param unauthenticated the gateway refused the token (expired or revoked): the person must sign in again
     */
    record Result(JsonNode data, List<Problem> errors, boolean unauthenticated) {

        static Result of(HttpStatusCode status, JsonNode json) {
            List<Problem> errors = new ArrayList<>();
            json.path("errors")
                    .forEach(error -> errors.add(new Problem(
                            error.path("extensions").path("code").asText("ERROR"),
                            error.path("message").asText(""),
                            error.path("extensions")
                                    .path("messageJa")
                                    .asText(error.path("message").asText("")),
                            null)));
            if (status.isError() && errors.isEmpty()) {
                errors.add(new Problem(
                        json.path("code").asText("HTTP_" + status.value()),
                        json.path("message").asText("The request failed with HTTP status " + status.value() + "."),
                        json.path("messageJa").asText("リクエストは HTTP ステータス " + status.value() + " で失敗しました。"),
                        null));
            }
            return new Result(json.path("data"), List.copyOf(errors), status.value() == 401);
        }

        /** The payload's business errors ({@code errors { code message messageJa field }}) under {@code field}. */
        List<Problem> userErrors(String mutation) {
            List<Problem> found = new ArrayList<>(errors);
            data.path(mutation)
                    .path("errors")
                    .forEach(error -> found.add(new Problem(
                            error.path("code").asText(),
                            error.path("message").asText(),
                            error.path("messageJa").asText(),
                            error.path("field").isTextual()
                                    ? error.path("field").asText()
                                    : null)));
            return found;
        }
    }

    /** An error as the API put it, in both languages; {@code field} names the input at fault, when one is. */
    record Problem(String code, String message, String messageJa, @Nullable String field) {

        String text(boolean english) {
            return english ? message : messageJa;
        }
    }
}
