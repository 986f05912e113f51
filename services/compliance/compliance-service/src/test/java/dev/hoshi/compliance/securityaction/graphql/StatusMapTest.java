package dev.hoshi.compliance.securityaction.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoshi.compliance.api.status.ComplianceStatusQueries.ComplianceStatusView;
import dev.hoshi.compliance.api.status.OrganizationStatusView;
import java.lang.reflect.RecordComponent;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The status GraphQL reads: every field of the dashboard, null ones too, as it is, and the organisation's name. */
class StatusMapTest {

    private final OrganizationStatusView org =
            new OrganizationStatusView("org-1", "株式会社佐藤製作所", Map.of("user-1", "OWNER"));
    private final ComplianceStatusView view = Dashboards.oneStar(LocalDate.of(2026, 12, 5));

    @Test
    void everyFieldOfTheViewIsThereInOrderThenTheName() throws Exception {
        Map<String, Object> status = SecurityActionController.map(org, view);

        List<String> expected = new ArrayList<>();
        for (RecordComponent field : ComplianceStatusView.class.getRecordComponents()) {
            expected.add(field.getName());
            assertThat(status)
                    .as(field.getName())
                    .containsKey(field.getName())
                    .extractingByKey(field.getName())
                    .isEqualTo(field.getAccessor().invoke(view));
        }
        expected.add("name");
        assertThat(status.keySet()).containsExactlyElementsOf(expected);
        assertThat(status)
                .containsEntry("name", "株式会社佐藤製作所")
                .containsEntry("lapseReason", null)
                .containsEntry("lapsedOn", null)
                .containsEntry("latestAssessment", view.latestAssessment())
                .containsEntry("asOf", LocalDate.of(2026, 12, 5));
    }
}
