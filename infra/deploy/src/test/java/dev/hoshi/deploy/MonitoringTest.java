package dev.hoshi.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard and the alert rules parse and hold together; that the metrics they name exist is checked
 * against a running service's /actuator/prometheus in ImageLayoutIT.
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
    void theQueriesNameMetricsOnly() {
        assertThat(Monitoring.metricNames())
                .contains("http_server_requests_seconds_count", "hoshi_eventstore_append_seconds_count")
                .doesNotContain("up", "rate", "sum", "by");
    }
}
