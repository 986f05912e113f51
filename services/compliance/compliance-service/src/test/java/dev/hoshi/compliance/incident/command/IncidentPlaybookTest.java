package dev.hoshi.compliance.incident.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoshi.catalog.Catalog;
import dev.hoshi.catalog.IncidentResponse;
import dev.hoshi.compliance.api.incident.IncidentCommands.CompleteIncidentPhaseCommand;
import dev.hoshi.compliance.api.incident.IncidentCommands.RecordIncidentCommand;
import dev.hoshi.compliance.api.incident.IncidentCommands.SetIncidentContactCommand;
import dev.hoshi.compliance.api.incident.IncidentEvents.IncidentContactSetEvent;
import dev.hoshi.compliance.api.incident.IncidentEvents.IncidentPhaseCompletedEvent;
import dev.hoshi.compliance.api.incident.IncidentEvents.IncidentRecordedEvent;
import dev.hoshi.compliance.api.incident.IncidentPlaybookId;
import dev.hoshi.compliance.api.incident.IncidentQueries.IncidentReadinessView;
import dev.hoshi.compliance.api.incident.IncidentQueries.PhaseView;
import dev.hoshi.compliance.incident.domain.IncidentPlaybookState;
import dev.hoshi.kernel.error.HoshiException;
import dev.hoshi.kernel.id.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.matchers.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IncidentPlaybookTest {

    private static final TenantId SATO = TenantId.of("sato-seisakusho");
    private static final IncidentPlaybookId ID = IncidentPlaybookId.of(SATO);
    /** 2026-11-26 12:00 in Japan. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T03:00:00Z"), ZoneOffset.UTC);

    private static final Instant DETECTED = Instant.parse("2026-11-20T01:00:00Z"); // 10:00 on the 20th in Japan
    private static final LocalDate NOV20 = LocalDate.of(2026, 11, 20);
    private static final IncidentRecordedEvent RECORDED =
            new IncidentRecordedEvent(SATO, "ransom-1", "ファイルサーバの暗号化", false, DETECTED, "DETECT", "3.1", NOV20);
    private static final IncidentResponse PLAYBOOK = Catalog.load().current().incidentResponse();

    private FixtureConfiguration<IncidentPlaybook> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(IncidentPlaybook.class);
        fixture.registerInjectableResource(Catalog.load());
        fixture.registerInjectableResource(CLOCK);
    }

    @Test
    void anIncidentStartsInTheFirstPhase() {
        fixture.givenNoPriorActivity()
                .when(new RecordIncidentCommand(ID, "ransom-1", "ファイルサーバの暗号化", false, DETECTED))
                .expectEvents(RECORDED);
    }

    @Test
    void phasesAreCompletedInOrderUntilTheIncidentIsClosed() {
        Instant t1 = DETECTED.plusSeconds(3600);
        Instant t2 = DETECTED.plusSeconds(86_400 * 2);
        Instant t3 = DETECTED.plusSeconds(86_400 * 5);
        IncidentPhaseCompletedEvent detect =
                new IncidentPhaseCompletedEvent(SATO, "ransom-1", "DETECT", "REPORT", "LANから切り離し", t1, NOV20);
        IncidentPhaseCompletedEvent report = new IncidentPhaseCompletedEvent(
                SATO, "ransom-1", "REPORT", "RECOVER", "取引先・個人情報保護委員会に報告", t2, LocalDate.of(2026, 11, 22));

        fixture.given(RECORDED)
                .when(new CompleteIncidentPhaseCommand(ID, "ransom-1", "LANから切り離し", t1))
                .expectEvents(detect);
        fixture.given(RECORDED, detect)
                .when(new CompleteIncidentPhaseCommand(ID, "ransom-1", "取引先・個人情報保護委員会に報告", t2))
                .expectEvents(report);
        fixture.given(RECORDED, detect, report)
                .when(new CompleteIncidentPhaseCommand(ID, "ransom-1", "バックアップから復元", t3))
                .expectEvents(new IncidentPhaseCompletedEvent(
                        SATO, "ransom-1", "RECOVER", null, "バックアップから復元", t3, LocalDate.of(2026, 11, 25)));
        fixture.given(
                        RECORDED,
                        detect,
                        report,
                        new IncidentPhaseCompletedEvent(
                                SATO, "ransom-1", "RECOVER", null, null, t3, LocalDate.of(2026, 11, 25)))
                .when(new CompleteIncidentPhaseCommand(ID, "ransom-1", null, null))
                .expectException(Matchers.predicate(
                        e -> e instanceof HoshiException h && h.code().equals("INCIDENT_CLOSED")))
                .expectNoEvents();
    }

    @Test
    void badInputIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new CompleteIncidentPhaseCommand(ID, "nothing", null, null))
                .expectException(Matchers.predicate(
                        e -> e instanceof HoshiException h && h.code().equals("UNKNOWN_INCIDENT")))
                .expectNoEvents();
        fixture.given(RECORDED)
                .when(new RecordIncidentCommand(ID, "ransom-1", "again", false, null))
                .expectException(Matchers.predicate(
                        e -> e instanceof HoshiException h && h.code().equals("INCIDENT_EXISTS")))
                .expectNoEvents();
        fixture.given(RECORDED)
                .when(new CompleteIncidentPhaseCommand(ID, "ransom-1", null, DETECTED.minusSeconds(1)))
                .expectException(Matchers.predicate(
                        e -> e instanceof HoshiException h && h.code().equals("BEFORE_DETECTION")))
                .expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new RecordIncidentCommand(ID, "x", "t", false, Instant.parse("2026-11-26T04:00:00Z")))
                .expectException(Matchers.predicate(
                        e -> e instanceof HoshiException h && h.code().equals("TIME_IN_FUTURE")))
                .expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new SetIncidentContactCommand(ID, "c1", "FRIEND", "佐藤", null, null, null))
                .expectException(Matchers.predicate(e -> e instanceof HoshiException h
                        && h.code().equals("UNKNOWN_CONTACT_KIND")
                        && h.messageJa().contains("個人情報保護委員会")))
                .expectNoEvents();
    }

    @Test
    void aContactIsKeptPerOrganisation() {
        fixture.givenNoPriorActivity()
                .when(new SetIncidentContactCommand(ID, "ppc", "PPC", "個人情報保護委員会", "03-0000-0000", null, null))
                .expectEvents(new IncidentContactSetEvent(
                        SATO, "ppc", "PPC", "個人情報保護委員会", "03-0000-0000", null, null, LocalDate.of(2026, 11, 26)));
    }

    @Test
    void aPhaseNotCompletedByItsDueDateIsOverdueAndDrillsAreCounted() {
        List<Object> events = List.of(
                RECORDED,
                new IncidentPhaseCompletedEvent(
                        SATO, "ransom-1", "DETECT", "REPORT", null, DETECTED.plusSeconds(60), NOV20),
                new IncidentRecordedEvent(
                        SATO,
                        "drill-1",
                        "標的型メール訓練",
                        true,
                        Instant.parse("2026-10-01T01:00:00Z"),
                        "DETECT",
                        "3.1",
                        LocalDate.of(2026, 10, 1)));

        IncidentReadinessView nov24 = IncidentPlaybookState.fold(events, LocalDate.of(2026, 11, 24))
                .view("sato", LocalDate.of(2026, 11, 24), PLAYBOOK);
        IncidentReadinessView nov26 = IncidentPlaybookState.fold(events, LocalDate.of(2026, 11, 26))
                .view("sato", LocalDate.of(2026, 11, 26), PLAYBOOK);

        PhaseView report = nov24.incidents().get(0).phases().get(1);
        assertThat(report.code()).isEqualTo("REPORT");
        assertThat(report.dueOn()).isEqualTo(NOV20.plusDays(5));
        assertThat(report.overdue()).isFalse();
        assertThat(nov24.incidents().get(0).phase()).isEqualTo("REPORT");
        // the drill's DETECT (due 10-02) and REPORT (10-06) are overdue on 11-24; RECOVER is due 10-31: also overdue
        assertThat(nov24.overdueSteps()).isEqualTo(3);
        assertThat(nov26.incidents().get(0).phases().get(1).overdue()).isTrue(); // due 11-25
        assertThat(nov26.overdueSteps()).isEqualTo(4);
        assertThat(nov26.lastDrillOn()).isEqualTo(LocalDate.of(2026, 10, 1));
        assertThat(IncidentPlaybookState.fold(events, LocalDate.of(2026, 9, 30))
                        .view("sato", LocalDate.of(2026, 9, 30), PLAYBOOK)
                        .incidents())
                .isEmpty();
    }
}
