package dev.hoshi.directory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoshi.testsupport.MetricNames;
import dev.hoshi.testsupport.ServiceTestProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Directory's /actuator/prometheus on its management port (as the chart configures it), after a registration:
 * every metric infra/compose/prometheus/metrics.txt lists for directory, with its tags.
 */
// Spring Boot tests leave metrics export (the Prometheus registry) off unless asked
@AutoConfigureObservability
class DirectoryMetricsIT extends DirectoryIT {

    @DynamicPropertySource
    static void managementPort(DynamicPropertyRegistry registry) {
        ServiceTestProperties.managementOnFreePort(registry);
    }

    @LocalManagementPort
    int managementPort;

    @Test
    void prometheusHoldsEveryListedMetricAfterARegistration() {
        registerOrganization("demo-metrics");

        String exposition = MetricNames.scrape(managementPort);

        assertThat(MetricNames.exposed(exposition)).containsAll(MetricNames.of("directory"));
        assertThat(exposition)
                .containsPattern("hoshi_command_seconds_count\\{command=\"RegisterOrganizationCommand\","
                        + "outcome=\"success\"} [1-9]")
                .containsPattern("hoshi_processor_lag_events\\{processor=\"[a-z0-9-]+\"} ")
                .containsPattern("hoshi_processor_oldest_unprocessed_age_seconds\\{processor=\"[a-z0-9-]+\"} ")
                .containsPattern("hoshi_graphql_operation_seconds_count\\{operation=\"[A-Za-z]+\","
                        + "outcome=\"success\",type=\"mutation\"} [1-9]")
                .containsPattern("hoshi_eventstore_append_seconds_count\\{outcome=\"ok\"} [1-9]");
    }
}
