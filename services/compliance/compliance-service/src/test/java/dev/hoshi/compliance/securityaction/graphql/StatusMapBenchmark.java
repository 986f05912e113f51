package dev.hoshi.compliance.securityaction.graphql;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hoshi.compliance.api.status.ComplianceStatusQueries.ComplianceStatusView;
import dev.hoshi.compliance.api.status.OrganizationStatusView;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

/**
 * What handing a dashboard to GraphQL costs compliance per read: the view through JSON into nested maps (as until
 * 2026-12-05) against {@link SecurityActionController#map} (the view's fields as they are). Not a test: run it on an
 * idle machine with the JVM options the services run with (the local runner's, below).
 *
 * <pre>
 * ./mvnw -o -q -pl services/compliance/compliance-service -am install -DskipTests
 * ./mvnw -o -q -pl services/compliance/compliance-service test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=/tmp/compliance.cp
 * m=services/compliance/compliance-service
 * java -Xms64m -Xmx512m -XX:+UseSerialGC \
 *     -cp "$(cat /tmp/compliance.cp):$m/target/classes:$m/target/test-classes" \
 *     dev.hoshi.compliance.securityaction.graphql.StatusMapBenchmark
 * </pre>
 */
public final class StatusMapBenchmark {

    private static final int WARMUP = 100_000;
    private static final int ROUNDS = 50_000;
    private static final int BLOCKS = 7;

    public static void main(String[] args) {
        System.out.printf(
                "JVM %s, %s%n",
                System.getProperty("java.vm.version"),
                java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
        // as Spring Boot configures it: Java time as ISO text, not as numbers
        ObjectMapper json = Jackson2ObjectMapperBuilder.json()
                .featuresToDisable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .build();
        OrganizationStatusView org = new OrganizationStatusView("org-1", "株式会社佐藤製作所", Map.of("user-1", "OWNER"));
        ComplianceStatusView view = Dashboards.oneStar(LocalDate.of(2026, 12, 5));
        double before = median(() -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> map = new LinkedHashMap<>(json.convertValue(view, Map.class));
            map.put("name", org.name());
            return map;
        });
        double after = median(() -> SecurityActionController.map(org, view));
        System.out.printf("through JSON into maps   %8.2f µs per dashboard, median of %d blocks%n", before, BLOCKS);
        System.out.printf("the view's fields as is  %8.2f µs per dashboard, median of %d blocks%n", after, BLOCKS);
        System.out.printf("ratio %.0f×%n", before / after);
    }

    private static double median(Supplier<Map<String, Object>> map) {
        long sink = 0;
        for (int i = 0; i < WARMUP; i++) {
            sink += map.get().size();
        }
        double[] blocks = new double[BLOCKS];
        for (int b = 0; b < BLOCKS; b++) {
            long start = System.nanoTime();
            for (int i = 0; i < ROUNDS; i++) {
                sink += map.get().size();
            }
            blocks[b] = (System.nanoTime() - start) / 1_000.0 / ROUNDS;
        }
        if (sink == 42) {
            System.out.println();
        }
        Arrays.sort(blocks);
        return blocks[BLOCKS / 2];
    }

    private StatusMapBenchmark() {}
}
