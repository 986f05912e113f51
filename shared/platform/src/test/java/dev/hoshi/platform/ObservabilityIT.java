package dev.hoshi.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hoshi.platform.testapp.PlatformTestApplication;
import dev.hoshi.testsupport.MetricNames;
import dev.hoshi.testsupport.TestMongo;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The platform's metrics and traces on a small app: after some traffic /actuator/prometheus holds every metric the
 * list ({@link MetricNames}) names for every service, with the expected tags; and a trace that comes in with a request
 * (as the gateway sends it) goes on into the command handler and the projection's event handler.
 */
@AutoConfigureObservability
@SpringBootTest(
        classes = {PlatformTestApplication.class, ObservabilityIT.Spans.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "management.tracing.sampling.probability=1.0")
class ObservabilityIT {

    static final TestMongo MONGO = TestMongo.get();
    static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String GATEWAY_SPAN_ID = "00f067aa0ba902b7";

    @TestConfiguration
    static class Spans {
        @Bean
        InMemorySpanExporter inMemorySpanExporter() {
            return InMemorySpanExporter.create();
        }
    }

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry registry) {
        registry.add("spring.data.mongodb.uri", MONGO::connectionString);
        registry.add("hoshi.eventstore.database", () -> MONGO.freshDatabaseName("events"));
        registry.add("hoshi.service.database", () -> MONGO.freshDatabaseName("svc"));
        registry.add("hoshi.security.jwks-uri", PlatformTestApplication.TOKENS::jwksUri);
    }

    @LocalServerPort
    int port;

    @Autowired
    InMemorySpanExporter spans;

    @Test
    void aTraceFromTheGatewayGoesOnThroughTheCommandHandlerIntoTheEventHandler() {
        graphQl(
                "00-" + TRACE_ID + "-" + GATEWAY_SPAN_ID + "-01",
                "mutation Open { openTally(input: {id: \"traced-1\"}) { id } }");

        await().atMost(Duration.ofSeconds(30)).until(() -> named(TRACE_ID).containsKey("event TallyOpenedEvent"));
        Map<String, SpanData> trace = named(TRACE_ID);
        SpanData command = trace.get("command OpenTallyCommand");
        SpanData event = trace.get("event TallyOpenedEvent");
        String all = spans.getFinishedSpanItems().stream()
                .filter(s -> s.getTraceId().equals(TRACE_ID))
                .map(s -> s.getName() + " " + s.getSpanId() + "<-" + s.getParentSpanId())
                .collect(Collectors.joining("; "));
        assertThat(command)
                .as("the command handler's span, in the gateway's trace: %s", all)
                .isNotNull();
        assertThat(event.getParentSpanId())
                .as("the projection handles the event in a child of the command's span (another thread): %s", all)
                .isEqualTo(command.getSpanId());
        assertThat(trace.values())
                .as("the request's server span is the gateway span's child")
                .anyMatch(s -> s.getParentSpanId().equals(GATEWAY_SPAN_ID));
    }

    @Test
    void withoutAnOtlpEndpointTheServiceHasNoExporterOfItsOwn(@Autowired ApplicationContext context) {
        // the OTLP exporter is on the class path (TraceExportTest), but nothing is configured: the only exporter is
        // this test's in-memory one, so no span leaves the process
        assertThat(context.getBeansOfType(SpanExporter.class).values()).containsExactly(spans);
    }

    @Test
    void prometheusHoldsEveryListedMetricWithItsTags() {
        graphQl(null, "mutation Open { openTally(input: {id: \"metered-1\"}) { id } }");
        graphQl(null, "mutation Open { openTally(input: {id: \"metered-1\"}) { id } }");
        graphQl(null, "{ refused }");
        // the processor has caught up: the failed appends' skipped numbers are not lag
        await().atMost(Duration.ofSeconds(30))
                .until(() -> prometheus().contains("hoshi_processor_lag_events{processor=\"tally-view\"} 0.0"));

        String exposition = prometheus();
        assertThat(MetricNames.exposed(exposition)).containsAll(MetricNames.ofEveryService());
        assertThat(exposition)
                .contains("hoshi_processor_lag_events{processor=\"tally-view\"}")
                .contains("hoshi_processor_oldest_unprocessed_age_seconds{processor=\"tally-view\"}")
                .contains("hoshi_command_seconds_count{command=\"OpenTallyCommand\",outcome=\"success\"}")
                // the second open of the same tally fails on its first event's key
                .contains("hoshi_command_seconds_count{command=\"OpenTallyCommand\",outcome=\"error\"}")
                .contains(
                        "hoshi_graphql_operation_seconds_count{operation=\"Open\",outcome=\"success\",type=\"mutation\"}")
                .contains(
                        "hoshi_graphql_operation_seconds_count{operation=\"anonymous\",outcome=\"error\",type=\"query\"}")
                .contains("hoshi_eventstore_append_seconds_count{outcome=\"ok\"}")
                .contains("hoshi_eventstore_read_tracked_seconds_count");
    }

    private Map<String, SpanData> named(String traceId) {
        List<SpanData> finished = spans.getFinishedSpanItems();
        return finished.stream()
                .filter(s -> s.getTraceId().equals(traceId))
                .collect(Collectors.toMap(SpanData::getName, s -> s, (a, b) -> a));
    }

    private void graphQl(String traceparent, String query) {
        WebTestClient.RequestBodySpec request = client().post()
                .uri("/graphql")
                .contentType(MediaType.APPLICATION_JSON)
                .header("Authorization", "Bearer " + PlatformTestApplication.TOKENS.user("bob", "tenant-b"));
        if (traceparent != null) {
            request = request.header("traceparent", traceparent);
        }
        request.bodyValue(Map.of("query", query)).exchange().expectStatus().isOk();
    }

    private String prometheus() {
        return client().get()
                .uri("/actuator/prometheus")
                .header("Authorization", "Bearer " + PlatformTestApplication.TOKENS.user("bob", null))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }

    private WebTestClient client() {
        return WebTestClient.bindToServer()
                .responseTimeout(Duration.ofSeconds(30))
                .baseUrl("http://localhost:" + port)
                .build();
    }
}
