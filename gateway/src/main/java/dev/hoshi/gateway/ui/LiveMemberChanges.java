package dev.hoshi.gateway.ui;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.web.reactive.context.ReactiveWebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;
import org.springframework.web.reactive.socket.client.WebSocketClient;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Live updates on the association's page: while the page is open, its script reads {@code
 * /app/association/{id}/live}, a stream of server-sent events, and shows each member change as it happens. The
 * stream is the public subscription {@code memberStatusChanged}, opened by the gateway on the caller's behalf
 * through its own {@code /insights/graphql} route with the session's token (the browser never holds it), so the
 * analyst sees exactly what the API would send them: the members and scopes insights checks before every message.
 *
 * <p>Events, each with {@code {"text": …}} in the page's language: {@code open} once the subscription is acknowledged
 * (the page then says it is watching), {@code change} for each member change, {@code ended} when the subscription
 * ends (refused, revoked, the session is gone). Nothing else.
 */
@Controller
class LiveMemberChanges implements ApplicationListener<ReactiveWebServerInitializedEvent> {

    static final String SUBSCRIPTION = "subscription($id: ID!) { memberStatusChanged(supportOrganizationId: $id) {"
            + " organizationId name levelBefore level standingBefore standing scoreBefore score at } }";

    private final Pages pages;
    private final MessageSource messages;
    private final ObjectMapper json;
    private final WebSocketClient client = new ReactorNettyWebSocketClient();
    private volatile URI subscriptions;

    LiveMemberChanges(Pages pages, MessageSource messages, ObjectMapper json) {
        this.pages = pages;
        this.messages = messages;
        this.json = json;
    }

    @Override
    public void onApplicationEvent(ReactiveWebServerInitializedEvent event) {
        if (event.getApplicationContext().getServerNamespace() == null) {
            subscriptions = URI.create("ws://127.0.0.1:" + event.getWebServer().getPort() + "/insights/graphql");
        }
    }

    @GetMapping(path = "/app/association/{id}/live", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @ResponseBody
    Flux<ServerSentEvent<Map<String, String>>> live(@PathVariable String id, ServerWebExchange exchange) {
        Locale locale = UiLocales.locale(exchange);
        if (!Pages.ID.matcher(id).matches()) {
            return Flux.just(ended("ui.live.notFound", locale));
        }
        return pages.caller(exchange)
                .flatMapMany(caller -> changes(caller, id, locale))
                .switchIfEmpty(Flux.just(ended("ui.live.signedOut", locale)));
    }

    /** The subscription's messages as events, until it ends; closing the page (cancelling) closes the WebSocket. */
    private Flux<ServerSentEvent<Map<String, String>>> changes(UiSession caller, String id, Locale locale) {
        Sinks.Many<ServerSentEvent<Map<String, String>>> events =
                Sinks.many().unicast().onBackpressureBuffer();
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(caller.token());
        Mono<Void> connection = client.execute(subscriptions, headers, new WebSocketHandler() {
                    @Override
                    public List<String> getSubProtocols() {
                        return List.of("graphql-transport-ws");
                    }

                    @Override
                    public Mono<Void> handle(WebSocketSession session) {
                        Mono<Void> subscribe =
                                session.send(Flux.just("{\"type\":\"connection_init\"}", subscribeMessage(id))
                                        .map(session::textMessage));
                        Mono<Void> answers = session.receive()
                                .map(WebSocketMessage::getPayloadAsText)
                                .map(this::read)
                                .takeWhile(message -> forward(message, events, locale))
                                .then();
                        return subscribe.then(answers).then(session.close());
                    }

                    private JsonNode read(String text) {
                        try {
                            return json.readTree(text);
                        } catch (JsonProcessingException e) {
                            return MissingNode.getInstance();
                        }
                    }
                })
                .onErrorResume(e -> Mono.fromRunnable(() -> events.tryEmitNext(ended("ui.live.unavailable", locale))))
                .doFinally(signal -> events.tryEmitComplete());
        return Flux.merge(events.asFlux(), connection.thenMany(Flux.empty()));
    }

    /** Hands one message on; false once the subscription has ended. */
    private boolean forward(JsonNode message, Sinks.Many<ServerSentEvent<Map<String, String>>> events, Locale locale) {
        switch (message.path("type").asText()) {
            case "next" -> {
                JsonNode change = message.path("payload").path("data").path("memberStatusChanged");
                if (!change.isObject()) {
                    events.tryEmitNext(ended("ui.live.notFound", locale));
                    return false;
                }
                events.tryEmitNext(ServerSentEvent.<Map<String, String>>builder(Map.of("text", text(change, locale)))
                        .event("change")
                        .build());
                return true;
            }
            case "error" -> {
                String code = message.path("payload")
                        .path(0)
                        .path("extensions")
                        .path("code")
                        .asText();
                events.tryEmitNext(
                        ended(code.equals("ACCESS_REVOKED") ? "ui.live.revoked" : "ui.live.notFound", locale));
                return false;
            }
            case "complete" -> {
                events.tryEmitNext(ended("ui.live.unavailable", locale));
                return false;
            }
            case "connection_ack" -> {
                events.tryEmitNext(event("open", "ui.live.open", locale));
                return true;
            }
            default -> {
                return true; // ping, pong
            }
        }
    }

    /**
     * What changed, in the page's language: "佐藤製作所: ★ 宣言済み → ★★ 宣言済み、点数 60 → 80", each of level
     * group, standing and score only where it changed.
     */
    private String text(JsonNode change, Locale locale) {
        List<String> parts = new java.util.ArrayList<>();
        changed(parts, "ui.memberLevel.", change.path("levelBefore"), change.path("level"), locale);
        changed(parts, "ui.standing.", change.path("standingBefore"), change.path("standing"), locale);
        JsonNode before = change.path("scoreBefore");
        JsonNode after = change.path("score");
        if (after.isNumber() && !after.equals(before)) {
            parts.add(messages.getMessage(
                    "ui.live.score", new Object[] {before.isNumber() ? before.asText() : "—", after.asText()}, locale));
        }
        return messages.getMessage(
                "ui.live.change",
                new Object[] {
                    change.path("name").asText(), String.join(messages.getMessage("ui.live.and", null, locale), parts)
                },
                locale);
    }

    private void changed(List<String> parts, String prefix, JsonNode before, JsonNode after, Locale locale) {
        if (!before.equals(after)) {
            parts.add(label(prefix, before, locale) + " → " + label(prefix, after, locale));
        }
    }

    private String label(String prefix, JsonNode value, Locale locale) {
        return value.isTextual() ? messages.getMessage(prefix + value.asText(), null, value.asText(), locale) : "—";
    }

    private String subscribeMessage(String id) {
        try {
            return json.writeValueAsString(Map.of(
                    "id", "live",
                    "type", "subscribe",
                    "payload", Map.of("query", SUBSCRIPTION, "variables", Map.of("id", id))));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private ServerSentEvent<Map<String, String>> ended(String key, Locale locale) {
        return event("ended", key, locale);
    }

    private ServerSentEvent<Map<String, String>> event(String name, String key, Locale locale) {
        return ServerSentEvent.<Map<String, String>>builder(Map.of("text", messages.getMessage(key, null, locale)))
                .event(name)
                .build();
    }
}
