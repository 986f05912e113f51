package dev.hoshi.gateway.ui;

import java.net.URI;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.DefaultServerRedirectStrategy;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationEntryPoint;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.csrf.WebSessionServerCsrfTokenRepository;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;

/**
 * The pages' own filter chain, ahead of the API's (which stays stateless and denies by default): it matches only the
 * pages' paths, checks a CSRF token (kept in the session) on every form post and htmx request, and sends a strict
 * Content-Security-Policy: every script, style and image comes from this application. Who is signed in is the
 * session's {@link UiSession}, checked by the pages themselves, which send anyone without one to sign-in.
 */
@Configuration(proxyBeanMethods = false)
class UiSecurityConfiguration {

    /** Every path the pages answer; nothing else goes through this chain. */
    static final String[] PATHS = {
        "/",
        "/signin",
        OidcSignIn.START,
        OidcSignIn.CALLBACK,
        "/signout",
        "/lang",
        "/app",
        "/app/**",
        "/webjars/**",
        "/ui/**"
    };

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityWebFilterChain uiSecurity(ServerHttpSecurity http, ObjectProvider<OidcSignIn> oidc) {
        DefaultServerRedirectStrategy redirect = new DefaultServerRedirectStrategy();
        // signing in at the OIDC provider, when the pages have a client there (OidcSignIn)
        oidc.ifAvailable(signIn -> signIn.configure(http));
        return http.securityMatcher(ServerWebExchangeMatchers.pathMatchers(PATHS))
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .csrf(csrf -> csrf.csrfTokenRepository(new WebSessionServerCsrfTokenRepository())
                        // a missing or stale token almost always means the session ended: sign in again
                        .accessDeniedHandler(
                                (exchange, denied) -> redirect.sendRedirect(exchange, URI.create("/signin?expired"))))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer ->
                                referrer.policy(ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy.SAME_ORIGIN)))
                .exceptionHandling(handling ->
                        handling.authenticationEntryPoint(new RedirectServerAuthenticationEntryPoint("/signin")))
                .authorizeExchange(exchanges -> exchanges.anyExchange().permitAll())
                .build();
    }
}
