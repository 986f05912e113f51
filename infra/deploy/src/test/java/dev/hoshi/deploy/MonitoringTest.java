package dev.hoshi.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hoshi.testsupport.MetricNames;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard and the alert rules parse and hold together, and every metric they name is in the list of
 * published metrics (infra/compose/prometheus/metrics.txt, {@link MetricNames}) that each service's metrics test
 * finds in its live /actuator/prometheus; ImageLayoutIT also reads a running image layout's.
 */
class MonitoringTest {

    @Test
    void everyDashboardPanelQueriesTheProvisionedPrometheus() {
        JsonNode dashboard = Monitoring.dashboard();
        assertThat(dashboard.get("uid").asText()).isEqualTo("hoshi-overview");
        assertThat(dashboard.get("panels")).hasSizeGreaterThanOrEqualTo(6);
        dashboard.get("panels").forEach(panel -> {
            assertThat(panel.at("/datasource/uid").asText())
                    .as(panel.get("title").asText())
                    .isEqualTo(Monitoring.DATASOURCE_UID);
            assertThat(panel.get("targets")).as(panel.get("title").asText()).isNotEmpty();
            panel.get("targets").forEach(t -> assertThat(t.get("expr").asText()).isNotBlank());
        });
    }

    @Test
    void theDashboardCoversRequestsErrorsLatencyAndTheEventStore() {
        String queries = String.join("\n", Monitoring.queries());
        assertThat(queries)
                .contains("rate(http_server_requests_seconds_count")
                .contains("outcome=\"SERVER_ERROR\"")
                .contains("http_server_requests_seconds_sum")
                .contains("hoshi_eventstore_append_seconds_count");
    }

    @Test
    void everyAlertRuleHasAnExpressionADurationASeverityAndASummary() {
        assertThat(Monitoring.alertRules()).hasSizeGreaterThanOrEqualTo(4);
        for (Map<String, Object> rule : Monitoring.alertRules()) {
            assertThat(rule).as("%s", rule.get("alert")).containsKeys("alert", "expr", "for", "labels", "annotations");
            assertThat(String.valueOf(rule.get("for"))).matches("[0-9]+[smh]");
            assertThat((Map<String, Object>) rule.get("labels")).containsKey("severity");
            assertThat((Map<String, Object>) rule.get("annotations")).containsKey("summary");
        }
        assertThat(Monitoring.alertRules())
                .anyMatch(r -> String.valueOf(r.get("expr")).contains("up{job=\"" + Monitoring.JOB + "\"}"));
    }

    @Test
    void everyMetricTheDashboardAndTheAlertsUseIsOneTheServicesPublish() {
        Set<String> published = new TreeSet<>();
        for (String service : List.of("directory", "compliance", "insights")) {
            published.addAll(MetricNames.of(service));
        }
        assertThat(published)
                .as("the list the services' metrics tests check")
                .contains("hoshi_processor_lag_events", "hoshi_due_check_last_success_seconds");
        assertThat(published).containsAll(Monitoring.metricNames());
    }

    @Test
    void theDashboardAndTheAlertsCoverProcessorLagAndTheDailyCheck() {
        String panels = String.join("\n", Monitoring.queries());
        assertThat(panels).contains("hoshi_processor_lag_events", "hoshi_due_check_last_success_seconds");
        Map<String, String> alerts = new java.util.HashMap<>();
        Monitoring.alertRules()
                .forEach(r -> alerts.put(String.valueOf(r.get("alert")), r.get("expr") + " for " + r.get("for")));
        assertThat(alerts.get("HoshiProcessorLagging"))
                .contains("hoshi_processor_lag_events")
                .endsWith("for 5m");
        assertThat(alerts.get("HoshiDailyCheckNotRun"))
                .contains("hoshi_due_check_last_success_seconds")
                .contains("26 * 3600");
        assertThat(alerts).containsKeys("HoshiServerErrors", "HoshiCommandErrors");
    }

    @Test
    void theQueriesNameMetricsOnly() {
        assertThat(Monitoring.metricNames())
                .contains("http_server_requests_seconds_count", "hoshi_eventstore_append_seconds_count")
                .doesNotContain("up", "rate", "sum", "by");
    }
}
