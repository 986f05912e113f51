package dev.hoshi.gateway.ui;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Live updates on the association's page: while the page is open, its script reads {@code
 * /app/association/{id}/live}, a stream of server-sent events, and shows each member change as it happens. The
 * stream is the public subscription {@code memberStatusChanged}, opened by the gateway on the caller's behalf
 * through its own {@code /insights/graphql} route with the session's token ({@link HoshiApi#subscribe}) (the browser never holds it), so the
 * analyst sees exactly what the API would send them: the members and scopes insights checks before every message.
 *
 * <p>Events, each with {@code {"text": …}} in the page's language: {@code open} once the subscription is acknowledged
 * (the page then says it is watching), {@code change} for each member change, {@code ended} when the subscription
 * ends (refused, revoked, the session is gone). Nothing else.
 */
@Controller
class LiveMemberChanges {

    static final String SUBSCRIPTION = "subscription($id: ID!) { memberStatusChanged(supportOrganizationId: $id) {"
            + " organizationId name levelBefore level standingBefore standing scoreBefore score at } }";

    private final Pages pages;
    private final HoshiApi api;
    private final MessageSource messages;

    LiveMemberChanges(Pages pages, HoshiApi api, MessageSource messages) {
        this.pages = pages;
        this.api = api;
        this.messages = messages;
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

    /** The subscription's messages as events, until one ends it; closing the page (cancelling) closes the socket. */
    private Flux<ServerSentEvent<Map<String, String>>> changes(UiSession caller, String id, Locale locale) {
        return api.subscribe(caller, "insights", SUBSCRIPTION, Map.of("id", id))
                .concatMap(message -> Mono.justOrEmpty(event(message, locale)))
                .takeUntil(event -> "ended".equals(event.event()))
                .onErrorResume(e -> Mono.just(ended("ui.live.unavailable", locale)));
    }

    /** The event one message makes, if any: ping, pong and the like make none. */
    private Optional<ServerSentEvent<Map<String, String>>> event(JsonNode message, Locale locale) {
        switch (message.path("type").asText()) {
            case "connection_ack" -> {
                return Optional.of(event("open", "ui.live.open", locale));
            }
            case "next" -> {
                JsonNode change = message.path("payload").path("data").path("memberStatusChanged");
                if (!change.isObject()) {
                    return Optional.of(ended("ui.live.notFound", locale));
                }
                return Optional.of(ServerSentEvent.<Map<String, String>>builder(Map.of("text", text(change, locale)))
                        .event("change")
                        .build());
            }
            case "error" -> {
                String code = message.path("payload")
                        .path(0)
                        .path("extensions")
                        .path("code")
                        .asText();
                return Optional.of(
                        ended(code.equals("ACCESS_REVOKED") ? "ui.live.revoked" : "ui.live.notFound", locale));
            }
            case "complete" -> {
                return Optional.of(ended("ui.live.unavailable", locale));
            }
            default -> {
                return Optional.empty();
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

    private ServerSentEvent<Map<String, String>> ended(String key, Locale locale) {
        return event("ended", key, locale);
    }

    private ServerSentEvent<Map<String, String>> event(String name, String key, Locale locale) {
        return ServerSentEvent.<Map<String, String>>builder(Map.of("text", messages.getMessage(key, null, locale)))
                .event(name)
                .build();
    }
}
