package dev.hoshi.gateway.ui;

import dev.hoshi.gateway.security.GatewaySecurityProperties;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.oidc.authentication.logout.OidcLogoutToken;
import org.springframework.security.oauth2.client.oidc.server.session.ReactiveOidcSessionRegistry;
import org.springframework.security.oauth2.client.oidc.session.OidcSessionInformation;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.server.DefaultServerOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.server.DefaultServerRedirectStrategy;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.util.matcher.PathPatternParserServerWebExchangeMatcher;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Signing in to the pages at the OIDC provider (the authorization code flow with PKCE, state and nonce checked by
 * Spring Security), when {@code hoshi.gateway.oidc.client-id} names the pages' client. {@code GET /signin/oidc}
 * sends the browser to the provider, which sends it back to {@code /signin/oidc/callback}; the access token then goes
 * into the server-side {@link UiSession}, as a demo persona's does, and the pages call the API with it (where the
 * API's own checks of audience and {@code azp} apply). The provider's discovery document is read at the first sign-in,
 * not at start-up, so the gateway starts while the provider is down; a sign-in while it is unreachable goes back to
 * the sign-in page with a message.
 */
@Component
@ConditionalOnExpression(
        "!'${hoshi.gateway.oidc.issuer-uri:}'.isBlank() && !'${hoshi.gateway.oidc.client-id:}'.isBlank()")
class OidcSignIn {

    static final String REGISTRATION_ID = "hoshi";
    static final String START = "/signin/oidc";
    static final String CALLBACK = "/signin/oidc/callback";

    private static final Logger log = LoggerFactory.getLogger(OidcSignIn.class);
    private static final String AUTHORIZED_CLIENT = OidcSignIn.class.getName() + ".authorizedClient";
    private static final String UNAVAILABLE = OidcSignIn.class.getName() + ".unavailable";

    private final Mono<ClientRegistration> registration;
    private final ReactiveClientRegistrationRepository registrations;
    private final DefaultServerRedirectStrategy redirect = new DefaultServerRedirectStrategy();

    OidcSignIn(GatewaySecurityProperties properties) {
        GatewaySecurityProperties.Oidc oidc = properties.oidc();
        // read once it works; a failure is not kept, so the next sign-in tries again
        this.registration = Mono.fromCallable(() -> registration(oidc))
                .subscribeOn(Schedulers.boundedElastic())
                .cache(found -> Duration.ofMillis(Long.MAX_VALUE), failed -> Duration.ZERO, () -> Duration.ZERO);
        this.registrations = id -> REGISTRATION_ID.equals(id) ? registration : Mono.empty();
        log.info(
                "The web pages sign people in at {} as the client {} ({} client, PKCE)",
                oidc.issuerUri(),
                oidc.clientId(),
                oidc.clientSecret() == null ? "public" : "confidential");
    }

    private static ClientRegistration registration(GatewaySecurityProperties.Oidc oidc) {
        ClientRegistration.Builder builder = ClientRegistrations.fromIssuerLocation(oidc.issuerUri())
                .registrationId(REGISTRATION_ID)
                .clientId(oidc.clientId())
                .scope(oidc.scopes())
                .redirectUri("{baseUrl}" + CALLBACK)
                .clientSettings(ClientRegistration.ClientSettings.builder()
                        .requireProofKey(true)
                        .build());
        if (oidc.clientSecret() == null) {
            builder.clientSecret(null).clientAuthenticationMethod(ClientAuthenticationMethod.NONE);
        } else {
            builder.clientSecret(oidc.clientSecret());
        }
        return builder.build();
    }

    /** The pages' chain signs in with the authorization code flow; everything else about the chain stays. */
    void configure(ServerHttpSecurity http) {
        DefaultServerOAuth2AuthorizationRequestResolver requests =
                new DefaultServerOAuth2AuthorizationRequestResolver(registrations);
        http.oauth2Login(login -> login.clientRegistrationRepository(registrations)
                .authorizationRequestResolver(authorizationRequests(requests))
                .authenticationMatcher(new PathPatternParserServerWebExchangeMatcher(CALLBACK))
                .authorizedClientRepository(new ThisExchangeOnly())
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .oidcSessionRegistry(new NoBackChannelLogout())
                .authenticationSuccessHandler(this::signedIn)
                .authenticationFailureHandler((exchange, failure) -> {
                    log.info("An OIDC sign-in was refused: {}", failure.getMessage());
                    return redirect.sendRedirect(exchange.getExchange(), URI.create("/signin?failed"));
                }));
    }

    /**
     * {@code GET /signin/oidc} starts a sign-in; when the provider cannot be reached, the request goes on to the
     * controller, which sends the browser back to sign-in with a message.
     */
    private static ServerOAuth2AuthorizationRequestResolver authorizationRequests(
            DefaultServerOAuth2AuthorizationRequestResolver requests) {
        return new ServerOAuth2AuthorizationRequestResolver() {
            @Override
            public Mono<OAuth2AuthorizationRequest> resolve(ServerWebExchange exchange) {
                if (!START.equals(exchange.getRequest().getPath().value())) {
                    return Mono.empty();
                }
                return resolve(exchange, REGISTRATION_ID);
            }

            @Override
            public Mono<OAuth2AuthorizationRequest> resolve(ServerWebExchange exchange, String registrationId) {
                return requests.resolve(exchange, registrationId).onErrorResume(failure -> {
                    log.warn("The OIDC provider's discovery document could not be read: {}", failure.toString());
                    exchange.getAttributes().put(UNAVAILABLE, true);
                    return Mono.empty();
                });
            }
        };
    }

    /** The provider answered with a code that Spring Security has exchanged and checked: start the session. */
    private Mono<Void> signedIn(WebFilterExchange filterExchange, Authentication authentication) {
        ServerWebExchange exchange = filterExchange.getExchange();
        OAuth2AuthorizedClient client = exchange.getAttribute(AUTHORIZED_CLIENT);
        if (client == null || !(authentication.getPrincipal() instanceof OidcUser person)) {
            return redirect.sendRedirect(exchange, URI.create("/signin?failed"));
        }
        String name = Optional.ofNullable(person.getFullName())
                .or(() -> Optional.ofNullable(person.getPreferredUsername()))
                .orElse(person.getSubject());
        UiSession signedIn = new UiSession(
                person.getSubject(),
                name,
                client.getAccessToken().getTokenValue(),
                Optional.ofNullable(client.getAccessToken().getExpiresAt())
                        .orElse(person.getIdToken().getExpiresAt()),
                null,
                null,
                person.getIdToken().getTokenValue());
        return exchange.getSession()
                .flatMap(signedIn::startIn)
                .then(redirect.sendRedirect(exchange, URI.create("/app")));
    }

    /** Whether this request's sign-in could not start because the provider was unreachable. */
    static boolean unavailable(ServerWebExchange exchange) {
        return Boolean.TRUE.equals(exchange.getAttribute(UNAVAILABLE));
    }

    /**
     * Where the browser goes at sign-out: the provider's {@code end_session_endpoint} (RP-initiated logout) where its
     * discovery document has one, coming back to {@code /signin?signedOut}; empty otherwise.
     */
    Mono<URI> endSession(UiSession caller, ServerWebExchange exchange) {
        if (caller.idToken() == null) {
            return Mono.empty();
        }
        return registration.onErrorResume(failure -> Mono.empty()).flatMap(found -> {
            Object endpoint =
                    found.getProviderDetails().getConfigurationMetadata().get("end_session_endpoint");
            if (!(endpoint instanceof String url) || url.isBlank()) {
                return Mono.empty();
            }
            String back = UriComponentsBuilder.fromUri(exchange.getRequest().getURI())
                    .replacePath("/signin")
                    .replaceQuery("signedOut")
                    .fragment(null)
                    .build()
                    .toUriString();
            return Mono.just(UriComponentsBuilder.fromUriString(url)
                    .queryParam("id_token_hint", caller.idToken())
                    .queryParam("client_id", found.getClientId())
                    .queryParam("post_logout_redirect_uri", back)
                    .encode()
                    .build()
                    .toUri());
        });
    }

    /**
     * Back-channel logout is not offered, so the sessions signed in at the provider are not listed: Spring Security's
     * default in-memory list would keep an entry for every session that ends by idling out.
     */
    private static final class NoBackChannelLogout implements ReactiveOidcSessionRegistry {

        @Override
        public Mono<Void> saveSessionInformation(OidcSessionInformation info) {
            return Mono.empty();
        }

        @Override
        public Mono<OidcSessionInformation> removeSessionInformation(String clientSessionId) {
            return Mono.empty();
        }

        @Override
        public Flux<OidcSessionInformation> removeSessionInformation(OidcLogoutToken logoutToken) {
            return Flux.empty();
        }
    }

    /**
     * Where Spring Security puts the signed-in client: on this request only, for {@link #signedIn} to copy its access
     * token into the session. The token lives in {@link UiSession} alone.
     */
    private static final class ThisExchangeOnly implements ServerOAuth2AuthorizedClientRepository {

        @Override
        @SuppressWarnings("unchecked")
        public <T extends OAuth2AuthorizedClient> Mono<T> loadAuthorizedClient(
                String registrationId, Authentication principal, ServerWebExchange exchange) {
            return Mono.justOrEmpty((T) exchange.getAttribute(AUTHORIZED_CLIENT));
        }

        @Override
        public Mono<Void> saveAuthorizedClient(
                OAuth2AuthorizedClient client, Authentication principal, ServerWebExchange exchange) {
            return Mono.fromRunnable(() -> exchange.getAttributes().put(AUTHORIZED_CLIENT, client));
        }

        @Override
        public Mono<Void> removeAuthorizedClient(
                String registrationId, Authentication principal, ServerWebExchange exchange) {
            return Mono.fromRunnable(() -> exchange.getAttributes().remove(AUTHORIZED_CLIENT));
        }
    }
}
