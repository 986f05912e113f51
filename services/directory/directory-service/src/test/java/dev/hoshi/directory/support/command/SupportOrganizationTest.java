package dev.hoshi.directory.support.command;

import dev.hoshi.directory.api.support.MembershipRecordedEvent;
import dev.hoshi.directory.api.support.RecordMembershipCommand;
import dev.hoshi.directory.api.support.RegisterSupportOrganizationCommand;
import dev.hoshi.directory.api.support.SupportOrganizationKind;
import dev.hoshi.directory.api.support.SupportOrganizationRegisteredEvent;
import dev.hoshi.kernel.error.HoshiException;
import dev.hoshi.kernel.id.SupportOrganizationId;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.kernel.id.UserId;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SupportOrganizationTest {

    private static final SupportOrganizationId ASSOCIATION = SupportOrganizationId.of("tokyo-machinery");
    private static final TenantId SATO = TenantId.of("sato-seisakusho");
    private static final SupportOrganizationRegisteredEvent REGISTERED = new SupportOrganizationRegisteredEvent(
            ASSOCIATION, "東京都機械工業会", null, SupportOrganizationKind.INDUSTRY_ASSOCIATION, UserId.of("demo-tanaka"));

    private FixtureConfiguration<SupportOrganization> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(SupportOrganization.class);
    }

    @Test
    void anOperatorRegistersASupportOrganisationWithItsFirstAnalyst() {
        fixture.givenNoPriorActivity()
                .when(new RegisterSupportOrganizationCommand(
                        ASSOCIATION,
                        "東京都機械工業会",
                        null,
                        SupportOrganizationKind.INDUSTRY_ASSOCIATION,
                        UserId.of("demo-tanaka")))
                .expectEvents(REGISTERED);
    }

    @Test
    void cannotRegisterASupportOrganisationWithoutSayingWhatKindItIs() {
        fixture.givenNoPriorActivity()
                .when(new RegisterSupportOrganizationCommand(
                        ASSOCIATION, "東京都機械工業会", null, null, UserId.of("demo-tanaka")))
                .expectException(HoshiException.class)
                .expectNoEvents();
    }

    @Test
    void aMemberIsRecordedOnce() {
        fixture.given(REGISTERED)
                .when(new RecordMembershipCommand(ASSOCIATION, SATO))
                .expectEvents(new MembershipRecordedEvent(ASSOCIATION, SATO));

        fixture.given(REGISTERED, new MembershipRecordedEvent(ASSOCIATION, SATO))
                .when(new RecordMembershipCommand(ASSOCIATION, SATO))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }
}
