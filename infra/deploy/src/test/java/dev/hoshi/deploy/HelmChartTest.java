package dev.hoshi.deploy;

import static dev.hoshi.deploy.Repository.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.LintResult;
import dev.hoshi.deploy.Chart.Manifests;
import dev.hoshi.platform.config.PlatformDefaults;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.StandardEnvironment;

@SuppressWarnings("unchecked")
/** The chart helm/hoshi: lint, the rendered manifests with the default and a production-like values file. */
class HelmChartTest {

    static Stream<Arguments> renderings() {
        return Stream.of(
                Arguments.of("default values", Chart.render()),
                Arguments.of("production-like values", Chart.renderProduction()));
    }

    @Test
    void lintsCleanInStrictMode() {
        LintResult result = Chart.helm().lint().strict().call();

        assertThat(result.isFailed()).as("%s", result.getMessages()).isFalse();
        assertThat(result.getMessages()).noneMatch(m -> m.contains("[WARNING]") || m.contains("[ERROR]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void everyRunnableHasDeploymentServiceAutoscalerAndDisruptionBudget(String values, Manifests chart) {
        for (String runnable : Chart.RUNNABLES) {
            String name = Chart.RELEASE + "-" + runnable;
            Map<String, Object> podLabels = at(chart.get("Deployment", name), "spec.template.metadata.labels");
            assertThat(podLabels).containsEntry("app.kubernetes.io/component", runnable);

            assertThat(podLabels)
                    .as("the Service selects the pods")
                    .containsAllEntriesOf(at(chart.get("Service", name), "spec.selector"));
            assertThat(podLabels)
                    .as("the disruption budget selects the pods")
                    .containsAllEntriesOf(at(chart.get("PodDisruptionBudget", name), "spec.selector.matchLabels"));
            assertThat((Object) at(chart.get("PodDisruptionBudget", name), "spec.maxUnavailable"))
                    .isEqualTo(1);
            Map<String, Object> hpa = chart.get("HorizontalPodAutoscaler", name);
            assertThat((Object) at(hpa, "spec.scaleTargetRef.name")).isEqualTo(name);
            assertThat((Object) at(hpa, "spec.scaleTargetRef.kind")).isEqualTo("Deployment");
            assertThat((Object) at(chart.get("Deployment", name), "spec.replicas"))
                    .as("the autoscaler owns the replica count")
                    .isNull();
        }
        assertThat(chart.ofKind("Deployment")).hasSize(4);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void everyContainerHasProbesLimitsAndTheLockedDownSecurityContext(String values, Manifests chart) {
        for (String runnable : Chart.RUNNABLES) {
            Map<String, Object> container = chart.container(runnable);
            Map<String, Object> pod = chart.podSpec(runnable);
            Set<Object> ports = Set.copyOf(((List<Map<String, Object>>) container.get("ports"))
                    .stream().map(p -> p.get("name")).toList());

            for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                String group = probe.equals("readinessProbe") ? "readiness" : "liveness";
                assertThat((Object) at(container, probe + ".httpGet.path"))
                        .as("%s %s", runnable, probe)
                        .isEqualTo("/actuator/health/" + group);
                assertThat(ports)
                        .as("%s %s goes to a port the container declares", runnable, probe)
                        .contains((Object) at(container, probe + ".httpGet.port"));
            }
            assertThat((Object) at(container, "livenessProbe.httpGet.port"))
                    .isEqualTo(runnable.equals("gateway") ? "http" : "management");

            assertThat((List<String>) at(container, "lifecycle.preStop.exec.command"))
                    .as("%s: a moment for the endpoints to drop the pod before it shuts down", runnable)
                    .containsExactly("sleep", "5");

            for (String kind : List.of("limits", "requests")) {
                assertThat((Map<String, Object>) at(container, "resources." + kind))
                        .as("%s %s", runnable, kind)
                        .containsKeys("cpu", "memory");
            }
            assertThat((Object) at(container, "resources.limits.memory"))
                    .as("%s: memory requested is memory guaranteed", runnable)
                    .isEqualTo(at(container, "resources.requests.memory"));

            Map<String, Object> security = (Map<String, Object>) container.get("securityContext");
            assertThat(security)
                    .as(runnable)
                    .containsEntry("runAsNonRoot", true)
                    .containsEntry("readOnlyRootFilesystem", true)
                    .containsEntry("allowPrivilegeEscalation", false);
            assertThat((List<String>) at(security, "capabilities.drop")).containsExactly("ALL");
            assertThat((Object) at(pod, "securityContext.runAsNonRoot")).isEqualTo(true);
            assertThat((Integer) at(pod, "securityContext.runAsUser")).isPositive();
            assertThat(pod).containsEntry("automountServiceAccountToken", false);

            assertThat((List<Map<String, Object>>) container.get("volumeMounts"))
                    .as("%s: /tmp is the one writable place", runnable)
                    .anyMatch(m -> "/tmp".equals(m.get("mountPath")) && "tmp".equals(m.get("name")));
            assertThat((List<Map<String, Object>>) pod.get("volumes"))
                    .anyMatch(v -> "tmp".equals(v.get("name")) && v.containsKey("emptyDir"));
            assertThat((List<Map<String, Object>>) container.get("volumeMounts"))
                    .as("%s: nothing but /tmp is writable", runnable)
                    .allMatch(m -> "/tmp".equals(m.get("mountPath")) || Boolean.TRUE.equals(m.get("readOnly")));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void demoModeIsOff(String values, Manifests chart) {
        assertThat(chart.environment("gateway")).containsEntry("HOSHI_GATEWAY_DEMO_ENABLED", "false");
        for (String runnable : Chart.RUNNABLES) {
            assertThat(chart.environment(runnable))
                    .as(runnable)
                    .doesNotContainKey("SPRING_PROFILES_ACTIVE")
                    .doesNotContainKey("HOSHI_INSIGHTS_ATTESTATION_EPHEMERAL_KEY");
        }
    }

    @Test
    void demoModeTurnsOnOnlyWithADisposableDatabaseSaidSo() {
        Manifests chart = Chart.render(t -> t.set("demo.enabled", true).set("demo.disposableDatabase", true));

        assertThat(chart.environment("gateway"))
                .containsEntry("HOSHI_GATEWAY_DEMO_ENABLED", "true")
                .containsEntry("SPRING_PROFILES_ACTIVE", "demo");
        assertThat(chart.environment("insights")).containsEntry("SPRING_PROFILES_ACTIVE", "demo");
        assertThatThrownBy(() -> Chart.render(t -> t.set("demo.enabled", true)))
                .hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining("disposableDatabase");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void noSecretIsRenderedAndTheWorkloadsReferenceTheExistingOnes(String values, Manifests chart) {
        assertThat(chart.ofKind("Secret")).isEmpty();
        for (String service : Chart.SERVICES) {
            assertThat((List<Map<String, Object>>) chart.container(service).get("env"))
                    .anyMatch(e -> "MONGODB_URI".equals(e.get("name"))
                            && "hoshi-mongodb".equals(at(e, "valueFrom.secretKeyRef.name")));
        }
        assertThat(secretVolume(chart, "gateway")).isEqualTo("hoshi-gateway-signing-key");
        assertThat(secretVolume(chart, "insights")).isEqualTo("hoshi-insights-attestation-key");
        assertThat(chart.environment("gateway"))
                .containsEntry("HOSHI_GATEWAY_INTERNAL_TOKEN_KEY_LOCATION", "/etc/hoshi/keys/signing-key.pem");
        assertThat(chart.environment("insights"))
                .containsEntry("HOSHI_INSIGHTS_ATTESTATION_SIGNING_KEY_FILE", "/etc/hoshi/keys/signing-key.pem");
        for (Map<String, Object> object : chart.objects()) {
            assertThat(object.toString()).doesNotContain("PRIVATE KEY").doesNotContain("mongodb://");
        }
    }

    @Test
    void theValuesFilesHoldNoKeyMaterialOrConnectionString() {
        for (String file : List.of("helm/hoshi/values.yaml", "helm/examples/production-values.yaml")) {
            assertThat(Repository.read(file))
                    .as(file)
                    .doesNotContain("PRIVATE KEY")
                    .doesNotContain("mongodb://")
                    .doesNotContain("mongodb+srv://");
        }
    }

    @Test
    void valuesPassedAtInstallTimeGoIntoTheChartsOwnSecrets() {
        String uri = "mongodb://a:27017,b:27017,c:27017/?replicaSet=rs0";
        String pem = "-----BEGIN PRIVATE KEY-----\nTEST\n-----END PRIVATE KEY-----\n";
        Manifests chart = Chart.render(t -> t.set("mongodb.uri", uri)
                .set("gateway.signingKey.pem", pem)
                .set("services.insights.attestationKey.pem", pem));

        assertThat(secretValue(chart, "hoshi-mongodb", "uri")).isEqualTo(uri);
        assertThat(secretValue(chart, "hoshi-gateway-signing-key", "signing-key.pem"))
                .isEqualTo(pem);
        assertThat(secretValue(chart, "hoshi-insights-attestation-key", "signing-key.pem"))
                .isEqualTo(pem);
        assertThat(chart.ofKind("Secret")).hasSize(3);
        assertThat(secretVolume(chart, "gateway")).isEqualTo("hoshi-gateway-signing-key");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void theServicesTakeRequestsFromTheGatewayAlone(String values, Manifests chart) {
        Map<String, Object> gatewayPods = at(chart.get("Deployment", "hoshi-gateway"), "spec.template.metadata.labels");
        for (String service : Chart.SERVICES) {
            Map<String, Object> policy = chart.get("NetworkPolicy", "hoshi-" + service);
            Map<String, Object> servicePods =
                    at(chart.get("Deployment", "hoshi-" + service), "spec.template.metadata.labels");

            assertThat(servicePods)
                    .as("the policy selects %s's pods", service)
                    .containsAllEntriesOf(at(policy, "spec.podSelector.matchLabels"));
            assertThat(gatewayPods)
                    .as("the policy does not select the gateway's pods")
                    .doesNotContainEntry("app.kubernetes.io/component", service);
            assertThat((List<String>) at(policy, "spec.policyTypes")).containsExactly("Ingress");

            List<Map<String, Object>> rules = at(policy, "spec.ingress");
            Map<String, Object> http = rules.get(0);
            assertThat((List<Map<String, Object>>) http.get("ports"))
                    .containsExactly(Map.of("port", "http", "protocol", "TCP"));
            List<Map<String, Object>> from = (List<Map<String, Object>>) http.get("from");
            assertThat(from).hasSize(1);
            assertThat(from.get(0)).containsOnlyKeys("podSelector");
            Map<String, Object> selected = at(from.get(0), "podSelector.matchLabels");
            assertThat(gatewayPods).as("admits the gateway's pods").containsAllEntriesOf(selected);
            assertThat(selected)
                    .as("and only them")
                    .containsEntry("app.kubernetes.io/component", "gateway")
                    .containsEntry("app.kubernetes.io/instance", Chart.RELEASE);

            // any further rule opens the management port alone (metrics), never the service's own port
            for (Map<String, Object> rule : rules.subList(1, rules.size())) {
                assertThat((List<Map<String, Object>>) rule.get("ports"))
                        .containsExactly(Map.of("port", "management", "protocol", "TCP"));
            }
        }
    }

    @Test
    void withDefaultsNobodyScrapesTheServicesAndWithProductionValuesOnlyPrometheus() {
        for (String service : Chart.SERVICES) {
            assertThat((List<?>) at(Chart.render().get("NetworkPolicy", "hoshi-" + service), "spec.ingress"))
                    .hasSize(1);
            List<Map<String, Object>> rules =
                    at(Chart.renderProduction().get("NetworkPolicy", "hoshi-" + service), "spec.ingress");
            assertThat(rules).hasSize(2);
            assertThat((Object) at(
                            ((List<Map<String, Object>>) rules.get(1).get("from")).get(0),
                            "namespaceSelector.matchLabels"))
                    .isEqualTo(Map.of("kubernetes.io/metadata.name", "monitoring"));
        }
    }

    @Test
    void aRestrictedGatewayStillAdmitsTheServicesForItsKeySet() {
        List<Map<String, Object>> from = at(
                ((List<Map<String, Object>>)
                                at(Chart.renderProduction().get("NetworkPolicy", "hoshi-gateway"), "spec.ingress"))
                        .get(0),
                "from");

        assertThat(from).hasSize(2);
        assertThat((Object) at(from.get(0), "namespaceSelector.matchLabels"))
                .isEqualTo(Map.of("kubernetes.io/metadata.name", "ingress-nginx"));
        List<Map<String, Object>> expressions = at(from.get(1), "podSelector.matchExpressions");
        assertThat(expressions)
                .contains(Map.of(
                        "key", "app.kubernetes.io/component",
                        "operator", "In",
                        "values", Chart.SERVICES));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void theRunnablesFindEachOther(String values, Manifests chart) {
        Map<String, String> gateway = chart.environment("gateway");
        for (String service : Chart.SERVICES) {
            Map<String, Object> svc = chart.get("Service", "hoshi-" + service);
            Object port =
                    ((List<Map<String, Object>>) at(svc, "spec.ports")).get(0).get("port");
            assertThat(gateway)
                    .containsEntry(
                            "HOSHI_GATEWAY_SERVICES_" + service.toUpperCase(), "http://hoshi-" + service + ":" + port);
            Map<String, String> env = chart.environment(service);
            assertThat(env)
                    .containsEntry("HOSHI_GATEWAY_URL", "http://hoshi-gateway:8080")
                    .containsEntry("MANAGEMENT_SERVER_PORT", "9090")
                    .containsEntry("HOSHI_" + service.toUpperCase() + "_PORT", String.valueOf(port));
        }
        assertThat((Object) at(chart.get("Ingress", "hoshi"), "spec.rules"))
                .asString()
                .contains("hoshi-gateway");
    }

    @Test
    void productionValuesFetchTheKeySetOverHttpsAndUseTheRegistry() {
        Manifests chart = Chart.renderProduction();

        assertThat(chart.environment("compliance"))
                .containsEntry("HOSHI_SECURITY_JWKS_URI", "https://hoshi.example.com/.well-known/jwks.json")
                .containsEntry("HOSHI_SECURITY_JWKS_PLAIN_HTTP_ALLOWED", "false");
        assertThat(chart.container("insights").get("image"))
                .isEqualTo("registry.example.com/hoshi/hoshi-insights:0.1.0");
        assertThat(chart.environment("insights"))
                .containsEntry("HOSHI_INSIGHTS_ATTESTATION_PREVIOUS_KEY_FILES", "/etc/hoshi/keys/signing-key-2025.pem");
        assertThat(chart.environment("gateway"))
                .containsEntry("HOSHI_GATEWAY_OIDC_ISSUER_URI", "https://login.example.com/realms/hoshi")
                .containsEntry("HOSHI_GATEWAY_OIDC_AUDIENCE", "hoshi")
                .containsEntry("HOSHI_GATEWAY_OIDC_CLIENT_ID", "hoshi-web");
    }

    @Test
    void theImagesDefaultToTheProjectVersion() {
        assertThat(Repository.yaml("helm/hoshi/Chart.yaml")).containsEntry("appVersion", Repository.PROJECT_VERSION);
        assertThat(Chart.render().container("gateway").get("image"))
                .isEqualTo("hoshi-gateway:" + Repository.PROJECT_VERSION);
    }

    @Test
    void theSchemaRefusesBadValues() {
        Map<String, Object> bad = Map.of(
                "containerSecurityContext.readOnlyRootFilesystem",
                false,
                "podSecurityContext.runAsNonRoot",
                false,
                "gateway.signingKey.pem",
                "not a key",
                "mongodb.uri",
                "postgres://db",
                "services.directory.port",
                80,
                "gateway.oidc.issuerUri",
                "http://login.example.com",
                "ingress.enable",
                true,
                "services.insights.resources.limits.memory",
                "lots");
        bad.forEach((key, value) -> assertThatThrownBy(() -> Chart.render(t -> t.set(key, value)))
                .as("%s=%s", key, value)
                .hasMessageContaining("values don't meet the specifications of the schema"));
    }

    @Test
    void theSchemaRefusesNoSecretAtAll() {
        assertThatThrownBy(() -> Chart.render(t -> t.set("mongodb.existingSecret", "")))
                .hasMessageContaining("values don't meet the specifications of the schema");
        assertThatThrownBy(() -> Chart.render(t -> t.set("gateway.oidc.issuerUri", "https://login.example.com")))
                .as("an issuer without the audience")
                .hasMessageContaining("values don't meet the specifications of the schema");
    }

    @Test
    void theHealthGroupsTheProbesUseAreOnInEveryRunnable() {
        Map<String, Object> gateway = Repository.yaml("gateway/src/main/resources/application.yml");
        assertThat((Object) at(gateway, "management.endpoint.health.probes.enabled"))
                .isEqualTo(true);
        assertThat((Object) at(gateway, "management.server.port"))
                .as("the gateway's probes are on its own port")
                .isNull();

        StandardEnvironment services = new StandardEnvironment();
        new PlatformDefaults().postProcessEnvironment(services, new SpringApplication());
        assertThat(services.getProperty("management.endpoint.health.probes.enabled"))
                .isEqualTo("true");
        for (String service : Chart.SERVICES) {
            assertThat(Repository.read(
                            "services/" + service + "/" + service + "-service/src/main/resources/application.yml"))
                    .as("%s leaves the platform's probes and management port alone", service)
                    .doesNotContain("probes")
                    .doesNotContain("management");
        }
    }

    private static Object secretVolume(Manifests chart, String runnable) {
        return ((List<Map<String, Object>>) chart.podSpec(runnable).get("volumes"))
                .stream()
                        .filter(v -> "keys".equals(v.get("name")))
                        .findFirst()
                        .map(v -> at(v, "secret.secretName"))
                        .orElse(null);
    }

    private static String secretValue(Manifests chart, String name, String key) {
        String encoded =
                (String) ((Map<String, Object>) chart.get("Secret", name).get("data")).get(key);
        return new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    }
}
