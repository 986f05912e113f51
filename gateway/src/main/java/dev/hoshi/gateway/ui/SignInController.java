package dev.hoshi.gateway.ui;

import dev.hoshi.gateway.demo.DemoPersona;
import dev.hoshi.gateway.demo.DemoPersonas;
import dev.hoshi.gateway.demo.DemoTokenIssuer;
import java.net.URI;
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
    private final ObjectProvider<OidcSignIn> oidc;
    private final Pages pages;

    SignInController(
            ObjectProvider<DemoPersonas> personas,
            ObjectProvider<DemoTokenIssuer> issuer,
            ObjectProvider<OidcSignIn> oidc,
            Pages pages) {
        this.personas = personas;
        this.issuer = issuer;
        this.oidc = oidc;
        this.pages = pages;
    }

    @GetMapping("/")
    Mono<Rendering> root(ServerWebExchange exchange) {
        return exchange.getSession().map(session -> Rendering.redirectTo(
                        UiSession.of(session, pages.now()).isPresent() ? "/app" : "/signin")
                .build());
    }

    @GetMapping("/signin")
    Rendering signIn() {
        DemoPersonas demo = personas.getIfAvailable();
        return Rendering.view("ui/signin")
                .modelAttribute("personas", demo == null ? List.of() : demo.all())
                .modelAttribute("demo", demo != null)
                .modelAttribute("oidc", oidc.getIfAvailable() != null)
                .build();
    }

    /**
     * Reached only when the OIDC sign-in could not start (its filter sends the browser to the provider otherwise):
     * the provider is unreachable, or no page client is configured.
     */
    @GetMapping(OidcSignIn.START)
    Rendering oidcUnavailable() {
        return Rendering.redirectTo("/signin?unavailable").build();
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
                    Instant now = pages.now();
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
                            persona.name(),
                            null);
                    return exchange.getSession()
                            .flatMap(signedIn::startIn)
                            .thenReturn(Rendering.redirectTo("/app").build());
                });
    }

    /**
     * Ends the session; after an OIDC sign-in, also the provider's session where its discovery document names an
     * {@code end_session_endpoint} (RP-initiated logout, coming back to {@code /signin?signedOut}).
     */
    @PostMapping("/signout")
    Mono<Rendering> signOut(ServerWebExchange exchange) {
        OidcSignIn provider = oidc.getIfAvailable();
        return exchange.getSession().flatMap(session -> {
            Object caller = session.getAttributes().get(UiSession.ATTRIBUTE);
            Mono<URI> next = provider != null && caller instanceof UiSession signedIn
                    ? provider.endSession(signedIn, exchange)
                    : Mono.empty();
            return session.invalidate()
                    .then(next.map(SignInController::toProvider)
                            .defaultIfEmpty(
                                    Rendering.redirectTo("/signin?signedOut").build()));
        });
    }

    /**
     * The redirect to the provider's sign-out page; the sign-out form's policy ({@code form-action}) lets the browser
     * follow it there, and nowhere else.
     */
    private static Rendering toProvider(URI endSession) {
        String origin = endSession.getScheme() + "://" + endSession.getRawAuthority();
        return Rendering.redirectTo(endSession.toString())
                .header(
                        "Content-Security-Policy",
                        UiSecurityConfiguration.CONTENT_SECURITY_POLICY.replace(
                                "form-action 'self'", "form-action 'self' " + origin))
                .build();
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
