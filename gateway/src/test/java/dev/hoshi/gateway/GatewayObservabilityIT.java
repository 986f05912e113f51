package dev.hoshi.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.autoconfigure.web.reactive.AutoConfigureWebTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The gateway's part of a trace and its metrics: a routed request reaches the service with a {@code traceparent}
 * naming the gateway's span (the service goes on from there: the platform's ObservabilityIT), the correlation id is
 * still sent, and after some traffic /actuator/prometheus holds every metric infra/compose/prometheus/metrics.txt
 * lists for the gateway, the partner-key cache's hits and misses among them.
 */
@AutoConfigureObservability
@AutoConfigureWebTestClient(timeout = "PT30S")
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "management.tracing.sampling.probability=1.0")
@ActiveProfiles("demo")
class GatewayObservabilityIT {

    @TestConfiguration
    static class Spans {
        @Bean
        InMemorySpanExporter inMemorySpanExporter() {
            return InMemorySpanExporter.create();
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

    @Autowired
    InMemorySpanExporter spans;

    @BeforeEach
    void clear() {
        services.clear();
    }

    @Test
    void aRoutedRequestCarriesTheGatewaysTraceToTheService() throws Exception {
        client.post()
                .uri("/insights/graphql")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + demoToken("sato"))
                .header("X-Correlation-Id", "corr-traced-1")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"query\":\"{ ping }\"}")
                .exchange()
                .expectStatus()
                .isOk();

        StubServices.Received received = services.take();
        String[] traceparent = received.header("traceparent").split("-");
        assertThat(traceparent).hasSize(4);
        assertThat(received.header("X-Correlation-Id"))
                .as("the correlation id as before")
                .isNotBlank();
        String traceId = traceparent[1];
        String parentSpan = traceparent[2];
        await().atMost(Duration.ofSeconds(30)).until(() -> spans.getFinishedSpanItems().stream()
                .anyMatch(s -> s.getTraceId().equals(traceId) && s.getSpanId().equals(parentSpan)));
        assertThat(spans.getFinishedSpanItems().stream()
                        .filter(s -> s.getTraceId().equals(traceId))
                        .map(SpanData::getParentSpanId))
                .as("the gateway's server span is the root of the trace")
                .contains("0000000000000000");
    }

    @Test
    void prometheusHoldsEveryListedMetricAndThePartnerKeyCache() throws Exception {
        for (int i = 0; i < 2; i++) {
            client.get()
                    .uri("/insights/graphql")
                    .header("X-Api-Key", "hoshi_pk_nobody_S3cretS3cretS3cretS3cret")
                    .exchange()
                    .expectStatus()
                    .isUnauthorized();
        }
        String exposition = client.get()
                .uri("/actuator/prometheus")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + demoToken("operator"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();

        assertThat(exposed(exposition)).containsAll(listedForTheGateway());
        assertThat(exposition)
                .containsPattern("hoshi_gateway_partner_key_cache_total\\{result=\"miss\"} [1-9]")
                .containsPattern("hoshi_gateway_partner_key_cache_total\\{result=\"hit\"} [1-9]");
    }

    /** The names infra/compose/prometheus/metrics.txt lists for the gateway. */
    static Set<String> listedForTheGateway() throws IOException {
        Path dir = Path.of("").toAbsolutePath();
        while (!Files.exists(dir.resolve("infra/compose/prometheus/metrics.txt"))) {
            dir = dir.getParent();
        }
        Set<String> names = new TreeSet<>();
        Files.readAllLines(dir.resolve("infra/compose/prometheus/metrics.txt")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#"))
                .map(l -> l.trim().split("\\s+"))
                .filter(f -> Arrays.asList(f).subList(1, f.length).contains("gateway"))
                .forEach(f -> names.add(f[0]));
        assertThat(names).isNotEmpty();
        return names;
    }

    private static Set<String> exposed(String exposition) {
        Set<String> names = new TreeSet<>();
        exposition
                .lines()
                .filter(l -> !l.startsWith("#") && !l.isBlank())
                .forEach(l -> names.add(l.split("[{ ]", 2)[0]));
        return names;
    }

    private String demoToken(String persona) throws Exception {
        return DemoTokens.of(client, persona);
    }
}
