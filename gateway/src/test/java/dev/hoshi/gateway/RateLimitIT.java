package dev.hoshi.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.reactive.AutoConfigureWebTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The rate limit wired into the running gateway: a caller past its burst gets 429 and never reaches a service. */
@AutoConfigureWebTestClient(timeout = "PT30S")
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            // one request a minute after a burst of 3: nothing refills within the test
            "hoshi.gateway.rate-limit.per-minute=1",
            "hoshi.gateway.rate-limit.burst=3",
            "hoshi.gateway.rate-limit.anonymous-per-minute=1",
            "hoshi.gateway.rate-limit.anonymous-burst=5"
        })
@ActiveProfiles("demo")
class RateLimitIT {

    static final StubServices services = StubServices.start();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        services.register(registry);
    }

    @AfterAll
    static void stopServices() {
        services.stop();
    }

    @Autowired
    WebTestClient client;

    @Test
    void aCallerPastItsBurstGets429WithRetryAfterAndHealthStaysOpen() throws Exception {
        byte[] tokenBody = client.post()
                .uri("/demo/token")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"persona\":\"sato\"}")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .returnResult()
                .getResponseBody();
        String token =
                new ObjectMapper().readTree(tokenBody).path("access_token").asText();

        for (int i = 0; i < 3; i++) {
            query(token).expectStatus().isOk();
        }
        assertThat(services.drain(Duration.ofMillis(200))).hasSize(3);

        byte[] refused = query(token)
                .expectStatus()
                .isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                .expectHeader()
                .exists(HttpHeaders.RETRY_AFTER)
                .expectBody()
                .returnResult()
                .getResponseBody();
        JsonNode error = new ObjectMapper().readTree(refused).path("errors").path(0);
        assertThat(error.path("extensions").path("code").asText()).isEqualTo("RATE_LIMITED");
        assertThat(services.drain(Duration.ofMillis(200))).isEmpty();

        for (int i = 0; i < 20; i++) {
            client.get().uri("/actuator/health").exchange().expectStatus().isOk();
        }
    }

    private WebTestClient.ResponseSpec query(String token) {
        return client.post()
                .uri("/compliance/graphql")
                .headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"query\":\"{ __typename }\"}")
                .exchange();
    }
}
