package dev.hoshi.compliance.risk.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoshi.catalog.Catalog;
import dev.hoshi.catalog.Edition;
import dev.hoshi.compliance.api.control.ControlStatus;
import dev.hoshi.compliance.api.risk.Asset;
import dev.hoshi.compliance.api.risk.RiskCommands.AssessRiskCommand;
import dev.hoshi.compliance.api.risk.RiskCommands.RecordAssetCommand;
import dev.hoshi.compliance.api.risk.RiskCommands.RemoveAssetCommand;
import dev.hoshi.compliance.api.risk.RiskEvents.AssetRecordedEvent;
import dev.hoshi.compliance.api.risk.RiskEvents.AssetRemovedEvent;
import dev.hoshi.compliance.api.risk.RiskEvents.RiskAssessedEvent;
import dev.hoshi.compliance.api.risk.RiskQueries.AssetRiskView;
import dev.hoshi.compliance.api.risk.RiskQueries.BandCount;
import dev.hoshi.compliance.api.risk.RiskQueries.RiskSummaryView;
import dev.hoshi.compliance.api.risk.RiskRegisterId;
import dev.hoshi.compliance.risk.domain.RiskRegisterState;
import dev.hoshi.kernel.error.HoshiException;
import dev.hoshi.kernel.id.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.matchers.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RiskRegisterTest {

    private static final TenantId SATO = TenantId.of("sato-seisakusho");
    private static final RiskRegisterId ID = RiskRegisterId.of(SATO);
    /** 2026-11-26 in Japan. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T03:00:00Z"), ZoneOffset.UTC);

    private static final LocalDate JAN = LocalDate.of(2026, 1, 10);
    private static final Edition EDITION = Catalog.load().current();
    /** Appendix 7's example kind of asset: a customer list with personal data, C3 I2 A2 (importance 3). */
    private static final Asset CUSTOMERS =
            new Asset("営業", "顧客名簿", "営業部", "営業部長", "ファイルサーバ", "氏名・住所・電話番号", "取引終了後5年", 3, 2, 2);

    private static final AssetRecordedEvent RECORDED = new AssetRecordedEvent(SATO, "customers", CUSTOMERS, "3.1", JAN);

    private FixtureConfiguration<RiskRegister> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(RiskRegister.class);
        fixture.registerInjectableResource(Catalog.load());
        fixture.registerInjectableResource(CLOCK);
    }

    @Test
    void anAssetIsRecordedWithItsRatings() {
        fixture.givenNoPriorActivity()
                .when(new RecordAssetCommand(ID, "customers", CUSTOMERS, JAN))
                .expectEvents(RECORDED);
    }

    @Test
    void aRatingOffTheOneToThreeScaleIsRefused() {
        Asset bad = new Asset(null, "顧客名簿", null, null, null, null, null, 4, 1, 1);
        fixture.givenNoPriorActivity()
                .when(new RecordAssetCommand(ID, "customers", bad, JAN))
                .expectException(Matchers.predicate(e -> e instanceof HoshiException h
                        && h.code().equals("INVALID_RATING")
                        && h.getMessage().contains("confidentiality")))
                .expectNoEvents();
    }

    @Test
    void anAssetNeedsANameAndAUsableId() {
        fixture.givenNoPriorActivity()
                .when(new RecordAssetCommand(
                        ID, "customers", new Asset(null, " ", null, null, null, null, null, 1, 1, 1), JAN))
                .expectException(HoshiException.class)
                .expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new RecordAssetCommand(ID, "顧客/名簿", CUSTOMERS, JAN))
                .expectException(Matchers.predicate(
                        e -> e instanceof HoshiException h && h.code().equals("INVALID_ASSET_ID")))
                .expectNoEvents();
    }

    @Test
    void anAssessmentRecordsThreatVulnerabilityTreatmentAndControls() {
        fixture.given(RECORDED)
                .when(new AssessRiskCommand(ID, "customers", 3, 2, "REDUCE", List.of("C04-01", "C03-01"), "要対策", JAN))
                .expectEvents(new RiskAssessedEvent(
                        SATO, "customers", 3, 2, "REDUCE", List.of("C03-01", "C04-01"), "要対策", "3.1", JAN));
    }

    @Test
    void anAssessmentOfAnAssetNotOnTheRegisterIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new AssessRiskCommand(ID, "customers", 3, 2, "REDUCE", List.of(), null, JAN))
                .expectException(Matchers.predicate(
                        e -> e instanceof HoshiException h && h.code().equals("UNKNOWN_ASSET")))
                .expectNoEvents();
        fixture.given(RECORDED, new AssetRemovedEvent(SATO, "customers", "廃棄", JAN))
                .when(new AssessRiskCommand(ID, "customers", 3, 2, "REDUCE", List.of(), null, JAN))
                .expectException(Matchers.predicate(
                        e -> e instanceof HoshiException h && h.code().equals("UNKNOWN_ASSET")))
                .expectNoEvents();
    }

    @Test
    void anUnknownTreatmentControlOrRatingIsRefused() {
        fixture.given(RECORDED)
                .when(new AssessRiskCommand(ID, "customers", 3, 2, "IGNORE", List.of(), null, JAN))
                .expectException(Matchers.predicate(e -> e instanceof HoshiException h
                        && h.code().equals("UNKNOWN_TREATMENT")
                        && h.messageJa().contains("低減")))
                .expectNoEvents();
        fixture.given(RECORDED)
                .when(new AssessRiskCommand(ID, "customers", 3, 2, "REDUCE", List.of("C99-99"), null, JAN))
                .expectException(Matchers.predicate(
                        e -> e instanceof HoshiException h && h.code().equals("UNKNOWN_CONTROL")))
                .expectNoEvents();
        fixture.given(RECORDED)
                .when(new AssessRiskCommand(ID, "customers", 0, 2, "REDUCE", List.of(), null, JAN))
                .expectException(Matchers.predicate(
                        e -> e instanceof HoshiException h && h.code().equals("INVALID_RATING")))
                .expectNoEvents();
    }

    @Test
    void aFactDatedInTheFutureIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new RecordAssetCommand(ID, "customers", CUSTOMERS, LocalDate.of(2026, 11, 27)))
                .expectException(Matchers.predicate(
                        e -> e instanceof HoshiException h && h.code().equals("DATE_IN_FUTURE")))
                .expectNoEvents();
    }

    @Test
    void removingAnAssetTakesItOffTheRegister() {
        fixture.given(RECORDED)
                .when(new RemoveAssetCommand(ID, "customers", "廃棄", JAN))
                .expectEvents(new AssetRemovedEvent(SATO, "customers", "廃棄", JAN));
    }

    // ------------------------------------------------------------------ what follows from the register

    @Test
    void theRiskValueIsImportanceTimesLikelihoodInTheGuidelinesBand() {
        RiskRegisterState state = RiskRegisterState.fold(
                List.of(
                        RECORDED,
                        new RiskAssessedEvent(SATO, "customers", 3, 2, "REDUCE", List.of("C04-01"), null, "3.1", JAN),
                        new AssetRecordedEvent(
                                SATO,
                                "brochure",
                                new Asset(null, "会社案内", null, null, null, null, null, 1, 2, 1),
                                "3.1",
                                JAN),
                        new RiskAssessedEvent(SATO, "brochure", 3, 3, "ACCEPT", List.of(), null, "3.1", JAN),
                        new AssetRecordedEvent(
                                SATO,
                                "payroll",
                                new Asset(null, "給与データ", null, null, null, "給与", null, 3, 3, 1),
                                "3.1",
                                JAN)),
                JAN);

        List<AssetRiskView> views = state.views(EDITION, id -> ControlStatus.NOT_STARTED);

        // customers: importance 3 × likelihood (3,2)→2 = 6, LARGE; brochure: 2 × (3,3)→3 = 6, LARGE
        assertThat(views).extracting(AssetRiskView::assetId).containsExactly("brochure", "customers", "payroll");
        AssetRiskView customers = views.get(1);
        assertThat(customers.importance()).isEqualTo(3);
        assertThat(customers.likelihood()).isEqualTo(2);
        assertThat(customers.riskValue()).isEqualTo(6);
        assertThat(customers.band()).isEqualTo("LARGE");
        assertThat(customers.proposedVulnerability()).isEqualTo(3);
        AssetRiskView payroll = views.get(2);
        assertThat(payroll.importance()).isEqualTo(3);
        assertThat(payroll.riskValue()).isNull();
        RiskSummaryView summary = RiskRegisterState.summary(EDITION, views);
        assertThat(summary.bands())
                .containsExactly(new BandCount("LARGE", 2), new BandCount("MEDIUM", 0), new BandCount("SMALL", 0));
        assertThat(summary.notAssessed()).isEqualTo(1);
        assertThat(summary.highest()).isEqualTo(6);
    }

    @Test
    void aReassessmentAndAChangedEntryReplaceTheEarlierOnesAndHistoryKeepsThem() {
        LocalDate june = LocalDate.of(2026, 6, 1);
        List<Object> events = List.of(
                RECORDED,
                new RiskAssessedEvent(SATO, "customers", 3, 3, "REDUCE", List.of(), null, "3.1", JAN),
                new AssetRecordedEvent(
                        SATO, "customers", new Asset(null, "顧客名簿", null, null, null, null, null, 2, 2, 2), "3.1", june),
                new RiskAssessedEvent(SATO, "customers", 2, 2, "REDUCE", List.of(), null, "3.1", june));

        AssetRiskView january = RiskRegisterState.fold(events, JAN)
                .views(EDITION, id -> ControlStatus.NOT_STARTED)
                .get(0);
        AssetRiskView now = RiskRegisterState.fold(events, june)
                .views(EDITION, id -> ControlStatus.NOT_STARTED)
                .get(0);

        assertThat(january.riskValue()).isEqualTo(9); // 3 × (3,3)→3
        assertThat(january.band()).isEqualTo("LARGE");
        assertThat(now.riskValue()).isEqualTo(2); // 2 × (2,2)→1
        assertThat(now.band()).isEqualTo("SMALL");
        assertThat(now.recordedOn()).isEqualTo(JAN);
        assertThat(RiskRegisterState.fold(events, JAN.minusDays(1)).assets()).isZero();
    }

    @Test
    void theControlsStatusProposesTheVulnerability() {
        var risk = EDITION.riskAnalysis();
        Map<String, ControlStatus> status = Map.of(
                "C04-01", ControlStatus.IMPLEMENTED,
                "C03-01", ControlStatus.NOT_APPLICABLE,
                "C05-01", ControlStatus.IN_PROGRESS,
                "C06-01", ControlStatus.PLANNED);

        assertThat(RiskRegisterState.proposedVulnerability(risk, List.of("C04-01", "C03-01"), status::get))
                .isEqualTo(1);
        assertThat(RiskRegisterState.proposedVulnerability(risk, List.of("C04-01", "C06-01"), status::get))
                .isEqualTo(2);
        assertThat(RiskRegisterState.proposedVulnerability(risk, List.of("C05-01"), status::get))
                .isEqualTo(2);
        assertThat(RiskRegisterState.proposedVulnerability(risk, List.of("C06-01"), status::get))
                .isEqualTo(3);
        assertThat(RiskRegisterState.proposedVulnerability(risk, List.of(), status::get))
                .isEqualTo(3);
    }
}
