package dev.hoshi.gateway.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoshi.gateway.TestKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.reactive.AutoConfigureWebTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The provider is down: the gateway starts all the same (discovery is read at the first sign-in), and a sign-in goes
 * back to the sign-in page with a message instead of an error.
 */
@AutoConfigureWebTestClient(timeout = "PT30S")
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "hoshi.gateway.demo.enabled=false",
            "hoshi.gateway.oidc.audience=hoshi",
            "hoshi.gateway.oidc.client-id=hoshi"
        })
class OidcSignInProviderDownIT {

    static final Path signingKey = TestKeys.writePem(TestKeys.rsa(2048));

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("hoshi.gateway.oidc.issuer-uri", () -> "http://127.0.0.1:" + closedPort() + "/realms/hoshi");
        registry.add("hoshi.gateway.internal-token.key-location", signingKey::toString);
    }

    /** A port nothing listens on. */
    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Autowired
    WebTestClient client;

    @Test
    void theGatewayStartsAndASignInSaysTheProviderCannotBeReached() {
        client.get()
                .uri("/signin")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .value(page -> assertThat(page).contains("id=\"signin-oidc\""));

        client.get()
                .uri("/signin/oidc")
                .exchange()
                .expectStatus()
                .is3xxRedirection()
                .expectHeader()
                .location("/signin?unavailable");

        client.get()
                .uri("/signin?unavailable")
                .cookie(UiLocales.COOKIE, "en")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .value(page -> assertThat(page)
                        .contains("id=\"signin-unavailable\"", "cannot be reached")
                        .doesNotContain("Exception"));
    }
}
