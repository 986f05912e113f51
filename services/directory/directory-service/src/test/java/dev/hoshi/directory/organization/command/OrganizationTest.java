package dev.hoshi.directory.organization.command;

import dev.hoshi.directory.api.organization.CorporateNumber;
import dev.hoshi.directory.api.organization.OrganizationRegisteredEvent;
import dev.hoshi.directory.api.organization.RegisterOrganizationCommand;
import dev.hoshi.kernel.error.HoshiException;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.kernel.id.UserId;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OrganizationTest {

    private static final TenantId SATO = TenantId.of("sato-seisakusho");
    private static final UserId OWNER = UserId.of("demo-sato");

    private FixtureConfiguration<Organization> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Organization.class);
    }

    @Test
    void anOperatorRegistersAnOrganisationWithItsFirstOwner() {
        fixture.givenNoPriorActivity()
                .when(new RegisterOrganizationCommand(
                        SATO, "  株式会社佐藤製作所 ", "Sato Seisakusho", CorporateNumber.of("7000012050002"), OWNER))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new OrganizationRegisteredEvent(
                        SATO, "株式会社佐藤製作所", "Sato Seisakusho", CorporateNumber.of("7000012050002"), OWNER));
    }

    @Test
    void soleProprietorsRegisterWithoutACorporateNumber() {
        fixture.givenNoPriorActivity()
                .when(new RegisterOrganizationCommand(SATO, "佐藤商店", null, null, OWNER))
                .expectEvents(new OrganizationRegisteredEvent(SATO, "佐藤商店", null, null, OWNER));
    }

    @Test
    void cannotRegisterAnOrganisationWithoutAName() {
        fixture.givenNoPriorActivity()
                .when(new RegisterOrganizationCommand(SATO, "   ", null, null, OWNER))
                .expectException(HoshiException.class)
                .expectExceptionMessage("'name' must be 1 to 200 characters.")
                .expectNoEvents();
    }

    @Test
    void cannotRegisterTheSameOrganisationTwice() {
        fixture.given(new OrganizationRegisteredEvent(SATO, "佐藤製作所", null, null, OWNER))
                .when(new RegisterOrganizationCommand(SATO, "佐藤製作所", null, null, OWNER))
                .expectException(Exception.class)
                .expectNoEvents();
    }
}
