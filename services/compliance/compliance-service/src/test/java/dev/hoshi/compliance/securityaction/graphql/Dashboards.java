package dev.hoshi.compliance.securityaction.graphql;

import dev.hoshi.catalog.Catalog;
import dev.hoshi.catalog.Edition;
import dev.hoshi.compliance.ComplianceTestSupport;
import dev.hoshi.compliance.api.control.ControlStatus;
import dev.hoshi.compliance.api.securityaction.ReviewKind;
import dev.hoshi.compliance.api.status.ComplianceStatusQueries.AssessmentView;
import dev.hoshi.compliance.api.status.ComplianceStatusQueries.ComplianceStatusView;
import dev.hoshi.compliance.api.status.ComplianceStatusQueries.ControlView;
import dev.hoshi.compliance.api.status.ComplianceStatusQueries.PolicyView;
import dev.hoshi.compliance.api.status.ComplianceStatusQueries.ReviewView;
import dev.hoshi.compliance.api.status.SecurityActionLevel;
import dev.hoshi.compliance.api.status.Standing;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Dashboards as the benchmark's tenants have them. */
final class Dashboards {

    /** ★ declared, a sheet of 25 answers, the current edition's controls (every third in progress), two reviews. */
    static ComplianceStatusView oneStar(LocalDate today) {
        Map<String, String> answers = ComplianceTestSupport.sheet("DONE");
        answers.put("Q5", "UNKNOWN");
        List<String> controlIds = Catalog.load().current().controlChapters().stream()
                .flatMap(chapter -> chapter.controls().stream())
                .map(Edition.Control::id)
                .toList();
        List<ControlView> controls = new ArrayList<>();
        for (int i = 1; i <= controlIds.size(); i++) {
            String id = controlIds.get(i - 1);
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

    private Dashboards() {}
}
