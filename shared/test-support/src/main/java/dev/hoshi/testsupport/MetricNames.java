package dev.hoshi.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The list of metrics each runnable must expose, {@code infra/compose/prometheus/metrics.txt}: the one list that the
 * metrics tests check against a live {@code /actuator/prometheus} and that the dashboard and alert rules are checked
 * against (MonitoringTest).
 */
public final class MetricNames {

    public static final String FILE = "infra/compose/prometheus/metrics.txt";
    private static final Set<String> SERVICES = Set.of("directory", "compliance", "insights");
    private static final Pattern NAME = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)");

    private MetricNames() {}

    /** The names listed for {@code runnable} ({@code directory}, {@code compliance}, {@code insights}). */
    public static Set<String> of(String runnable) {
        Set<String> names = new TreeSet<>();
        for (String line : lines()) {
            List<String> fields = Arrays.asList(line.trim().split("\\s+"));
            boolean listed = fields.subList(1, fields.size()).stream()
                    .anyMatch(r -> r.equals(runnable) || (r.equals("services") && SERVICES.contains(runnable)));
            if (listed) {
                names.add(fields.get(0));
            }
        }
        return names;
    }

    /** The names every service exposes (those listed for "services"). */
    public static Set<String> ofEveryService() {
        Set<String> names = new TreeSet<>(of("directory"));
        names.retainAll(of("compliance"));
        names.retainAll(of("insights"));
        return names;
    }

    /** {@code /actuator/prometheus} of a service's management port (open there without a token). */
    public static String scrape(int managementPort) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(
                                            URI.create("http://127.0.0.1:" + managementPort + "/actuator/prometheus"))
                                    .timeout(Duration.ofSeconds(30))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("/actuator/prometheus answered " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The metric names in a Prometheus text exposition. */
    public static Set<String> exposed(String exposition) {
        Set<String> names = new TreeSet<>();
        exposition.lines().filter(l -> !l.startsWith("#") && !l.isBlank()).forEach(l -> {
            Matcher m = NAME.matcher(l);
            if (m.find()) {
                names.add(m.group(1));
            }
        });
        return names;
    }

    private static List<String> lines() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve(FILE))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException(
                    FILE + " not found above " + Path.of("").toAbsolutePath());
        }
        try {
            return Files.readAllLines(dir.resolve(FILE)).stream()
                    .filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
