package dev.hoshi.gateway.ui;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.lang.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** What every page does first: find the signed-in caller, or send the browser to sign-in. */
@Component
class Pages {

    /** An organisation's (or support organisation's) id in a path; anything else is simply not found. */
    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    private final Clock clock;

    /** The system's clock, unless the application has a {@link Clock} bean (tests move one). */
    Pages(ObjectProvider<Clock> clock) {
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /** Now, by the pages' clock (a session's token is over at its expiry by this clock). */
    Instant now() {
        return clock.instant();
    }

    /** Runs the page for the signed-in caller; anyone else (no session, or its token expired) goes to sign-in. */
    Mono<Rendering> signedIn(ServerWebExchange exchange, Function<UiSession, Mono<Rendering>> page) {
        return exchange.getSession().flatMap(session -> UiSession.of(session, clock.instant())
                .map(page)
                .orElseGet(() -> {
                    boolean expired = session.getAttributes().containsKey(UiSession.ATTRIBUTE);
                    return session.invalidate()
                            .thenReturn(Rendering.redirectTo(expired ? "/signin?expired" : "/signin")
                                    .build());
                }));
    }

    /** The signed-in caller, if any (for answers that are not pages, such as a download). */
    Mono<UiSession> caller(ServerWebExchange exchange) {
        return exchange.getSession().flatMap(session -> Mono.justOrEmpty(UiSession.of(session, clock.instant())));
    }

    /** The API no longer accepts the session's token: end the session and sign in again. */
    static Mono<Rendering> expired(ServerWebExchange exchange) {
        return exchange.getSession()
                .flatMap(session -> session.invalidate())
                .thenReturn(Rendering.redirectTo("/signin?expired").build());
    }

    /** The one page for "no such thing, or not yours to see". */
    static Rendering notFound(UiSession caller) {
        return Rendering.view("ui/notfound")
                .status(HttpStatus.NOT_FOUND)
                .modelAttribute("caller", caller)
                .build();
    }

    /** The page for a signed-in caller who may not open this page at all (the API refused with FORBIDDEN). */
    static Rendering forbidden(UiSession caller) {
        return Rendering.view("ui/forbidden")
                .status(HttpStatus.FORBIDDEN)
                .modelAttribute("caller", caller)
                .build();
    }

    /**
     * A file an export query answered ({@code fileName contentType base64}), handed to the browser as a download
     * that is never cached.
     */
    static ResponseEntity<byte[]> download(JsonNode file) {
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(file.path("contentType").asText()))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(file.path("fileName").asText(), StandardCharsets.UTF_8)
                                .build()
                                .toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(Base64.getDecoder().decode(file.path("base64").asText()));
    }

    /** A redirect for answers that are not pages (a download that could not be made). */
    static ResponseEntity<byte[]> seeOther(String to) {
        return ResponseEntity.status(HttpStatus.SEE_OTHER)
                .header(HttpHeaders.LOCATION, to)
                .body(new byte[0]);
    }

    /** A form's value, trimmed; empty when the form does not have it. */
    static String text(MultiValueMap<String, String> form, String name) {
        String value = form.getFirst(name);
        return value == null ? "" : value.trim();
    }

    /** The input plus each of the form's {@code optional} fields that was filled in. */
    static Map<String, Object> withGiven(
            Map<String, Object> input, MultiValueMap<String, String> form, String... optional) {
        Map<String, Object> all = new LinkedHashMap<>(input);
        for (String field : optional) {
            String value = text(form, field);
            if (!value.isEmpty()) {
                all.put(field, value);
            }
        }
        return all;
    }

    /** The caller's role in directory's {@code organizationMembers}, or null when they are not one of them. */
    @Nullable
    static String roleOf(UiSession caller, JsonNode members) {
        for (JsonNode member : members) {
            if (caller.subject().equals(member.path("userId").asText())) {
                return member.path("role").asText();
            }
        }
        return null;
    }

    /**
     * The error with the form's input it is about, or with none (shown at the top of the page) when the form shows no
     * such input. Many of the API's errors name no {@code field}: the input is then found by the error's code
     * ({@code fieldOfCode}: the inputs it may be about, the first one the form has; else {@code INVALID_<INPUT>}, the API's code for an input in the wrong form), else by the
     * input's name quoted in the message ({@code 'evidenceUrl' must be ...}).
     */
    static HoshiApi.Problem placed(
            HoshiApi.Problem problem, List<String> inputs, Map<String, List<String>> fieldOfCode) {
        String field = problem.field();
        if (field == null) {
            // the first of the inputs the code may be about that this form has
            field = fieldOfCode.getOrDefault(problem.code(), List.of()).stream()
                    .filter(inputs::contains)
                    .findFirst()
                    .orElse(null);
        }
        if (field == null && problem.code().startsWith("INVALID_")) {
            String camel = camelCase(problem.code().substring("INVALID_".length()));
            field = inputs.contains(camel) ? camel : null;
        }
        Matcher quoted = QUOTED.matcher(problem.message());
        if (field == null && quoted.find()) {
            field = quoted.group(1);
        }
        String shown = field != null && inputs.contains(field) ? field : null;
        return Objects.equals(shown, problem.field())
                ? problem
                : new HoshiApi.Problem(problem.code(), problem.message(), problem.messageJa(), shown);
    }

    private static final Pattern QUOTED = Pattern.compile("'([A-Za-z]+)'");

    /** {@code CORPORATE_NUMBER} as {@code corporateNumber}. */
    private static String camelCase(String constant) {
        StringBuilder camel = new StringBuilder();
        for (String word : constant.toLowerCase(java.util.Locale.ROOT).split("_")) {
            camel.append(
                    camel.isEmpty() || word.isEmpty()
                            ? word
                            : Character.toUpperCase(word.charAt(0)) + word.substring(1));
        }
        return camel.toString();
    }

    /** A form's errors as the page shows them: those naming a field next to it, the others at the top. */
    record Problems(List<HoshiApi.Problem> general, Map<String, List<HoshiApi.Problem>> byField) {

        static final Problems NONE = new Problems(List.of(), Map.of());

        static Problems of(List<HoshiApi.Problem> problems) {
            Map<String, List<HoshiApi.Problem>> byField = new LinkedHashMap<>();
            List<HoshiApi.Problem> general = new ArrayList<>();
            for (HoshiApi.Problem problem : problems) {
                if (problem.field() == null) {
                    general.add(problem);
                } else {
                    byField.computeIfAbsent(problem.field(), f -> new ArrayList<>())
                            .add(problem);
                }
            }
            return new Problems(general, byField);
        }

        boolean isEmpty() {
            return general.isEmpty() && byField.isEmpty();
        }
    }
}
