package dev.hoshi.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoshi.deploy.Chart.Manifests;
import dev.hoshi.store.EmbeddedStore;
import dev.hoshi.testsupport.MetricNames;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an image would run, run here without a container engine: the gateway's and the insights service's jars
 * extracted into their layers and merged into one directory exactly as the Dockerfile's COPY lines do, started with
 * the Dockerfile's entry point and the environment the chart's ConfigMaps give them (only the ports, the key files'
 * paths and the MongoDB, an embedded one, changed to fit this machine). Proves the entry point starts each runnable,
 * the chart's probes answer where the chart points them, metrics are open on the services' management port while
 * their API still needs a token, and demo mode is off. Not proven: the base image, the non-root user, the read-only
 * root file system (no container engine here; docs/operations.md).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImageLayoutIT {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(6);

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Process> processes = new ArrayList<>();
    private EmbeddedStore store;
    private int gatewayPort;
    private int insightsPort;
    private int insightsManagementPort;

    @BeforeAll
    void startGatewayAndInsightsFromTheirImageLayouts(@TempDir Path work) throws Exception {
        Manifests chart = Chart.render();
        Path key = writeSigningKey(work.resolve("signing-key.pem"));
        store = EmbeddedStore.start(work.resolve("data"), 0);
        gatewayPort = freePort();
        insightsPort = freePort();
        insightsManagementPort = freePort();

        Map<String, String> gateway = chart.environment("gateway");
        gateway.put("HOSHI_GATEWAY_PORT", String.valueOf(gatewayPort));
        gateway.put("HOSHI_GATEWAY_INTERNAL_TOKEN_KEY_LOCATION", key.toString());
        gateway.put("HOSHI_GATEWAY_SERVICES_INSIGHTS", "http://127.0.0.1:" + insightsPort);
        start("gateway", work, gateway);

        Map<String, String> insights = chart.environment("insights");
        insights.put("HOSHI_INSIGHTS_PORT", String.valueOf(insightsPort));
        insights.put("MANAGEMENT_SERVER_PORT", String.valueOf(insightsManagementPort));
        insights.put("HOSHI_GATEWAY_URL", "http://127.0.0.1:" + gatewayPort);
        insights.put("HOSHI_INSIGHTS_ATTESTATION_SIGNING_KEY_FILE", key.toString());
        insights.put("MONGODB_URI", store.connectionString());
        start("insights", work, insights);

        awaitUp("http://127.0.0.1:" + gatewayPort + "/actuator/health/readiness");
        awaitUp("http://127.0.0.1:" + insightsManagementPort + "/actuator/health/readiness");
    }

    @AfterAll
    void stop() {
        processes.forEach(Process::destroy);
        for (Process process : processes) {
            try {
                if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (store != null) {
            store.close();
        }
    }

    @Test
    void theGatewaysProbesAnswerOnItsOwnPortAndDemoModeIsOff() throws Exception {
        assertThat(get(gatewayPort, "/actuator/health/liveness").statusCode()).isEqualTo(200);
        assertThat(get(gatewayPort, "/actuator/health/readiness").body()).contains("\"UP\"");
        assertThat(get(gatewayPort, "/demo/personas").statusCode()).isEqualTo(404);
    }

    @Test
    void theServicesProbesAndMetricsAnswerOnTheManagementPortAndItsApiNeedsAToken() throws Exception {
        assertThat(get(insightsManagementPort, "/actuator/health/liveness").statusCode())
                .isEqualTo(200);
        HttpResponse<String> metrics = get(insightsManagementPort, "/actuator/prometheus");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes");
        assertThat(get(insightsPort, "/actuator/prometheus").statusCode())
                .as("on the service's own port metrics still need the internal token")
                .isEqualTo(401);
        HttpResponse<String> graphql = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + insightsPort + "/graphql"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{__typename}\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(graphql.statusCode()).isEqualTo(401);
    }

    @Test
    void theGatewayReachesTheServiceThroughTheChartsRoutes() throws Exception {
        HttpResponse<String> keys = get(gatewayPort, "/insights/.well-known/attestation-keys.json");
        assertThat(keys.statusCode()).isEqualTo(200);
        assertThat(keys.body()).contains("\"keys\"");
    }

    @Test
    void everyMetricTheDashboardAndTheAlertsUseIsPublished() throws Exception {
        // a request through the gateway, so that the request metrics have a first sample
        assertThat(get(gatewayPort, "/insights/.well-known/attestation-keys.json")
                        .statusCode())
                .isEqualTo(200);
        String exposition = get(insightsManagementPort, "/actuator/prometheus").body();

        // those published from the start (timers of commands, queries and GraphQL operations appear with their
        // first use; the services' metrics tests check those after traffic)
        Set<String> fromTheStart = new TreeSet<>(Monitoring.metricNames());
        fromTheStart.retainAll(MetricNames.of("insights"));
        fromTheStart.removeIf(name -> name.startsWith("hoshi_graphql_operation_"));
        assertThat(MetricNames.exposed(exposition)).containsAll(fromTheStart).contains("hoshi_processor_lag_events");
    }

    /** Extracts the runnable's jar, merges its layers as the Dockerfile does, and starts its entry point. */
    private void start(String runnable, Path work, Map<String, String> environment) throws IOException {
        ImageRecipe recipe = ImageRecipe.of(runnable);
        Path extracted = work.resolve(runnable + "-layers");
        Files.createDirectories(extracted);
        recipe.tools(extracted, "extract", "--layers", "--launcher", "--destination", extracted.toString());
        Path app = work.resolve(runnable + "-app");
        for (String layer : ImageRecipe.dockerfileLayers()) {
            copyTree(extracted.resolve(layer), app);
        }
        List<String> entryPoint = List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "org.springframework.boot.loader.launch.JarLauncher");
        Path log = Path.of("target", runnable + "-image-layout.log").toAbsolutePath();
        ProcessBuilder builder = new ProcessBuilder(entryPoint)
                .directory(app.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("HOSHI_") || k.equals("MONGODB_URI"));
        builder.environment().putAll(new TreeMap<>(environment));
        builder.environment().put("SERVER_ADDRESS", "127.0.0.1");
        processes.add(builder.start());
    }

    private void awaitUp(String url) throws Exception {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            for (Process process : processes) {
                if (!process.isAlive()) {
                    throw new AssertionError(
                            "a runnable stopped (exit " + process.exitValue() + "); see target/*-image-layout.log");
                }
            }
            try {
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(URI.create(url))
                                .timeout(Duration.ofSeconds(2))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(500); // polling a starting process, not waiting out a race
        }
        throw new AssertionError(url + " not up within " + START_TIMEOUT + "; see target/*-image-layout.log");
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Path writeSigningKey(Path file) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String body = Base64.getMimeEncoder(64, "\n".getBytes())
                .encodeToString(generator.generateKeyPair().getPrivate().getEncoded());
        Files.writeString(file, "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n");
        return file;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var paths = Files.walk(from)) {
            for (Path source : paths.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(source, target);
                }
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
