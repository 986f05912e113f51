package dev.hoshi.deploy;

import static dev.hoshi.deploy.Repository.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hoshi.deploy.Chart.Manifests;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * infra/compose/compose.yaml, parsed (Docker is not on this machine, so it is never started here): a 3-member
 * replica set, and the runnables with the chart's images, ports, environment, user and limits.
 */
@SuppressWarnings("unchecked")
class ComposeFileTest {

    private static final String FILE = "infra/compose/compose.yaml";
    private static final List<String> MONGO = List.of("mongo1", "mongo2", "mongo3");
    /** Compose's ${NAME}, ${NAME:-default}, ${NAME:?error}. */
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z_][A-Z0-9_]*)(?::([-?])([^}]*))?}");

    private final Map<String, Object> compose = Repository.yaml(FILE);
    private final Map<String, Map<String, Object>> services =
            (Map<String, Map<String, Object>>) compose.get("services");
    private final Manifests chart = Chart.render();

    @Test
    void runsEverythingTheIssueAsksFor() {
        assertThat(services)
                .containsOnlyKeys(
                        "mongo1",
                        "mongo2",
                        "mongo3",
                        "mongo-init",
                        "directory",
                        "compliance",
                        "insights",
                        "gateway",
                        "prometheus",
                        "grafana");
    }

    @Test
    void mongoDbIsAReplicaSetOfThreeThatEveryServiceUsesOnceItHasAPrimary() {
        for (String member : MONGO) {
            assertThat((List<String>) services.get(member).get("command")).containsSubsequence("--replSet", "rs0");
        }
        String init = String.join(" ", (List<String>) services.get("mongo-init").get("command"));
        for (String member : MONGO) {
            assertThat(init).contains("host: \"" + member + ":27017\"");
            assertThat((Object) at(services.get("mongo-init"), "depends_on." + member + ".condition"))
                    .isEqualTo("service_healthy");
        }
        assertThat(init).contains("_id: \"rs0\"").contains("rs.initiate(").contains("isWritablePrimary");

        for (String service : Chart.SERVICES) {
            URI uri = URI.create(environment(service).get("MONGODB_URI"));
            assertThat(uri.getScheme()).isEqualTo("mongodb");
            assertThat(uri.getAuthority()).isEqualTo("mongo1:27017,mongo2:27017,mongo3:27017");
            assertThat(uri.getQuery()).isEqualTo("replicaSet=rs0");
            assertThat((Object) at(services.get(service), "depends_on.mongo-init.condition"))
                    .isEqualTo("service_completed_successfully");
        }
    }

    @Test
    void theRunnablesAreTheChartsImagesBuiltByTheRecipe() {
        for (String runnable : Chart.RUNNABLES) {
            Map<String, Object> service = services.get(runnable);
            ImageRecipe recipe = ImageRecipe.of(runnable);
            assertThat(service.get("image"))
                    .as(runnable)
                    .isEqualTo(chart.container(runnable).get("image"));
            assertThat((Object) at(service, "build.dockerfile")).isEqualTo(ImageRecipe.DOCKERFILE);
            assertThat((Object) at(service, "build.args.JAR")).isEqualTo(recipe.jar());
            assertThat((Object) at(service, "build.args.PORTS"))
                    .isEqualTo(String.join(
                            " ", recipe.ports().stream().map(String::valueOf).toList()));
        }
    }

    @Test
    void theEnvironmentIsTheChartsWithComposesHostsAndKeyPaths() {
        Set<String> differing = Set.of(
                "HOSHI_GATEWAY_URL",
                "HOSHI_GATEWAY_SERVICES_DIRECTORY",
                "HOSHI_GATEWAY_SERVICES_COMPLIANCE",
                "HOSHI_GATEWAY_SERVICES_INSIGHTS",
                "HOSHI_GATEWAY_INTERNAL_TOKEN_KEY_LOCATION",
                "HOSHI_INSIGHTS_ATTESTATION_SIGNING_KEY_FILE");
        for (String runnable : Chart.RUNNABLES) {
            Map<String, String> inChart = chart.environment(runnable);
            Map<String, String> inCompose = environment(runnable);
            if (!runnable.equals("gateway")) {
                inChart.put("MONGODB_URI", "(a Secret)");
            }
            assertThat(inCompose.keySet())
                    .as("%s: compose sets what the chart sets", runnable)
                    .containsAll(inChart.keySet().stream()
                            .filter(k -> !k.equals("HOSHI_GATEWAY_DEMO_ENABLED"))
                            .toList());
            inChart.forEach((name, value) -> {
                if (!differing.contains(name) && !name.equals("MONGODB_URI") && inCompose.containsKey(name)) {
                    assertThat(inCompose.get(name)).as("%s %s", runnable, name).isEqualTo(value);
                }
            });
            for (String name : differing) {
                if (inChart.containsKey(name) && name.startsWith("HOSHI_GATEWAY_SERVICES_")) {
                    String target =
                            name.substring("HOSHI_GATEWAY_SERVICES_".length()).toLowerCase();
                    URI uri = URI.create(inCompose.get(name));
                    assertThat(uri.getHost()).isEqualTo(target);
                    assertThat(uri.getPort())
                            .isEqualTo(URI.create(inChart.get(name)).getPort());
                }
            }
        }
        for (String service : Chart.SERVICES) {
            assertThat(URI.create(environment(service).get("HOSHI_GATEWAY_URL")))
                    .isEqualTo(URI.create(
                            "http://gateway:" + chart.environment("gateway").get("HOSHI_GATEWAY_PORT")));
        }
    }

    @Test
    void theKeysComeFromComposeSecretsAndNoneIsInTheFile() {
        assertThat(environment("gateway"))
                .containsEntry("HOSHI_GATEWAY_INTERNAL_TOKEN_KEY_LOCATION", "/run/secrets/gateway-signing-key");
        assertThat((List<String>) services.get("gateway").get("secrets")).containsExactly("gateway-signing-key");
        assertThat(environment("insights"))
                .containsEntry("HOSHI_INSIGHTS_ATTESTATION_SIGNING_KEY_FILE", "/run/secrets/attestation-signing-key");
        assertThat((List<String>) services.get("insights").get("secrets")).containsExactly("attestation-signing-key");
        assertThat((Map<String, Object>) compose.get("secrets"))
                .containsOnlyKeys("gateway-signing-key", "attestation-signing-key");
        assertThat(Repository.read(FILE)).doesNotContain("PRIVATE KEY");
        assertThat(Repository.read("infra/compose/.gitignore")).contains("secrets/");
        assertThat(environment("grafana").get("GF_SECURITY_ADMIN_PASSWORD"))
                .as("Grafana has no default password")
                .startsWith("(required:");
    }

    @Test
    void demoModeIsOffUnlessAskedFor() {
        for (String runnable : Chart.RUNNABLES) {
            assertThat(environment(runnable).get("SPRING_PROFILES_ACTIVE"))
                    .as(runnable)
                    .isEmpty();
            assertThat(environment(runnable)).doesNotContainKey("HOSHI_GATEWAY_DEMO_ENABLED");
        }
    }

    @Test
    void theContainersRunLikeTheChartsPods() {
        for (String runnable : Chart.RUNNABLES) {
            Map<String, Object> service = services.get(runnable);
            Map<String, Object> pod = chart.podSpec(runnable);
            assertThat(service.get("user"))
                    .isEqualTo(at(pod, "securityContext.runAsUser") + ":" + at(pod, "securityContext.runAsGroup"));
            assertThat(service).containsEntry("read_only", true).containsEntry("tmpfs", List.of("/tmp"));
            assertThat(service).containsEntry("cap_drop", List.of("ALL"));
            assertThat((List<String>) service.get("security_opt")).contains("no-new-privileges:true");

            Map<String, Object> limits = at(chart.container(runnable), "resources.limits");
            assertThat((Object) at(service, "deploy.resources.limits.cpus")).isEqualTo(limits.get("cpu"));
            assertThat((Object) at(service, "deploy.resources.limits.memory"))
                    .as("%s: compose's M and G are the chart's Mi and Gi", runnable)
                    .isEqualTo(
                            ((String) limits.get("memory")).replace("Mi", "M").replace("Gi", "G"));
        }
    }

    @Test
    void onlyTheGatewayPrometheusAndGrafanaArePublishedAndOnlyOnLoopback() {
        services.forEach((name, service) -> {
            List<String> ports = (List<String>) service.getOrDefault("ports", List.of());
            assertThat(ports).as(name).allMatch(p -> p.startsWith("127.0.0.1:"));
            if (!ports.isEmpty()) {
                assertThat(name).isIn("gateway", "prometheus", "grafana");
            }
        });
        assertThat((List<String>) services.get("gateway").get("ports"))
                .containsExactly(
                        "127.0.0.1:8080:" + chart.environment("gateway").get("HOSHI_GATEWAY_PORT"));
    }

    @Test
    void prometheusScrapesEveryServicesManagementPortLabelledWithItsName() {
        Map<String, Object> prometheus = Repository.yaml("infra/compose/prometheus/prometheus.yml");
        List<Map<String, Object>> jobs = (List<Map<String, Object>>) prometheus.get("scrape_configs");
        assertThat(jobs).hasSize(1);
        assertThat(jobs.get(0))
                .containsEntry("job_name", Monitoring.JOB)
                .containsEntry("metrics_path", "/actuator/prometheus");
        List<Map<String, Object>> targets =
                (List<Map<String, Object>>) jobs.get(0).get("static_configs");
        assertThat(targets)
                .containsExactlyElementsOf(Chart.SERVICES.stream()
                        .map(s -> Map.of(
                                "targets", List.of(s + ":" + environment(s).get("MANAGEMENT_SERVER_PORT")),
                                "labels", Map.of("service", s)))
                        .toList());
        List<String> volumes = (List<String>) services.get("prometheus").get("volumes");
        assertThat(volumes).contains("./prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro");
        for (String rules : (List<String>) prometheus.get("rule_files")) {
            assertThat(volumes)
                    .as("the rule file %s is mounted", rules)
                    .contains("./prometheus/" + Path.of(rules).getFileName() + ":" + rules + ":ro");
        }
        Map<String, Object> datasources =
                Repository.yaml("infra/compose/grafana/provisioning/datasources/prometheus.yml");
        Map<String, Object> datasource = ((List<Map<String, Object>>) datasources.get("datasources")).get(0);
        assertThat(datasource)
                .containsEntry("url", "http://prometheus:9090")
                .containsEntry("uid", Monitoring.DATASOURCE_UID);
        Map<String, Object> dashboards = Repository.yaml("infra/compose/grafana/provisioning/dashboards/hoshi.yml");
        Object path = at(((List<Map<String, Object>>) dashboards.get("providers")).get(0), "options.path");
        assertThat((List<String>) services.get("grafana").get("volumes"))
                .contains("./grafana/dashboards:" + path + ":ro");
    }

    /** A compose service's environment as Compose would pass it with no variable set on the host. */
    private Map<String, String> environment(String service) {
        Map<String, Object> raw = (Map<String, Object>) services.get(service).get("environment");
        Map<String, String> env = new TreeMap<>();
        raw.forEach((name, value) -> env.put(name, interpolate(String.valueOf(value))));
        return env;
    }

    private static String interpolate(String value) {
        Matcher m = VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement =
                    "?".equals(m.group(2)) ? "(required: " + m.group(3) + ")" : m.group(3) == null ? "" : m.group(3);
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
