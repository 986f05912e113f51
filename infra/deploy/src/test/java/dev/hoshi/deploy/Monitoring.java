package dev.hoshi.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The compose file's Grafana dashboard and Prometheus alert rules, and the metrics their queries name. */
final class Monitoring {

    static final String DASHBOARD = "infra/compose/grafana/dashboards/hoshi.json";
    static final String ALERTS = "infra/compose/prometheus/alerts.yml";
    static final String JOB = "hoshi-services";
    static final String DATASOURCE_UID = "prometheus";
    /** Series Prometheus makes itself, not the services. */
    static final Set<String> PROMETHEUS_OWN = Set.of("up");
    /** A metric name: a word right before a label set or a range. */
    private static final Pattern METRIC = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*(?=[{\\[])");

    private Monitoring() {}

    static JsonNode dashboard() {
        try {
            return new ObjectMapper().readTree(Repository.read(DASHBOARD));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> alertRules() {
        List<Map<String, Object>> rules = new ArrayList<>();
        for (Map<String, Object> group :
                (List<Map<String, Object>>) Repository.yaml(ALERTS).get("groups")) {
            rules.addAll((List<Map<String, Object>>) group.get("rules"));
        }
        return rules;
    }

    /** Every query of the dashboard's panels and of the alert rules. */
    static List<String> queries() {
        List<String> queries = new ArrayList<>();
        dashboard().get("panels").forEach(panel -> panel.get("targets")
                .forEach(target -> queries.add(target.get("expr").asText())));
        alertRules().forEach(rule -> queries.add(String.valueOf(rule.get("expr"))));
        return queries;
    }

    /** The metric names the queries use, Prometheus's own series left out. */
    static Set<String> metricNames() {
        Set<String> names = new TreeSet<>();
        for (String query : queries()) {
            Matcher m = METRIC.matcher(query);
            while (m.find()) {
                if (!PROMETHEUS_OWN.contains(m.group(1))) {
                    names.add(m.group(1));
                }
            }
        }
        return names;
    }
}
