package dev.hoshi.compliance.securityaction.graphql;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hoshi.compliance.api.control.ControlStatus;
import dev.hoshi.compliance.api.securityaction.ReviewKind;
import dev.hoshi.compliance.api.status.ComplianceStatusQueries.AssessmentView;
import dev.hoshi.compliance.api.status.ComplianceStatusQueries.ComplianceStatusView;
import dev.hoshi.compliance.api.status.ComplianceStatusQueries.ControlView;
import dev.hoshi.compliance.api.status.ComplianceStatusQueries.PolicyView;
import dev.hoshi.compliance.api.status.ComplianceStatusQueries.ReviewView;
import dev.hoshi.compliance.api.status.OrganizationStatusView;
import dev.hoshi.compliance.api.status.SecurityActionLevel;
import dev.hoshi.compliance.api.status.Standing;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

/**
 * What handing a dashboard to GraphQL costs compliance per read: the view through JSON into nested maps (as until
 * 2026-12-05) against {@link SecurityActionController#map} (the view's fields as they are). Not a test: run it on an
 * idle machine with the JVM flags the services run with.
 *
 * <pre>
 * ./mvnw -o -q -pl services/compliance/compliance-service -am install -DskipTests
 * ./mvnw -o -q -pl services/compliance/compliance-service test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=/tmp/compliance.cp
 * m=services/compliance/compliance-service
 * java -cp "$(cat /tmp/compliance.cp):$m/target/classes:$m/target/test-classes" \
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
        ObjectMapper json = Jackson2ObjectMapperBuilder.json().build();
        OrganizationStatusView org = new OrganizationStatusView("org-1", "株式会社佐藤製作所", Map.of("user-1", "OWNER"));
        ComplianceStatusView view = view();
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

    /** A ★ dashboard as the benchmark's tenants have it: a sheet of 25 answers, 20 controls, two reviews. */
    private static ComplianceStatusView view() {
        LocalDate today = LocalDate.of(2026, 12, 5);
        Map<String, String> answers = new LinkedHashMap<>();
        for (int item = 1; item <= 25; item++) {
            answers.put("Q" + item, item == 5 ? "UNKNOWN" : "DONE");
        }
        List<ControlView> controls = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            String id = String.format("C%02d-%02d", (i + 1) / 2, 2 - i % 2);
            controls.add(
                    i % 3 == 0
                            ? new ControlView(
                                    id,
                                    ControlStatus.IN_PROGRESS,
                                    "user-1",
                                    today.plusDays(30),
                                    "https://sato.example.jp/evidence",
                                    "手順書 v2",
                                    null,
                                    today.minusDays(i))
                            : ControlView.notStarted(id));
        }
        return new ComplianceStatusView(
                "org-1",
                today,
                SecurityActionLevel.ONE_STAR,
                "51234567890",
                today.minusDays(200),
                Standing.GOOD,
                null,
                null,
                SecurityActionLevel.TWO_STARS,
                List.of("DECLARATION"),
                List.of("A1", "A2", "A3", "A4", "A5"),
                new AssessmentView(
                        "sheet-1",
                        "3.1",
                        null,
                        today.minusDays(100),
                        95,
                        "WEAK_SPOTS",
                        Map.of(1, 15, 2, 52, 3, 28),
                        answers,
                        List.of("Q5"),
                        null,
                        false),
                new PolicyView(true, true, "https://sato.example.jp/policy"),
                List.of(
                        new ReviewView(ReviewKind.SELF_ASSESSMENT, today.plusDays(265), false),
                        new ReviewView(ReviewKind.BASIC_POLICY, today.plusDays(300), false)),
                12,
                controls);
    }

    private StatusMapBenchmark() {}
}
