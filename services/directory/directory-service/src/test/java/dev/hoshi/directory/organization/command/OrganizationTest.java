package dev.hoshi.directory.organization.command;

import static dev.hoshi.directory.ErrorCodes.code;
import static dev.hoshi.directory.api.consent.ConsentScope.FULL_DETAIL;
import static dev.hoshi.directory.api.consent.ConsentScope.LEVEL_AND_SCORES;
import static dev.hoshi.directory.api.consent.ConsentScope.LEVEL_ONLY;
import static dev.hoshi.directory.api.organization.OrganizationRole.MEMBER;
import static dev.hoshi.directory.api.organization.OrganizationRole.OWNER;
import static dev.hoshi.directory.api.organization.OrganizationRole.VIEWER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hoshi.directory.api.consent.ChangeConsentScopeCommand;
import dev.hoshi.directory.api.consent.ConsentGrantId;
import dev.hoshi.directory.api.consent.ConsentGrantedEvent;
import dev.hoshi.directory.api.consent.ConsentRevokedEvent;
import dev.hoshi.directory.api.consent.ConsentScopeChangedEvent;
import dev.hoshi.directory.api.consent.GrantConsentCommand;
import dev.hoshi.directory.api.consent.Grantee;
import dev.hoshi.directory.api.consent.RevokeConsentCommand;
import dev.hoshi.directory.api.organization.AddOrganizationMemberCommand;
import dev.hoshi.directory.api.organization.ChangeOrganizationMemberRoleCommand;
import dev.hoshi.directory.api.organization.CorporateNumber;
import dev.hoshi.directory.api.organization.JsicDivision;
import dev.hoshi.directory.api.organization.OrganizationMemberAddedEvent;
import dev.hoshi.directory.api.organization.OrganizationMemberRemovedEvent;
import dev.hoshi.directory.api.organization.OrganizationMemberRoleChangedEvent;
import dev.hoshi.directory.api.organization.OrganizationProfile;
import dev.hoshi.directory.api.organization.OrganizationProfileUpdatedEvent;
import dev.hoshi.directory.api.organization.OrganizationRegisteredEvent;
import dev.hoshi.directory.api.organization.Prefecture;
import dev.hoshi.directory.api.organization.RegisterOrganizationCommand;
import dev.hoshi.directory.api.organization.RemoveOrganizationMemberCommand;
import dev.hoshi.directory.api.organization.SmeSector;
import dev.hoshi.directory.api.organization.UpdateOrganizationProfileCommand;
import dev.hoshi.directory.sme.SmeDefinitions;
import dev.hoshi.kernel.error.HoshiException;
import dev.hoshi.kernel.id.PartnerClientId;
import dev.hoshi.kernel.id.SupportOrganizationId;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.kernel.id.UserId;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class OrganizationTest {

    private static final TenantId SATO = TenantId.of("sato-seisakusho");
    private static final UserId OWNER_SATO = UserId.of("demo-sato");
    private static final UserId KATO = UserId.of("demo-kato");
    private static final UserId ITO = UserId.of("demo-ito");
    private static final UserId STRANGER = UserId.of("demo-suzuki");
    private static final OrganizationRegisteredEvent REGISTERED =
            new OrganizationRegisteredEvent(SATO, "株式会社佐藤製作所", null, null, OWNER_SATO);

    /** 2026-04-01 00:30 in Japan, still 31 March in UTC: business dates follow Japan. */
    private static final Clock APRIL_FIRST_IN_JAPAN =
            Clock.fixed(Instant.parse("2026-03-31T15:30:00Z"), ZoneOffset.UTC);

    private static final LocalDate TODAY = LocalDate.of(2026, 4, 1);

    private FixtureConfiguration<Organization> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Organization.class);
        fixture.registerInjectableResource(SmeDefinitions.load());
        fixture.registerInjectableResource(APRIL_FIRST_IN_JAPAN);
        fixture.registerInjectableResource(claims);
    }

    /** Claims in memory, as directory's database keeps them. */
    private final Map<CorporateNumber, TenantId> claimed = new HashMap<>();

    private final CorporateNumberClaims claims = new CorporateNumberClaims() {
        @Override
        public boolean claim(CorporateNumber number, TenantId organization) {
            TenantId holder = claimed.putIfAbsent(number, organization);
            if (holder != null && !holder.equals(organization)) {
                throw CorporateNumberClaims.taken(number);
            }
            return holder == null;
        }

        @Override
        public void release(CorporateNumber number, TenantId organization) {
            claimed.remove(number, organization);
        }
    };

    @Nested
    class Registration {

        @Test
        void anOperatorRegistersAnOrganisationWithItsFirstOwner() {
            fixture.givenNoPriorActivity()
                    .when(new RegisterOrganizationCommand(
                            SATO, "  株式会社佐藤製作所 ", "Sato Seisakusho", CorporateNumber.of("7000012050002"), OWNER_SATO))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new OrganizationRegisteredEvent(
                            SATO, "株式会社佐藤製作所", "Sato Seisakusho", CorporateNumber.of("7000012050002"), OWNER_SATO));
        }

        @Test
        void aCorporateNumberAnotherOrganisationHoldsIsRefusedAndNothingHappens() {
            claimed.put(CorporateNumber.of("7000012050002"), TenantId.of("someone-else"));
            fixture.givenNoPriorActivity()
                    .when(new RegisterOrganizationCommand(
                            SATO, "株式会社佐藤製作所", null, CorporateNumber.of("7000012050002"), OWNER_SATO))
                    .expectException(code("CORPORATE_NUMBER_TAKEN"))
                    .expectNoEvents();
            assertThat(claimed).containsEntry(CorporateNumber.of("7000012050002"), TenantId.of("someone-else"));
        }

        @Test
        void registeringClaimsTheCorporateNumber() {
            fixture.givenNoPriorActivity()
                    .when(new RegisterOrganizationCommand(
                            SATO, "株式会社佐藤製作所", null, CorporateNumber.of("7000012050002"), OWNER_SATO))
                    .expectSuccessfulHandlerExecution();
            assertThat(claimed).containsEntry(CorporateNumber.of("7000012050002"), SATO);
        }

        @Test
        void soleProprietorsRegisterWithoutACorporateNumber() {
            fixture.givenNoPriorActivity()
                    .when(new RegisterOrganizationCommand(SATO, "佐藤商店", null, null, OWNER_SATO))
                    .expectEvents(new OrganizationRegisteredEvent(SATO, "佐藤商店", null, null, OWNER_SATO));
        }

        @Test
        void cannotRegisterAnOrganisationWithoutAName() {
            fixture.givenNoPriorActivity()
                    .when(new RegisterOrganizationCommand(SATO, "   ", null, null, OWNER_SATO))
                    .expectException(HoshiException.class)
                    .expectExceptionMessage("'name' must be 1 to 200 characters.")
                    .expectNoEvents();
        }

        @Test
        void cannotRegisterTheSameOrganisationTwice() {
            fixture.given(REGISTERED)
                    .when(new RegisterOrganizationCommand(SATO, "佐藤製作所", null, null, OWNER_SATO))
                    .expectException(Exception.class)
                    .expectNoEvents();
        }
    }

    @Nested
    class Profile {

        private final OrganizationProfile manufacturer = new OrganizationProfile(
                JsicDivision.E, null, 120, 50_000_000L, Prefecture.TOKYO, "Sato Seisakusho Co., Ltd.");

        @Test
        void anOwnerSetsTheWholeProfile() {
            fixture.given(REGISTERED)
                    .when(new UpdateOrganizationProfileCommand(SATO, manufacturer, OWNER_SATO))
                    .expectEvents(new OrganizationProfileUpdatedEvent(SATO, manufacturer));
        }

        @Test
        void theEnglishNameIsTrimmedAndABlankOneIsNone() {
            OrganizationProfile padded =
                    new OrganizationProfile(JsicDivision.E, null, 12, null, Prefecture.AICHI, "  ");
            fixture.given(REGISTERED)
                    .when(new UpdateOrganizationProfileCommand(SATO, padded, OWNER_SATO))
                    .expectEvents(new OrganizationProfileUpdatedEvent(
                            SATO, new OrganizationProfile(JsicDivision.E, null, 12, null, Prefecture.AICHI, null)));
        }

        @Test
        void settingTheSameProfileAgainChangesNothing() {
            fixture.given(REGISTERED, new OrganizationProfileUpdatedEvent(SATO, manufacturer))
                    .when(new UpdateOrganizationProfileCommand(SATO, manufacturer, OWNER_SATO))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void aRetailerSaysWhichPartOfDivisionIItIsIn() {
            OrganizationProfile shop =
                    new OrganizationProfile(JsicDivision.I, SmeSector.RETAIL, 8, 3_000_000L, Prefecture.OSAKA, null);
            fixture.given(REGISTERED)
                    .when(new UpdateOrganizationProfileCommand(SATO, shop, OWNER_SATO))
                    .expectEvents(new OrganizationProfileUpdatedEvent(SATO, shop));
        }

        @Test
        void aDivisionThatSpansSectorsWithoutADefaultNeedsAChoice() {
            refused(
                    new OrganizationProfile(JsicDivision.I, null, 8, 3_000_000L, Prefecture.OSAKA, null),
                    "SME_SECTOR_REQUIRED");
        }

        @Test
        void aSectorOutsideTheDivisionIsRefused() {
            refused(
                    new OrganizationProfile(JsicDivision.E, SmeSector.RETAIL, 8, null, Prefecture.OSAKA, null),
                    "INVALID_SME_SECTOR");
        }

        @Test
        void theIndustryIsRequired() {
            refused(new OrganizationProfile(null, null, 8, null, Prefecture.OSAKA, null), "INVALID_INDUSTRY");
        }

        @Test
        void employeesCannotBeNegative() {
            refused(
                    new OrganizationProfile(JsicDivision.E, null, -1, null, Prefecture.OSAKA, null),
                    "INVALID_EMPLOYEES");
        }

        @Test
        void capitalCannotBeNegative() {
            refused(
                    new OrganizationProfile(JsicDivision.E, null, 3, -1L, Prefecture.OSAKA, null),
                    "INVALID_CAPITAL_YEN");
        }

        @Test
        void thePrefectureIsRequired() {
            refused(new OrganizationProfile(JsicDivision.E, null, 3, null, null, null), "INVALID_PREFECTURE");
        }

        @Test
        void aMemberCannotChangeTheProfile() {
            fixture.given(REGISTERED, new OrganizationMemberAddedEvent(SATO, KATO, MEMBER))
                    .when(new UpdateOrganizationProfileCommand(SATO, manufacturer, KATO))
                    .expectException(code("FORBIDDEN"))
                    .expectNoEvents();
        }

        @Test
        void toSomeoneOutsideTheOrganisationItLooksMissing() {
            fixture.given(REGISTERED)
                    .when(new UpdateOrganizationProfileCommand(SATO, manufacturer, STRANGER))
                    .expectException(code("NOT_FOUND"))
                    .expectNoEvents();
        }

        private void refused(OrganizationProfile profile, String expectedCode) {
            fixture.given(REGISTERED)
                    .when(new UpdateOrganizationProfileCommand(SATO, profile, OWNER_SATO))
                    .expectException(code(expectedCode))
                    .expectNoEvents();
        }
    }

    @Nested
    class People {

        @Test
        void anOwnerAddsAPersonWithARole() {
            fixture.given(REGISTERED)
                    .when(new AddOrganizationMemberCommand(SATO, KATO, MEMBER, OWNER_SATO))
                    .expectEvents(new OrganizationMemberAddedEvent(SATO, KATO, MEMBER));
        }

        @Test
        void addingSomeoneAlreadyThereIsRefusedNotIgnored() {
            fixture.given(REGISTERED, new OrganizationMemberAddedEvent(SATO, KATO, VIEWER))
                    .when(new AddOrganizationMemberCommand(SATO, KATO, MEMBER, OWNER_SATO))
                    .expectException(code("ALREADY_A_MEMBER"))
                    .expectNoEvents();
        }

        @Test
        void theFirstOwnerIsInTheOrganisationFromRegistration() {
            fixture.given(REGISTERED)
                    .when(new AddOrganizationMemberCommand(SATO, OWNER_SATO, VIEWER, OWNER_SATO))
                    .expectException(code("ALREADY_A_MEMBER"))
                    .expectNoEvents();
        }

        @Test
        void aPersonNeedsARole() {
            fixture.given(REGISTERED)
                    .when(new AddOrganizationMemberCommand(SATO, KATO, null, OWNER_SATO))
                    .expectException(code("INVALID_ROLE"))
                    .expectNoEvents();
        }

        @Test
        void aMemberCannotAddPeople() {
            fixture.given(REGISTERED, new OrganizationMemberAddedEvent(SATO, KATO, MEMBER))
                    .when(new AddOrganizationMemberCommand(SATO, ITO, VIEWER, KATO))
                    .expectException(code("FORBIDDEN"))
                    .expectNoEvents();
        }

        @Test
        void aViewerCannotAddPeople() {
            fixture.given(REGISTERED, new OrganizationMemberAddedEvent(SATO, KATO, VIEWER))
                    .when(new AddOrganizationMemberCommand(SATO, ITO, VIEWER, KATO))
                    .expectException(code("FORBIDDEN"))
                    .expectNoEvents();
        }

        @Test
        void someoneFromAnotherOrganisationFindsItMissing() {
            fixture.given(REGISTERED)
                    .when(new AddOrganizationMemberCommand(SATO, STRANGER, OWNER, STRANGER))
                    .expectException(code("NOT_FOUND"))
                    .expectNoEvents();
        }

        @Test
        void anOwnerChangesAPersonsRole() {
            fixture.given(REGISTERED, new OrganizationMemberAddedEvent(SATO, KATO, VIEWER))
                    .when(new ChangeOrganizationMemberRoleCommand(SATO, KATO, MEMBER, OWNER_SATO))
                    .expectEvents(new OrganizationMemberRoleChangedEvent(SATO, KATO, VIEWER, MEMBER));
        }

        @Test
        void givingSomeoneTheRoleTheyHaveChangesNothing() {
            fixture.given(REGISTERED, new OrganizationMemberAddedEvent(SATO, KATO, MEMBER))
                    .when(new ChangeOrganizationMemberRoleCommand(SATO, KATO, MEMBER, OWNER_SATO))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void cannotChangeTheRoleOfSomeoneNotInTheOrganisation() {
            fixture.given(REGISTERED)
                    .when(new ChangeOrganizationMemberRoleCommand(SATO, ITO, MEMBER, OWNER_SATO))
                    .expectException(code("NOT_A_MEMBER"))
                    .expectNoEvents();
        }

        @Test
        void theLastOwnerCannotBeDemoted() {
            fixture.given(REGISTERED, new OrganizationMemberAddedEvent(SATO, KATO, MEMBER))
                    .when(new ChangeOrganizationMemberRoleCommand(SATO, OWNER_SATO, MEMBER, OWNER_SATO))
                    .expectException(code("LAST_OWNER"))
                    .expectExceptionMessage("The last owner cannot be demoted: make someone else an owner first.")
                    .expectNoEvents();
        }

        @Test
        void anOwnerMayStepDownOnceThereIsAnotherOwner() {
            fixture.given(REGISTERED, new OrganizationMemberAddedEvent(SATO, KATO, OWNER))
                    .when(new ChangeOrganizationMemberRoleCommand(SATO, OWNER_SATO, VIEWER, OWNER_SATO))
                    .expectEvents(new OrganizationMemberRoleChangedEvent(SATO, OWNER_SATO, OWNER, VIEWER));
        }

        @Test
        void aMemberCannotChangeRoles() {
            fixture.given(REGISTERED, new OrganizationMemberAddedEvent(SATO, KATO, MEMBER))
                    .when(new ChangeOrganizationMemberRoleCommand(SATO, KATO, OWNER, KATO))
                    .expectException(code("FORBIDDEN"))
                    .expectNoEvents();
        }

        @Test
        void anOwnerRemovesAPerson() {
            fixture.given(REGISTERED, new OrganizationMemberAddedEvent(SATO, KATO, MEMBER))
                    .when(new RemoveOrganizationMemberCommand(SATO, KATO, OWNER_SATO))
                    .expectEvents(new OrganizationMemberRemovedEvent(SATO, KATO, MEMBER));
        }

        @Test
        void theLastOwnerCannotBeRemoved() {
            fixture.given(REGISTERED)
                    .when(new RemoveOrganizationMemberCommand(SATO, OWNER_SATO, OWNER_SATO))
                    .expectException(code("LAST_OWNER"))
                    .expectExceptionMessage("The last owner cannot be removed: make someone else an owner first.")
                    .expectNoEvents();
        }

        @Test
        void theLastOwnerIsCountedAfterEarlierChanges() {
            fixture.given(
                            REGISTERED,
                            new OrganizationMemberAddedEvent(SATO, KATO, OWNER),
                            new OrganizationMemberRoleChangedEvent(SATO, KATO, OWNER, MEMBER))
                    .when(new RemoveOrganizationMemberCommand(SATO, OWNER_SATO, OWNER_SATO))
                    .expectException(code("LAST_OWNER"))
                    .expectNoEvents();
        }

        @Test
        void anOwnerMayLeaveWhenAnotherOwnerStays() {
            fixture.given(REGISTERED, new OrganizationMemberAddedEvent(SATO, KATO, OWNER))
                    .when(new RemoveOrganizationMemberCommand(SATO, OWNER_SATO, OWNER_SATO))
                    .expectEvents(new OrganizationMemberRemovedEvent(SATO, OWNER_SATO, OWNER));
        }

        @Test
        void aRemovedOwnerCanNoLongerActAndFindsTheOrganisationMissing() {
            fixture.given(
                            REGISTERED,
                            new OrganizationMemberAddedEvent(SATO, KATO, OWNER),
                            new OrganizationMemberRemovedEvent(SATO, OWNER_SATO, OWNER))
                    .when(new AddOrganizationMemberCommand(SATO, ITO, MEMBER, OWNER_SATO))
                    .expectException(code("NOT_FOUND"))
                    .expectNoEvents();
        }

        @Test
        void cannotRemoveSomeoneNotInTheOrganisation() {
            fixture.given(REGISTERED)
                    .when(new RemoveOrganizationMemberCommand(SATO, ITO, OWNER_SATO))
                    .expectException(code("NOT_A_MEMBER"))
                    .expectNoEvents();
        }

        @Test
        void aViewerCannotRemovePeople() {
            fixture.given(REGISTERED, new OrganizationMemberAddedEvent(SATO, KATO, VIEWER))
                    .when(new RemoveOrganizationMemberCommand(SATO, OWNER_SATO, KATO))
                    .expectException(code("FORBIDDEN"))
                    .expectNoEvents();
        }
    }

    @Nested
    class ConsentGrants {

        private final ConsentGrantId grant = ConsentGrantId.of("grant-1");
        private final Grantee association = Grantee.supportOrganization(SupportOrganizationId.of("tokyo-machinery"));
        private final Grantee bank = Grantee.partnerClient(PartnerClientId.of("hoshigaoka-bank"));
        private final ConsentGrantedEvent granted =
                new ConsentGrantedEvent(grant, SATO, association, LEVEL_ONLY, TODAY, TODAY.plusYears(1));

        @Test
        void anOwnerGrantsASupportOrganisationTheLevelForAYear() {
            fixture.given(REGISTERED)
                    .when(new GrantConsentCommand(
                            SATO, grant, association, LEVEL_ONLY, TODAY, TODAY.plusYears(1), OWNER_SATO))
                    .expectEvents(granted);
        }

        @Test
        void aGrantWithoutAStartDateStartsTodayInJapan() {
            fixture.given(REGISTERED)
                    .when(new GrantConsentCommand(SATO, grant, bank, LEVEL_AND_SCORES, null, null, OWNER_SATO))
                    .expectEvents(new ConsentGrantedEvent(grant, SATO, bank, LEVEL_AND_SCORES, TODAY, null));
        }

        @Test
        void aGrantMayStartLater() {
            fixture.given(REGISTERED)
                    .when(new GrantConsentCommand(
                            SATO, grant, bank, FULL_DETAIL, TODAY.plusMonths(1), null, OWNER_SATO))
                    .expectEvents(new ConsentGrantedEvent(grant, SATO, bank, FULL_DETAIL, TODAY.plusMonths(1), null));
        }

        @Test
        void consentIsNeverBackdatedEvenWhenItIsStillYesterdayInUtc() {
            fixture.given(REGISTERED)
                    .when(new GrantConsentCommand(
                            SATO, grant, bank, LEVEL_ONLY, LocalDate.of(2026, 3, 31), null, OWNER_SATO))
                    .expectException(code("START_DATE_IN_PAST"))
                    .expectNoEvents();
        }

        @Test
        void theEndMustComeAfterTheStart() {
            fixture.given(REGISTERED)
                    .when(new GrantConsentCommand(SATO, grant, bank, LEVEL_ONLY, TODAY, TODAY, OWNER_SATO))
                    .expectException(code("END_DATE_NOT_AFTER_START"))
                    .expectNoEvents();
        }

        @Test
        void aGrantNeedsAScope() {
            fixture.given(REGISTERED)
                    .when(new GrantConsentCommand(SATO, grant, bank, null, TODAY, null, OWNER_SATO))
                    .expectException(code("INVALID_SCOPE"))
                    .expectNoEvents();
        }

        @Test
        void aGrantNeedsAGrantee() {
            fixture.given(REGISTERED)
                    .when(new GrantConsentCommand(SATO, grant, null, LEVEL_ONLY, TODAY, null, OWNER_SATO))
                    .expectException(code("INVALID_GRANTEE"))
                    .expectNoEvents();
        }

        @Test
        void aGranteeHoldsOneLiveGrantAtATime() {
            fixture.given(REGISTERED, granted)
                    .when(new GrantConsentCommand(
                            SATO, ConsentGrantId.of("grant-2"), association, FULL_DETAIL, TODAY, null, OWNER_SATO))
                    .expectException(code("ALREADY_GRANTED"))
                    .expectNoEvents();
        }

        @Test
        void aRevokedGrantDoesNotStandInTheWayOfANewOne() {
            fixture.given(
                            REGISTERED,
                            granted,
                            new ConsentRevokedEvent(
                                    grant, SATO, association, LEVEL_ONLY, TODAY, TODAY.plusYears(1), TODAY))
                    .when(new GrantConsentCommand(
                            SATO, ConsentGrantId.of("grant-2"), association, FULL_DETAIL, TODAY, null, OWNER_SATO))
                    .expectEvents(new ConsentGrantedEvent(
                            ConsentGrantId.of("grant-2"), SATO, association, FULL_DETAIL, TODAY, null));
        }

        @Test
        void anEndedGrantDoesNotStandInTheWayOfANewOne() {
            ConsentGrantedEvent lastYear =
                    new ConsentGrantedEvent(grant, SATO, bank, LEVEL_ONLY, TODAY.minusYears(1), TODAY.minusDays(1));
            fixture.given(REGISTERED, lastYear)
                    .when(new GrantConsentCommand(
                            SATO, ConsentGrantId.of("grant-2"), bank, LEVEL_ONLY, null, null, OWNER_SATO))
                    .expectEvents(
                            new ConsentGrantedEvent(ConsentGrantId.of("grant-2"), SATO, bank, LEVEL_ONLY, TODAY, null));
        }

        @Test
        void aGrantIdIsUsedOnce() {
            fixture.given(REGISTERED, granted)
                    .when(new GrantConsentCommand(SATO, grant, bank, LEVEL_ONLY, TODAY, null, OWNER_SATO))
                    .expectException(code("GRANT_EXISTS"))
                    .expectNoEvents();
        }

        @Test
        void onlyOwnersGrant() {
            fixture.given(REGISTERED, new OrganizationMemberAddedEvent(SATO, KATO, MEMBER))
                    .when(new GrantConsentCommand(SATO, grant, bank, LEVEL_ONLY, TODAY, null, KATO))
                    .expectException(code("FORBIDDEN"))
                    .expectNoEvents();
        }

        @Test
        void anOwnerWidensAGrantAndTheEventRepeatsItsGranteeAndDates() {
            fixture.given(REGISTERED, granted)
                    .when(new ChangeConsentScopeCommand(SATO, grant, LEVEL_AND_SCORES, OWNER_SATO))
                    .expectEvents(new ConsentScopeChangedEvent(
                            grant, SATO, association, LEVEL_ONLY, LEVEL_AND_SCORES, TODAY, TODAY.plusYears(1)));
        }

        @Test
        void settingTheScopeAGrantHasChangesNothing() {
            fixture.given(REGISTERED, granted)
                    .when(new ChangeConsentScopeCommand(SATO, grant, LEVEL_ONLY, OWNER_SATO))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void aRevokedGrantsScopeCannotChange() {
            fixture.given(
                            REGISTERED,
                            granted,
                            new ConsentRevokedEvent(
                                    grant, SATO, association, LEVEL_ONLY, TODAY, TODAY.plusYears(1), TODAY))
                    .when(new ChangeConsentScopeCommand(SATO, grant, FULL_DETAIL, OWNER_SATO))
                    .expectException(code("CONSENT_REVOKED"))
                    .expectNoEvents();
        }

        @Test
        void anEndedGrantsScopeCannotChange() {
            fixture.given(
                            REGISTERED,
                            new ConsentGrantedEvent(
                                    grant, SATO, bank, LEVEL_ONLY, TODAY.minusMonths(2), TODAY.minusDays(1)))
                    .when(new ChangeConsentScopeCommand(SATO, grant, FULL_DETAIL, OWNER_SATO))
                    .expectException(code("CONSENT_ENDED"))
                    .expectNoEvents();
        }

        @Test
        void anUnknownGrantLooksMissing() {
            fixture.given(REGISTERED)
                    .when(new ChangeConsentScopeCommand(SATO, grant, FULL_DETAIL, OWNER_SATO))
                    .expectException(code("NOT_FOUND"))
                    .expectNoEvents();
        }

        @Test
        void aViewerCannotChangeAGrant() {
            fixture.given(REGISTERED, granted, new OrganizationMemberAddedEvent(SATO, KATO, VIEWER))
                    .when(new ChangeConsentScopeCommand(SATO, grant, FULL_DETAIL, KATO))
                    .expectException(code("FORBIDDEN"))
                    .expectNoEvents();
        }

        @Test
        void anOwnerRevokesAGrantWithEffectFromTodayInJapan() {
            fixture.given(REGISTERED, granted)
                    .when(new RevokeConsentCommand(SATO, grant, OWNER_SATO))
                    .expectEvents(new ConsentRevokedEvent(
                            grant, SATO, association, LEVEL_ONLY, TODAY, TODAY.plusYears(1), TODAY));
        }

        @Test
        void theRevocationCarriesTheScopeInForce() {
            fixture.given(
                            REGISTERED,
                            granted,
                            new ConsentScopeChangedEvent(
                                    grant, SATO, association, LEVEL_ONLY, FULL_DETAIL, TODAY, TODAY.plusYears(1)))
                    .when(new RevokeConsentCommand(SATO, grant, OWNER_SATO))
                    .expectEvents(new ConsentRevokedEvent(
                            grant, SATO, association, FULL_DETAIL, TODAY, TODAY.plusYears(1), TODAY));
        }

        @Test
        void aScheduledGrantCanBeRevokedBeforeItStarts() {
            ConsentGrantedEvent later =
                    new ConsentGrantedEvent(grant, SATO, bank, LEVEL_ONLY, TODAY.plusMonths(3), null);
            fixture.given(REGISTERED, later)
                    .when(new RevokeConsentCommand(SATO, grant, OWNER_SATO))
                    .expectEvents(
                            new ConsentRevokedEvent(grant, SATO, bank, LEVEL_ONLY, TODAY.plusMonths(3), null, TODAY));
        }

        @Test
        void revokingTwiceChangesNothing() {
            fixture.given(
                            REGISTERED,
                            granted,
                            new ConsentRevokedEvent(
                                    grant, SATO, association, LEVEL_ONLY, TODAY, TODAY.plusYears(1), TODAY))
                    .when(new RevokeConsentCommand(SATO, grant, OWNER_SATO))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void aMemberCannotRevoke() {
            fixture.given(REGISTERED, granted, new OrganizationMemberAddedEvent(SATO, KATO, MEMBER))
                    .when(new RevokeConsentCommand(SATO, grant, KATO))
                    .expectException(code("FORBIDDEN"))
                    .expectNoEvents();
        }

        @Test
        void someoneFromAnotherOrganisationCannotRevoke() {
            fixture.given(REGISTERED, granted)
                    .when(new RevokeConsentCommand(SATO, grant, STRANGER))
                    .expectException(code("NOT_FOUND"))
                    .expectNoEvents();
        }
    }
}
