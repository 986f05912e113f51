package dev.hoshi.platform.security;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JwksUriTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://gateway.example.com/.well-known/jwks.json",
                "http://127.0.0.1:8080/.well-known/jwks.json",
                "http://localhost:8080/.well-known/jwks.json"
            })
    void httpsOrLoopbackIsAccepted(String uri) {
        assertThatCode(() -> HoshiSecurityAutoConfiguration.checkJwksUri(uri, false))
                .doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://gateway:8080/.well-known/jwks.json", "ftp://gateway/.well-known/jwks.json"})
    void plainHttpToAnotherHostIsRefusedUnlessAllowed(String uri) {
        assertThatThrownBy(() -> HoshiSecurityAutoConfiguration.checkJwksUri(uri, false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("must be fetched over https")
                .hasMessageContaining("hoshi.security.jwks-plain-http-allowed");
        if (uri.startsWith("http:")) {
            assertThatCode(() -> HoshiSecurityAutoConfiguration.checkJwksUri(uri, true))
                    .doesNotThrowAnyException();
        }
    }
}
