package dev.hoshi.gateway.security;

import dev.hoshi.gateway.web.ErrorBody;
import dev.hoshi.gateway.web.ErrorResponses;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.ReactiveAuthenticationManagerResolver;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.server.resource.authentication.JwtIssuerReactiveAuthenticationManagerResolver;
import org.springframework.security.oauth2.server.resource.authentication.JwtReactiveAuthenticationManager;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.authentication.ServerAuthenticationEntryPointFailureHandler;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The gateway's API security filter chain: stateless, deny by default. (The web pages' paths have their own chain,
 * ordered before this one: {@code dev.hoshi.gateway.ui.UiSecurityConfiguration}.)
 *
 * <p>Public: the JWKS, the gateway's own {@code /actuator/health/**} and {@code /actuator/info}, {@code /demo/**}
 * (handled only in demo mode; otherwise nothing answers there but 404), GETs of the exact paths in {@code
 * hoshi.gateway.public-paths} (such as insights' attestation key set) and, in demo mode only, GETs of the services'
 * GraphiQL pages. Everything else needs a caller, proven by a bearer JWT from a {@link TrustedIssuer} (chosen by its
 * {@code iss}) or by a {@link CredentialResolver}.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    private static final ErrorBody FORBIDDEN =
            new ErrorBody("FORBIDDEN", "This caller may not do this.", "この呼び出し元にはこの操作が許可されていません。");

    /**
     * No Spring Security observations (a timer and span per filter, authentication and authorization of every
     * request); the HTTP server's request observations stay.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    SecurityWebFilterChain gatewaySecurity(
            ServerHttpSecurity http,
            ObjectProvider<TrustedIssuer> trustedIssuers,
            ObjectProvider<CredentialResolver> credentialResolvers,
            CallerMapper callers,
            GatewaySecurityProperties properties,
            @Value("${hoshi.gateway.demo.enabled:false}") boolean demo) {
        JsonAuthenticationEntryPoint entryPoint = new JsonAuthenticationEntryPoint();
        ServerAccessDeniedHandler accessDenied =
                (exchange, denied) -> ErrorResponses.write(exchange, HttpStatus.FORBIDDEN, FORBIDDEN);

        http.csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .exceptionHandling(handling ->
                        handling.authenticationEntryPoint(entryPoint).accessDeniedHandler(accessDenied))
                .authorizeExchange(exchanges -> {
                    exchanges
                            .pathMatchers(HttpMethod.GET, "/.well-known/jwks.json")
                            .permitAll();
                    exchanges
                            .pathMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**", "/actuator/info")
                            .permitAll();
                    exchanges.pathMatchers("/demo/**").permitAll();
                    // declared public (hoshi.gateway.public-paths): forwarded without a caller, so with no token
                    if (!properties.publicPaths().isEmpty()) {
                        exchanges
                                .pathMatchers(
                                        HttpMethod.GET, properties.publicPaths().toArray(String[]::new))
                                .permitAll();
                    }
                    if (demo) {
                        exchanges
                                .pathMatchers(HttpMethod.GET, "/*/graphiql", "/*/graphiql/**")
                                .permitAll();
                    }
                    exchanges.anyExchange().authenticated();
                })
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .authenticationManagerResolver(
                                issuerResolver(trustedIssuers.orderedStream().toList(), callers))
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(accessDenied));
        if (!properties.publicPaths().isEmpty()) {
            log.info("Anyone may GET, without signing in: {} (hoshi.gateway.public-paths)", properties.publicPaths());
        }
        credentialResolvers.orderedStream().forEach(resolver -> {
            log.info("Accepting credentials resolved by {}", resolver.getClass().getName());
            http.addFilterAt(credentialFilter(resolver, entryPoint), SecurityWebFiltersOrder.AUTHENTICATION);
        });
        return http.build();
    }

    /**
     * One JWT authentication manager per trusted issuer, chosen by the token's {@code iss}; others are refused. Each
     * verifies a token's signature once in a while and validates it on every use ({@link VerifiedUserTokens}).
     */
    static ReactiveAuthenticationManagerResolver<ServerWebExchange> issuerResolver(
            List<TrustedIssuer> issuers, CallerMapper callers) {
        Map<String, ReactiveAuthenticationManager> managers = new LinkedHashMap<>();
        for (TrustedIssuer issuer : issuers) {
            JwtReactiveAuthenticationManager manager =
                    new JwtReactiveAuthenticationManager(VerifiedUserTokens.of(issuer));
            manager.setJwtAuthenticationConverter(
                    jwt -> Mono.fromCallable(() -> new CallerAuthentication(callers.toCaller(jwt, issuer))));
            if (managers.putIfAbsent(issuer.issuer(), manager) != null) {
                throw new IllegalStateException("Two trusted issuers claim the same iss: " + issuer.issuer());
            }
        }
        if (managers.isEmpty()) {
            log.warn("No token issuer is trusted (hoshi.gateway.oidc.issuer-uri is not set and demo mode is off):"
                    + " every routed request will be refused with 401");
        } else {
            log.info("Accepting bearer tokens from the issuers {}", managers.keySet());
        }
        return new JwtIssuerReactiveAuthenticationManagerResolver(issuer -> Mono.justOrEmpty(managers.get(issuer)));
    }

    private static AuthenticationWebFilter credentialFilter(
            CredentialResolver resolver, JsonAuthenticationEntryPoint entryPoint) {
        // The resolver has already verified the credential; the manager only hands the result on.
        AuthenticationWebFilter filter = new AuthenticationWebFilter((ReactiveAuthenticationManager) Mono::just);
        filter.setServerAuthenticationConverter(
                exchange -> resolver.resolve(exchange).map(CallerAuthentication::new));
        filter.setAuthenticationFailureHandler(new ServerAuthenticationEntryPointFailureHandler(entryPoint));
        return filter;
    }
}
