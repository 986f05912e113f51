package dev.hoshi.platform.security;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.security.oauth2.resource.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * A service accepts only the gateway's internal token: RS256, issuer {@code hoshi-gateway}, audience {@code
 * hoshi-services}, verified against the gateway's JWKS ({@code hoshi.security.jwks-uri}, default {@code
 * $HOSHI_GATEWAY_URL/.well-known/jwks.json}). Health and info stay open for probes; Prometheus metrics need a token, unless scraped on a
 * separate {@code management.server.port} (the
 * gateway never routes {@code /actuator}); the GraphiQL page (off unless a profile turns it on) is a static page. A
 * service may open exact paths to anyone's {@code GET} with {@code hoshi.security.public-paths} (see
 * {@link PublicPaths}); everything else needs the token.
 */
@AutoConfiguration(before = {SecurityAutoConfiguration.class, OAuth2ResourceServerAutoConfiguration.class})
public class HoshiSecurityAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(HoshiSecurityAutoConfiguration.class);

    static final String ISSUER = "hoshi-gateway";
    static final String AUDIENCE = "hoshi-services";
    private static final Pattern ACTOR = Pattern.compile("(USER|PARTNER_CLIENT|SYSTEM):.+");
    /** Distinct internal tokens whose signature a service remembers having verified ({@link VerifiedTokens}). */
    static final int VERIFIED_TOKENS_REMEMBERED = 4_096;

    @Bean
    @ConditionalOnMissingBean(JwtDecoder.class)
    public JwtDecoder internalTokenDecoder(
            @Value("${hoshi.security.jwks-uri:${HOSHI_GATEWAY_URL:http://127.0.0.1:8080}/.well-known/jwks.json}")
                    String jwksUri,
            @Value("${hoshi.security.jwks-plain-http-allowed:false}") boolean plainHttpAllowed) {
        checkJwksUri(jwksUri, plainHttpAllowed);
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(jwksUri).build();
        decoder.setJwtValidator(internalTokenValidator());
        return new VerifiedTokens(decoder, internalTokenValidator(), VERIFIED_TOKENS_REMEMBERED);
    }

    /**
     * The key set that decides who may call must not be swappable on the way: HTTPS, or plain HTTP to this machine's
     * loopback (the local runner), or plain HTTP where {@code hoshi.security.jwks-plain-http-allowed} says the
     * network is trusted (e.g. a service mesh that encrypts pod to pod).
     */
    static void checkJwksUri(String jwksUri, boolean plainHttpAllowed) {
        URI uri = URI.create(jwksUri);
        String host = uri.getHost() == null ? "" : uri.getHost();
        boolean loopback = host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]");
        if ("https".equals(uri.getScheme()) || ("http".equals(uri.getScheme()) && (loopback || plainHttpAllowed))) {
            return;
        }
        throw new IllegalStateException("hoshi.security.jwks-uri (default $HOSHI_GATEWAY_URL/.well-known/jwks.json) is "
                + jwksUri + ": the gateway's key set must be fetched over https (plain http only from 127.0.0.1, or"
                + " with hoshi.security.jwks-plain-http-allowed=true on a network that encrypts for you)");
    }

    /** Issuer, audience, expiry, and an {@code actor} claim the platform can read. */
    public static OAuth2TokenValidator<Jwt> internalTokenValidator() {
        return new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(ISSUER),
                jwt -> jwt.getAudience() != null && jwt.getAudience().contains(AUDIENCE)
                        ? OAuth2TokenValidatorResult.success()
                        : invalid("the token is not meant for Hoshi's services"),
                jwt -> jwt.getClaimAsString("actor") != null
                                && ACTOR.matcher(jwt.getClaimAsString("actor")).matches()
                        ? OAuth2TokenValidatorResult.success()
                        : invalid("the token names no actor"));
    }

    /**
     * {@code /actuator/prometheus} on {@code management.server.port}, when that is set and differs from the service's
     * port; otherwise matches nothing. The port compared is the one the management server bound
     * ({@code local.management.port}), so a random one ({@code 0}, as Spring Boot's tests make it) works too.
     */
    static RequestMatcher metricsOnManagementPort(Environment environment) {
        int management = environment.getProperty("management.server.port", Integer.class, -1);
        int server = environment.getProperty("server.port", Integer.class, 8080);
        boolean separate = management >= 0 && management != server;
        if (separate) {
            log.info("Prometheus metrics open on the management port {} only", management);
        }
        return request -> separate
                && request.getLocalPort() == environment.getProperty("local.management.port", Integer.class, management)
                && request.getLocalPort() != environment.getProperty("local.server.port", Integer.class, server)
                && "/actuator/prometheus".equals(request.getRequestURI());
    }

    private static OAuth2TokenValidatorResult invalid(String why) {
        return OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", why, null));
    }

    /**
     * No Spring Security observations: they time every filter, authentication and authorization of every request (a
     * profile under load found them among a service's larger costs). The HTTP server's and GraphQL's request
     * observations, which the metrics use, stay.
     */
    @Bean
    @ConditionalOnMissingBean
    public SecurityObservationSettings hoshiSecurityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    public SecurityFilterChain hoshiSecurityFilterChain(HttpSecurity http, Environment environment) throws Exception {
        PublicPaths publicPaths = PublicPaths.from(environment);
        if (!publicPaths.isEmpty()) {
            log.info("Anyone may GET, without a token: {} ({})", publicPaths.paths(), PublicPaths.PROPERTY);
        }
        http.csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> {
                    auth.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info")
                            .permitAll()
                            // metrics: open only on a separate management port (a private network's concern);
                            // on the service port they need an internal token like everything else
                            .requestMatchers(metricsOnManagementPort(environment))
                            .permitAll()
                            .requestMatchers(HttpMethod.GET, "/graphiql", "/graphiql/**")
                            .permitAll();
                    // only when declared: an empty list must not become a matcher of its own
                    if (!publicPaths.isEmpty()) {
                        auth.requestMatchers(HttpMethod.GET, publicPaths.toArray())
                                .permitAll();
                    }
                    auth.anyRequest().authenticated();
                })
                .oauth2ResourceServer(rs -> rs.jwt(jwt -> jwt.jwtAuthenticationConverter(authenticationConverter()))
                        .authenticationEntryPoint(unauthenticated()))
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthenticated()))
                .addFilterAfter(new InternalTokenContextFilter(), BearerTokenAuthenticationFilter.class)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .anonymous(Customizer.withDefaults());
        return http.build();
    }

    private static JwtAuthenticationConverter authenticationConverter() {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(roles());
        return converter;
    }

    private static Converter<Jwt, Collection<GrantedAuthority>> roles() {
        return jwt -> {
            List<String> roles = jwt.getClaimAsStringList("roles");
            return roles == null
                    ? List.of()
                    : roles.stream()
                            .map(r -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + r))
                            .toList();
        };
    }

    /** 401 with a JSON body a person can act on; never a stack trace. */
    private static AuthenticationEntryPoint unauthenticated() {
        return (request, response, exception) -> {
            response.setStatus(401);
            response.setHeader("WWW-Authenticate", "Bearer realm=\"hoshi\"");
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getWriter()
                    .write("{\"code\":\"UNAUTHENTICATED\",\"message\":\"Call Hoshi through its gateway with a valid"
                            + " token.\",\"messageJa\":\"ゲートウェイ経由で有効なトークンを付けて呼び出してください。\"}");
        };
    }
}
