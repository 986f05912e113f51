package dev.hoshi.compliance.securityaction.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import dev.hoshi.catalog.Catalog;
import dev.hoshi.catalog.Edition;
import dev.hoshi.compliance.api.control.ControlStatus;
import dev.hoshi.compliance.api.securityaction.LapseReason;
import dev.hoshi.compliance.api.securityaction.ReviewKind;
import dev.hoshi.compliance.api.status.ComplianceStatusQueries.ComplianceStatusView;
import dev.hoshi.compliance.api.status.ComplianceStatusQueries.ControlView;
import dev.hoshi.compliance.api.status.SecurityActionLevel;
import dev.hoshi.compliance.api.status.SecurityActionStatus;
import dev.hoshi.compliance.api.status.SecurityActionStatus.LatestAssessment;
import dev.hoshi.compliance.api.status.SecurityActionStatus.Policy;
import dev.hoshi.compliance.api.status.SecurityActionStatus.ReviewDue;
import dev.hoshi.compliance.api.status.Standing;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.platform.personal.PersonalDataVault;
import dev.hoshi.platform.readmodel.BucketedSets;
import dev.hoshi.testsupport.TestMongo;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The dashboard projection's batched writes ({@link DashboardBatch}, {@link DashboardStore#putAll}) against the MongoDB
 * wire protocol: batches larger than a processor's (100 events), the backdating rule within a batch and against what
 * is stored, the due-check buckets, and a batch delivered twice.
 */
class DashboardStoreIT {

    private static final LocalDate TODAY = LocalDate.of(2026, 3, 15);
    private static final int ORGANIZATIONS = 250;

    private final MongoDatabase db =
            TestMongo.get().client().getDatabase(TestMongo.get().freshDatabaseName("dashboards"));
    private final MongoCollection<Document> dueCheckDocuments = db.getCollection("due_checks");
    private final BucketedSets dueChecks = new BucketedSets(dueCheckDocuments, "tenants");
    private final ObjectMapper json = JsonMapper.builder()
            .findAndAddModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();
    private final DashboardStore store = new DashboardStore(db, json, new PersonalDataVault(db));
    private final Edition edition = Catalog.load().current();
    private final List<String> controlIds = edition.controlChapters().stream()
            .flatMap(chapter -> chapter.controls().stream())
            .map(control -> control.id())
            .toList();

    @AfterEach
    void drop() {
        db.drop();
    }

    @Test
    void aBatchOfManyOrganisationsIsReadBackAsEachOneLastStood() {
        DashboardBatch batch = new DashboardBatch(store, dueChecks);
        for (int i = 0; i < ORGANIZATIONS; i++) {
            String organization = organization(i);
            batch.status(organization, status(Standing.NOT_DECLARED, LocalDate.of(2027, 1, 1)));
            batch.control(organization, control(0, ControlStatus.PLANNED, TODAY.minusDays(10)));
            batch.control(organization, control(1, ControlStatus.IN_PROGRESS, TODAY.minusDays(5)));
            // the same organisation's status published again later in the batch: the last one wins
            batch.status(organization, status(Standing.GOOD, LocalDate.of(2027, 2, 1)));
            batch.dueCheck("2027-02-02", organization);
        }
        batch.flush();

        for (int i = 0; i < ORGANIZATIONS; i++) {
            ComplianceStatusView view = dashboard(i);
            assertThat(view.standing()).isEqualTo(Standing.GOOD);
            assertThat(control(view, 0).status()).isEqualTo(ControlStatus.PLANNED);
            assertThat(control(view, 1).status()).isEqualTo(ControlStatus.IN_PROGRESS);
            assertThat(control(view, 2).status()).isEqualTo(ControlStatus.NOT_STARTED);
            assertThat(view.controls()).hasSize(controlIds.size());
        }
        assertThat(dueChecks.members("2027-02-02")).hasSize(ORGANIZATIONS);
    }

    @Test
    void everyFieldOfTheStatusAndOfEveryControlIsReadBackAsItWasPut() {
        String organization = organization(0);
        Map<String, String> answers = new LinkedHashMap<>();
        for (int item = 1; item <= 25; item++) {
            answers.put("Q%02d".formatted(item), item % 5 == 0 ? "DONT_KNOW" : "DONE");
        }
        SecurityActionStatus status = new SecurityActionStatus(
                SecurityActionLevel.TWO_STARS,
                "declaration-0001",
                LocalDate.of(2025, 4, 1),
                Standing.PREREQUISITES_LAPSED,
                LapseReason.ASSESSMENT_EXPIRED,
                LocalDate.of(2026, 3, 1),
                SecurityActionLevel.TWO_STARS,
                List.of("POLICY_PUBLISHED"),
                List.of("ARTICLE_A1", "ARTICLE_A2", "ARTICLE_A3", "ARTICLE_A4", "ARTICLE_A5"),
                new LatestAssessment(
                        "assessment-0001",
                        edition.edition(),
                        LocalDate.of(2025, 3, 1),
                        87,
                        Map.of(1, 3, 2, 2, 3, 1),
                        "GOOD",
                        answers,
                        List.of("Q05", "Q10", "Q15", "Q20", "Q25"),
                        "assessment-0000"),
                new Policy(true, true, "https://example.jp/セキュリティ基本方針?v=2&lang=ja"),
                List.of(
                        new ReviewDue(ReviewKind.SELF_ASSESSMENT, LocalDate.of(2026, 3, 1), true),
                        new ReviewDue(ReviewKind.BASIC_POLICY, LocalDate.of(2027, 4, 1), false)),
                12);
        List<ControlView> controls = new ArrayList<>();
        for (int i = 0; i < controlIds.size(); i++) {
            controls.add(new ControlView(
                    controlIds.get(i),
                    ControlStatus.values()[i % ControlStatus.values().length],
                    "demo-sato",
                    TODAY.plusDays(i),
                    "https://example.jp/evidence/" + i + "?a=1&b=\"x\"",
                    "証跡メモ " + i + "\n二行目",
                    i % 2 == 0 ? null : "理由 " + i,
                    TODAY.minusDays(i)));
        }
        DashboardBatch batch = new DashboardBatch(store, dueChecks);
        batch.status(organization, status);
        controls.forEach(control -> batch.control(organization, control));
        batch.flush();

        assertThat(dashboard(0)).isEqualTo(ComplianceStatusView.of(TenantId.of(organization), TODAY, status, controls));
    }

    @Test
    void aBackdatedUpdateTakesItsPlaceInHistoryNotOverTodaysWithinABatchAndAcrossBatches() {
        String organization = organization(0);
        DashboardBatch first = new DashboardBatch(store, dueChecks);
        first.status(organization, status(Standing.NOT_DECLARED, LocalDate.of(2027, 1, 1)));
        first.control(organization, control(0, ControlStatus.IMPLEMENTED, TODAY));
        first.control(organization, control(0, ControlStatus.PLANNED, TODAY.minusDays(30))); // backdated, same batch
        first.control(organization, control(1, ControlStatus.PLANNED, TODAY.minusDays(3)));
        first.flush();
        assertThat(control(dashboard(0), 0).status()).isEqualTo(ControlStatus.IMPLEMENTED);

        DashboardBatch second = new DashboardBatch(store, dueChecks);
        second.control(organization, control(0, ControlStatus.IN_PROGRESS, TODAY.minusDays(1))); // backdated, stored
        second.control(organization, control(1, ControlStatus.IMPLEMENTED, TODAY.minusDays(3))); // same day: replaces
        second.flush();

        ComplianceStatusView view = dashboard(0);
        assertThat(control(view, 0).status()).isEqualTo(ControlStatus.IMPLEMENTED);
        assertThat(control(view, 1).status()).isEqualTo(ControlStatus.IMPLEMENTED);
    }

    @Test
    void aBatchDeliveredAgainLeavesTheSameDocuments() {
        List<Runnable> deliveries = new ArrayList<>();
        for (int delivery = 0; delivery < 2; delivery++) {
            deliveries.add(() -> {
                DashboardBatch batch = new DashboardBatch(store, dueChecks);
                for (int i = 0; i < 120; i++) {
                    batch.status(organization(i), status(Standing.GOOD, LocalDate.of(2027, 2, 1)));
                    batch.control(organization(i), control(i % controlIds.size(), ControlStatus.PLANNED, TODAY));
                    batch.dueCheck("pending", organization(i));
                }
                batch.flush();
            });
        }
        deliveries.get(0).run();
        List<Document> once = db.getCollection("compliance_dashboard").find().into(new ArrayList<>());
        List<Document> bucketOnce = dueCheckDocuments.find().into(new ArrayList<>());
        deliveries.get(1).run();

        assertThat(db.getCollection("compliance_dashboard").find().into(new ArrayList<>()))
                .hasSize(120)
                .containsExactlyInAnyOrderElementsOf(once);
        assertThat(dueCheckDocuments.find().into(new ArrayList<>())).isEqualTo(bucketOnce);
        assertThat(dueChecks.members("pending")).hasSize(120);
    }

    private ComplianceStatusView dashboard(int i) {
        return store.current(TenantId.of(organization(i)), TODAY, edition).orElseThrow();
    }

    private ControlView control(ComplianceStatusView view, int index) {
        String id = controlIds.get(index);
        return view.controls().stream()
                .filter(c -> c.controlId().equals(id))
                .findFirst()
                .orElseThrow();
    }

    private ControlView control(int index, ControlStatus status, LocalDate effectiveOn) {
        return new ControlView(
                controlIds.get(index), status, "demo-sato", null, null, "note " + status, null, effectiveOn);
    }

    private static SecurityActionStatus status(Standing standing, LocalDate reviewDue) {
        return new SecurityActionStatus(
                null,
                null,
                null,
                standing,
                null,
                null,
                null,
                List.of("ARTICLE_A1"),
                List.of(),
                null,
                new Policy(false, false, null),
                List.of(new ReviewDue(ReviewKind.SELF_ASSESSMENT, reviewDue, false)),
                12);
    }

    private static String organization(int i) {
        return "org-%04d".formatted(i);
    }
}
