package dev.hoshi.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** A demo persona's access token from a gateway running with the demo profile. */
final class DemoTokens {

    private DemoTokens() {}

    static String of(WebTestClient client, String persona) throws IOException {
        byte[] body = client.post()
                .uri("/demo/token")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"persona\":\"" + persona + "\"}")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .returnResult()
                .getResponseBody();
        return new ObjectMapper().readTree(body).path("access_token").asText();
    }
}
