package dev.hoshi.gateway.ui;

import dev.hoshi.gateway.demo.DemoPersona;
import dev.hoshi.gateway.demo.DemoPersonas;
import dev.hoshi.gateway.demo.DemoTokenIssuer;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Sign-in (in demo mode: choose a persona), sign-out and the language switch. The token a sign-in yields is kept in
 * the server-side session; the session id changes at sign-in, and the session ends at sign-out.
 */
@Controller
class SignInController {

    private final ObjectProvider<DemoPersonas> personas;
    private final ObjectProvider<DemoTokenIssuer> issuer;
    private final Clock clock = Clock.systemUTC();

    SignInController(ObjectProvider<DemoPersonas> personas, ObjectProvider<DemoTokenIssuer> issuer) {
        this.personas = personas;
        this.issuer = issuer;
    }

    @GetMapping("/")
    Mono<Rendering> root(ServerWebExchange exchange) {
        return exchange.getSession().map(session -> Rendering.redirectTo(
                        UiSession.of(session, clock.instant()).isPresent() ? "/app" : "/signin")
                .build());
    }

    @GetMapping("/signin")
    Rendering signIn() {
        DemoPersonas demo = personas.getIfAvailable();
        return Rendering.view("ui/signin")
                .modelAttribute("personas", demo == null ? List.of() : demo.all())
                .modelAttribute("demo", demo != null)
                .build();
    }

    @PostMapping("/signin")
    Mono<Rendering> signIn(ServerWebExchange exchange) {
        DemoPersonas demo = personas.getIfAvailable();
        DemoTokenIssuer tokens = issuer.getIfAvailable();
        if (demo == null || tokens == null) {
            return Mono.just(Rendering.redirectTo("/signin").build());
        }
        return exchange.getFormData()
                .map(form -> demo.find(String.valueOf(form.getFirst("persona"))))
                .flatMap(found -> {
                    if (found.isEmpty()) {
                        return Mono.just(Rendering.view("ui/signin")
                                .status(org.springframework.http.HttpStatus.BAD_REQUEST)
                                .modelAttribute("personas", demo.all())
                                .modelAttribute("demo", true)
                                .modelAttribute("unknownPersona", true)
                                .build());
                    }
                    DemoPersona persona = found.get();
                    Instant now = clock.instant();
                    UiSession signedIn = new UiSession(
                            persona.subject(),
                            UiLocales.english(exchange)
                                    ? persona.displayName().en()
                                    : persona.displayName().ja(),
                            tokens.issue(persona, now),
                            now.plus(tokens.lifetime()),
                            persona.organization()
                                    .flatMap(DemoPersona.Organization::id)
                                    .orElse(null),
                            persona.name());
                    return exchange.getSession()
                            .flatMap(session -> session.changeSessionId().then(Mono.fromRunnable(() -> {
                                session.getAttributes().put(UiSession.ATTRIBUTE, signedIn);
                                session.start();
                            })))
                            .thenReturn(Rendering.redirectTo("/app").build());
                });
    }

    @PostMapping("/signout")
    Mono<Rendering> signOut(ServerWebExchange exchange) {
        return exchange.getSession()
                .flatMap(session -> session.invalidate())
                .thenReturn(Rendering.redirectTo("/signin?signedOut").build());
    }

    /** Sets the language cookie and goes back to the page it was chosen on (a path of this application only). */
    @PostMapping("/lang")
    Mono<Rendering> language(ServerWebExchange exchange) {
        return exchange.getFormData().map(form -> {
            exchange.getResponse().addCookie(UiLocales.cookie(form.getFirst("language")));
            String back = form.getFirst("back");
            boolean local = back != null && back.startsWith("/") && !back.startsWith("//") && !back.contains("\\");
            return Rendering.redirectTo(local ? back : "/")
                    .header(HttpHeaders.CACHE_CONTROL, "no-store")
                    .build();
        });
    }
}
