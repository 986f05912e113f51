package dev.hoshi.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.authentication.BadCredentialsException;

class JsonAuthenticationEntryPointTest {

    private final JsonAuthenticationEntryPoint entryPoint = new JsonAuthenticationEntryPoint();

    @Test
    void aRefusedApiKeyIsNamedAsTheKeyNotAsAMissingToken() {
        MockServerWebExchange exchange = MockServerWebExchange.from(
                MockServerHttpRequest.post("/compliance/graphql").header("X-Api-Key", "hoshi_pk_x_y"));

        entryPoint
                .commence(exchange, new BadCredentialsException("unknown key"))
                .block();

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(exchange.getResponse().getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE))
                .contains("error=\"invalid_token\"");
        assertThat(exchange.getResponse().getBodyAsString().block())
                .contains("The API key (X-Api-Key) was not accepted")
                .doesNotContain("needs a bearer token");
    }

    @Test
    void noCredentialAtAllAsksToSignIn() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/compliance/graphql"));

        entryPoint.commence(exchange, new BadCredentialsException("none")).block();

        assertThat(exchange.getResponse().getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE))
                .isEqualTo("Bearer realm=\"hoshi\"");
        assertThat(exchange.getResponse().getBodyAsString().block()).contains("needs a bearer token");
    }
}
