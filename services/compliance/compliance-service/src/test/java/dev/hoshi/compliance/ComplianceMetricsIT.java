package dev.hoshi.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hoshi.testsupport.MetricNames;
import dev.hoshi.testsupport.ServiceTestProperties;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Compliance's /actuator/prometheus on its management port (as the chart configures it), after a command, a query
 * and a run of the daily check: every metric infra/compose/prometheus/metrics.txt lists for compliance, with its tags,
 * and the daily check's last success set.
 */
// Spring Boot tests leave metrics export (the Prometheus registry) off unless asked
@AutoConfigureObservability
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "hoshi.compliance.due-check.initial-delay=PT0S",
            "hoshi.compliance.status-backfill.initial-delay=PT1H"
        })
class ComplianceMetricsIT {

    private static final Pattern LAST_SUCCESS = Pattern.compile("hoshi_due_check_last_success_seconds ([0-9.E]+)");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ServiceTestProperties.register(registry);
        ServiceTestProperties.managementOnFreePort(registry);
    }

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Autowired
    EventStore eventStore;

    @Test
    void prometheusHoldsEveryListedMetricAfterACommandAQueryAndTheDailyCheck() {
        String org = ComplianceTestSupport.directoryRegisters(eventStore, "計測工業", "demo-owner");
        HttpGraphQlTester owner = ComplianceTestSupport.as(port, "demo-owner", org);
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Tokyo"));
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> owner.document(
                        "mutation Commit { commitToFiveArticles(input: {articles: [\"A1\",\"A2\",\"A3\",\"A4\",\"A5\"],"
                                + " effectiveOn: \"" + today + "\"}) { errors { code } } }")
                .execute()
                .path("commitToFiveArticles.errors")
                .entityList(Object.class)
                .hasSize(0));
        owner.document("query Assessments { selfAssessments { completedOn } }").execute();

        await().atMost(Duration.ofSeconds(30)).until(() -> lastSuccess(MetricNames.scrape(managementPort)) > 0);
        String exposition = MetricNames.scrape(managementPort);

        assertThat(MetricNames.exposed(exposition)).containsAll(MetricNames.of("compliance"));
        assertThat(exposition)
                .containsPattern("hoshi_command_seconds_count\\{command=\"[A-Za-z]+Command\",outcome=\"success\"} ")
                .containsPattern("hoshi_query_seconds_count\\{outcome=\"success\",query=\"FindSelfAssessmentsQuery\"} ")
                .containsPattern("hoshi_graphql_operation_seconds_count\\{operation=\"Commit\","
                        + "outcome=\"success\",type=\"mutation\"} ")
                .containsPattern("hoshi_processor_lag_events\\{processor=\"[a-z0-9-]+\"} ");
    }

    private static double lastSuccess(String exposition) {
        Matcher m = LAST_SUCCESS.matcher(exposition);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
