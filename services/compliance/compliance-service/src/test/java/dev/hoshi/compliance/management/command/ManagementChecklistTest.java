package dev.hoshi.compliance.management.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoshi.catalog.Catalog;
import dev.hoshi.compliance.api.management.ManagementChecklistId;
import dev.hoshi.compliance.api.management.ManagementCommands.ConfirmKeyActionCommand;
import dev.hoshi.compliance.api.management.ManagementCommands.WithdrawKeyActionCommand;
import dev.hoshi.compliance.api.management.ManagementEvents.KeyActionConfirmedEvent;
import dev.hoshi.compliance.api.management.ManagementEvents.KeyActionWithdrawnEvent;
import dev.hoshi.compliance.api.management.ManagementQueries.KeyActionCheckView;
import dev.hoshi.compliance.management.domain.ManagementChecklistState;
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

class ManagementChecklistTest {

    private static final TenantId SATO = TenantId.of("sato-seisakusho");
    private static final ManagementChecklistId ID = ManagementChecklistId.of(SATO);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T03:00:00Z"), ZoneOffset.UTC);
    private static final LocalDate MARCH = LocalDate.of(2026, 3, 1);
    private static final KeyActionConfirmedEvent K1 =
            new KeyActionConfirmedEvent(SATO, "K1", "demo-sato", "方針を掲示", "3.1", MARCH);

    private FixtureConfiguration<ManagementChecklist> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ManagementChecklist.class);
        fixture.registerInjectableResource(Catalog.load());
        fixture.registerInjectableResource(CLOCK);
    }

    @Test
    void theExecutiveConfirmsAKeyActionAndIsRecordedAsWhoDid() {
        fixture.givenNoPriorActivity()
                .when(new ConfirmKeyActionCommand(ID, "K1", "demo-sato", "方針を掲示", MARCH))
                .expectEvents(K1);
    }

    @Test
    void anUnknownKeyActionOrAFutureDateIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new ConfirmKeyActionCommand(ID, "K8", "demo-sato", null, null))
                .expectException(Matchers.predicate(e -> e instanceof HoshiException h
                        && h.code().equals("UNKNOWN_KEY_ACTION")
                        && h.getMessage().contains("K7")))
                .expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new ConfirmKeyActionCommand(ID, "K1", "demo-sato", null, LocalDate.of(2026, 11, 27)))
                .expectException(Matchers.predicate(
                        e -> e instanceof HoshiException h && h.code().equals("DATE_IN_FUTURE")))
                .expectNoEvents();
    }

    @Test
    void onlyAConfirmedKeyActionCanBeWithdrawn() {
        fixture.givenNoPriorActivity()
                .when(new WithdrawKeyActionCommand(ID, "K1", "demo-sato", null, null))
                .expectException(Matchers.predicate(
                        e -> e instanceof HoshiException h && h.code().equals("NOT_CONFIRMED")))
                .expectNoEvents();
        fixture.given(K1)
                .when(new WithdrawKeyActionCommand(ID, "K1", "demo-suzuki", "担当退職", MARCH.plusDays(10)))
                .expectEvents(new KeyActionWithdrawnEvent(SATO, "K1", "demo-suzuki", "担当退職", MARCH.plusDays(10)));
    }

    @Test
    void theChecklistListsEveryKeyActionAndKeepsHistory() {
        List<Object> events = List.of(
                K1,
                new KeyActionConfirmedEvent(SATO, "K5", "demo-sato", null, "3.1", MARCH.plusDays(5)),
                new KeyActionWithdrawnEvent(SATO, "K1", "demo-sato", null, MARCH.plusDays(20)));
        var edition = Catalog.load().current();

        List<KeyActionCheckView> march10 =
                ManagementChecklistState.fold(events, MARCH.plusDays(10)).checks(edition);
        List<KeyActionCheckView> april =
                ManagementChecklistState.fold(events, MARCH.plusDays(31)).checks(edition);

        assertThat(march10)
                .extracting(KeyActionCheckView::actionId)
                .containsExactly("K1", "K2", "K3", "K4", "K5", "K6", "K7");
        assertThat(march10)
                .filteredOn(KeyActionCheckView::confirmed)
                .extracting(KeyActionCheckView::actionId)
                .containsExactly("K1", "K5");
        assertThat(march10.get(0).confirmedBy()).isEqualTo("demo-sato");
        assertThat(march10.get(0).confirmedOn()).isEqualTo(MARCH);
        assertThat(april)
                .filteredOn(KeyActionCheckView::confirmed)
                .extracting(KeyActionCheckView::actionId)
                .containsExactly("K5");
    }
}
