package dev.hoshi.gateway.ui;

import java.time.Clock;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** What every page does first: find the signed-in caller, or send the browser to sign-in. */
@Component
class Pages {

    /** An organisation's (or support organisation's) id in a path; anything else is simply not found. */
    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    private final Clock clock = Clock.systemUTC();

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
}
