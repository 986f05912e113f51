package dev.hoshi.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

class InternalTokenRelayFilterTest {

    @Test
    void callersCredentialAndInternalHeadersAreReplacedByTheInternalToken() {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.AUTHORIZATION, "Bearer caller-token");
        headers.set("X-Hoshi-Internal-Actor", "SYSTEM:hoshi");
        headers.set("x-hoshi-internal-roles", "platform_operator");
        headers.set("X-Hoshi-Organization", "org-1");
        headers.set("Accept", "application/json");

        InternalTokenRelayFilter.replaceCredentials(headers, Optional.of("internal-token"));

        assertThat(headers.get(HttpHeaders.AUTHORIZATION)).containsExactly("Bearer internal-token");
        assertThat(headers.keySet()).noneMatch(name -> name.toLowerCase().startsWith("x-hoshi-internal-"));
        assertThat(headers.getFirst("X-Hoshi-Organization")).isEqualTo("org-1");
        assertThat(headers.getFirst("Accept")).isEqualTo("application/json");
    }

    @Test
    void withoutACallerNoAuthorizationIsForwarded() {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.AUTHORIZATION, "Basic dXNlcjpwYXNz");

        InternalTokenRelayFilter.replaceCredentials(headers, Optional.empty());

        assertThat(headers.containsKey(HttpHeaders.AUTHORIZATION)).isFalse();
    }
}
