package dev.hoshi.insights;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoshi.testsupport.InternalTokens;
import dev.hoshi.testsupport.MetricNames;
import dev.hoshi.testsupport.ServiceTestProperties;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Insights' /actuator/prometheus on its management port (as the chart configures it), after a query: every metric
 * infra/compose/prometheus/metrics.txt lists for insights, with its tags.
 */
// Spring Boot tests leave metrics export (the Prometheus registry) off unless asked
@AutoConfigureObservability
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class InsightsMetricsIT {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ServiceTestProperties.register(registry);
        ServiceTestProperties.managementOnFreePort(registry);
    }

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Test
    void prometheusHoldsEveryListedMetricAfterAQuery() {
        HttpGraphQlTester operator = HttpGraphQlTester.builder(WebTestClient.bindToServer()
                        .responseTimeout(Duration.ofSeconds(30))
                        .baseUrl("http://localhost:" + port + "/graphql")
                        .defaultHeader(
                                "Authorization",
                                "Bearer " + InternalTokens.shared().user("operator", null, "platform_operator")))
                .responseTimeout(Duration.ofSeconds(30))
                .build();
        operator.document("query Summary { platformSummary { organizationCount } }")
                .execute()
                .path("platformSummary.organizationCount")
                .hasValue();

        String exposition = MetricNames.scrape(managementPort);

        assertThat(MetricNames.exposed(exposition)).containsAll(MetricNames.of("insights"));
        assertThat(exposition)
                .containsPattern("hoshi_processor_lag_events\\{processor=\"[a-z0-9-]+\"} ")
                .containsPattern("hoshi_processor_oldest_unprocessed_age_seconds\\{processor=\"[a-z0-9-]+\"} ")
                .containsPattern("hoshi_graphql_operation_seconds_count\\{operation=\"Summary\","
                        + "outcome=\"success\",type=\"query\"} 1")
                .contains("hoshi_eventstore_read_tracked_seconds_count");
    }
}
