package dev.hoshi.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.hoshi.gateway.security.Caller;
import dev.hoshi.gateway.security.CredentialResolver;
import java.time.Duration;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.reactive.AutoConfigureWebTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;

/**
 * The extension point for other credentials (partner API keys, later): a {@link CredentialResolver} bean is enough
 * for its callers to be routed with an internal token, and for its refusals to be 401.
 */
// a loaded machine (CI, parallel builds) may need more than the default 5 s for a first OIDC discovery
@AutoConfigureWebTestClient(timeout = "PT30S")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
class CredentialResolverIT {

    static final String KEY_HEADER = "X-Test-Partner-Key";

    @TestConfiguration
    static class TestKeyResolver {

        @Bean
        CredentialResolver testPartnerKeys() {
            return exchange -> {
                String key = exchange.getRequest().getHeaders().getFirst(KEY_HEADER);
                if (key == null) {
                    return Mono.empty();
                }
                if (!key.equals("good-key")) {
                    return Mono.error(new BadCredentialsException("unknown key"));
                }
                return Mono.just(Caller.partnerClient("test-partner", new TreeSet<>(), Optional.of("Test partner")));
            };
        }
    }

    static final StubServices services = StubServices.start();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        services.register(registry);
    }

    @AfterAll
    static void stop() {
        services.stop();
    }

    @Autowired
    WebTestClient client;

    @BeforeEach
    void clear() {
        services.clear();
    }

    @Test
    void callerProvenByAResolverIsRoutedWithAnInternalToken() throws Exception {
        client.get()
                .uri("/insights/graphql")
                .header(KEY_HEADER, "good-key")
                .exchange()
                .expectStatus()
                .isOk();

        StubServices.Received received = services.take();
        JWTClaimsSet claims = InternalTokens.verify(
                InternalTokens.bearer(received.header(HttpHeaders.AUTHORIZATION)), InternalTokens.jwks(client));
        assertThat(claims.getSubject()).isEqualTo("partner:test-partner");
        assertThat(claims.getStringClaim("actor")).isEqualTo("PARTNER_CLIENT:test-partner");
        assertThat(claims.getStringClaim("name")).isEqualTo("Test partner");
    }

    @Test
    void credentialTheResolverRefusesIs401() {
        client.get()
                .uri("/insights/graphql")
                .header(KEY_HEADER, "stolen-key")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("UNAUTHENTICATED");
        assertThat(services.drain(Duration.ofMillis(200))).isEmpty();
    }
}
