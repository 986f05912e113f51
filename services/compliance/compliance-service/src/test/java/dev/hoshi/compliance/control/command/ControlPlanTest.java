package dev.hoshi.compliance.control.command;

import dev.hoshi.catalog.Catalog;
import dev.hoshi.compliance.api.control.ControlPlanId;
import dev.hoshi.compliance.api.control.ControlStatus;
import dev.hoshi.compliance.api.control.ControlStatusUpdatedEvent;
import dev.hoshi.compliance.api.control.UpdateControlStatusCommand;
import dev.hoshi.kernel.error.HoshiException;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.kernel.id.UserId;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.matchers.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ControlPlanTest {

    private static final TenantId SATO = TenantId.of("sato-seisakusho");
    private static final ControlPlanId ID = ControlPlanId.of(SATO);

    private FixtureConfiguration<ControlPlan> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ControlPlan.class);
        fixture.registerInjectableResource(Catalog.load());
        fixture.registerInjectableResource(Clock.fixed(Instant.parse("2026-11-26T03:00:00Z"), ZoneOffset.UTC));
    }

    @Test
    void aControlsStatusOwnerDueDateAndEvidenceAreRecorded() {
        fixture.givenNoPriorActivity()
                .when(new UpdateControlStatusCommand(
                        ID,
                        "C07-01",
                        ControlStatus.IN_PROGRESS,
                        UserId.of("demo-sato"),
                        LocalDate.of(2027, 3, 31),
                        "https://sato.example.jp/backup-plan",
                        "NAS backup weekly",
                        null,
                        LocalDate.of(2026, 11, 1)))
                .expectEvents(new ControlStatusUpdatedEvent(
                        SATO,
                        "3.1",
                        "C07-01",
                        ControlStatus.IN_PROGRESS,
                        UserId.of("demo-sato"),
                        LocalDate.of(2027, 3, 31),
                        "https://sato.example.jp/backup-plan",
                        "NAS backup weekly",
                        null,
                        LocalDate.of(2026, 11, 1)));
    }

    @Test
    void aControlOutsideTheCatalogIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new UpdateControlStatusCommand(
                        ID, "C99-01", ControlStatus.PLANNED, null, null, null, null, null, null))
                .expectException(Matchers.predicate(
                        e -> e instanceof HoshiException h && h.code().equals("UNKNOWN_CONTROL")))
                .expectNoEvents();
    }

    @Test
    void notApplicableNeedsAJustification() {
        fixture.givenNoPriorActivity()
                .when(new UpdateControlStatusCommand(
                        ID, "C08-01", ControlStatus.NOT_APPLICABLE, null, null, null, null, " ", null))
                .expectException(Matchers.predicate(
                        e -> e instanceof HoshiException h && h.code().equals("JUSTIFICATION_REQUIRED")))
                .expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new UpdateControlStatusCommand(
                        ID,
                        "C08-01",
                        ControlStatus.NOT_APPLICABLE,
                        null,
                        null,
                        null,
                        null,
                        "We develop no software.",
                        null))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void evidenceMustBeAWebAddress() {
        fixture.givenNoPriorActivity()
                .when(new UpdateControlStatusCommand(
                        ID, "C07-01", ControlStatus.IMPLEMENTED, null, null, "file:///etc/passwd", null, null, null))
                .expectException(Matchers.predicate(
                        e -> e instanceof HoshiException h && h.code().equals("INVALID_URL")))
                .expectNoEvents();
    }
}
