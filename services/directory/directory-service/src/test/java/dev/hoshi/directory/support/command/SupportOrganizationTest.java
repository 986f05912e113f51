package dev.hoshi.directory.support.command;

import static dev.hoshi.directory.ErrorCodes.code;
import static dev.hoshi.directory.api.support.MembershipParty.ORGANIZATION;
import static dev.hoshi.directory.api.support.MembershipParty.SUPPORT_ORGANIZATION;

import dev.hoshi.directory.api.support.AcceptMembershipInvitationCommand;
import dev.hoshi.directory.api.support.AcceptMembershipProposalCommand;
import dev.hoshi.directory.api.support.AddSupportOrganizationAnalystCommand;
import dev.hoshi.directory.api.support.DeclineMembershipInvitationCommand;
import dev.hoshi.directory.api.support.DeclineMembershipProposalCommand;
import dev.hoshi.directory.api.support.InviteOrganizationCommand;
import dev.hoshi.directory.api.support.MembershipAcceptedEvent;
import dev.hoshi.directory.api.support.MembershipDeclinedEvent;
import dev.hoshi.directory.api.support.MembershipProposedEvent;
import dev.hoshi.directory.api.support.MembershipRecordedEvent;
import dev.hoshi.directory.api.support.ProposeMembershipCommand;
import dev.hoshi.directory.api.support.RecordMembershipCommand;
import dev.hoshi.directory.api.support.RegisterSupportOrganizationCommand;
import dev.hoshi.directory.api.support.RemoveSupportOrganizationAnalystCommand;
import dev.hoshi.directory.api.support.SupportOrganizationAnalystAddedEvent;
import dev.hoshi.directory.api.support.SupportOrganizationAnalystRemovedEvent;
import dev.hoshi.directory.api.support.SupportOrganizationKind;
import dev.hoshi.directory.api.support.SupportOrganizationRegisteredEvent;
import dev.hoshi.kernel.error.HoshiException;
import dev.hoshi.kernel.id.SupportOrganizationId;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.kernel.id.UserId;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SupportOrganizationTest {

    private static final SupportOrganizationId ASSOCIATION = SupportOrganizationId.of("tokyo-machinery");
    private static final TenantId SATO = TenantId.of("sato-seisakusho");
    private static final UserId TANAKA = UserId.of("demo-tanaka");
    private static final UserId WATANABE = UserId.of("demo-watanabe");
    private static final UserId OUTSIDER = UserId.of("demo-sato");
    private static final SupportOrganizationRegisteredEvent REGISTERED = new SupportOrganizationRegisteredEvent(
            ASSOCIATION, "東京都機械工業会", null, SupportOrganizationKind.INDUSTRY_ASSOCIATION, TANAKA);

    private FixtureConfiguration<SupportOrganization> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(SupportOrganization.class);
    }

    @Nested
    class Registration {

        @Test
        void anOperatorRegistersASupportOrganisationWithItsFirstAnalyst() {
            fixture.givenNoPriorActivity()
                    .when(new RegisterSupportOrganizationCommand(
                            ASSOCIATION, "東京都機械工業会", null, SupportOrganizationKind.INDUSTRY_ASSOCIATION, TANAKA))
                    .expectEvents(REGISTERED);
        }

        @Test
        void cannotRegisterASupportOrganisationWithoutSayingWhatKindItIs() {
            fixture.givenNoPriorActivity()
                    .when(new RegisterSupportOrganizationCommand(ASSOCIATION, "東京都機械工業会", null, null, TANAKA))
                    .expectException(HoshiException.class)
                    .expectNoEvents();
        }

        @Test
        void anOperatorAddsAnAnalystOnce() {
            fixture.given(REGISTERED)
                    .when(new AddSupportOrganizationAnalystCommand(ASSOCIATION, WATANABE))
                    .expectEvents(new SupportOrganizationAnalystAddedEvent(ASSOCIATION, WATANABE));

            fixture.given(REGISTERED, new SupportOrganizationAnalystAddedEvent(ASSOCIATION, WATANABE))
                    .when(new AddSupportOrganizationAnalystCommand(ASSOCIATION, WATANABE))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void theFirstAnalystNeedsNoAdding() {
            fixture.given(REGISTERED)
                    .when(new AddSupportOrganizationAnalystCommand(ASSOCIATION, TANAKA))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void anOperatorRemovesAnAnalyst() {
            fixture.given(REGISTERED, new SupportOrganizationAnalystAddedEvent(ASSOCIATION, WATANABE))
                    .when(new RemoveSupportOrganizationAnalystCommand(ASSOCIATION, WATANABE))
                    .expectEvents(new SupportOrganizationAnalystRemovedEvent(ASSOCIATION, WATANABE));
        }

        @Test
        void someoneWhoIsNotAnAnalystCannotBeRemoved() {
            fixture.given(REGISTERED, new SupportOrganizationAnalystAddedEvent(ASSOCIATION, WATANABE))
                    .when(new RemoveSupportOrganizationAnalystCommand(ASSOCIATION, OUTSIDER))
                    .expectException(code("NOT_AN_ANALYST"))
                    .expectNoEvents();

            fixture.given(
                            REGISTERED,
                            new SupportOrganizationAnalystAddedEvent(ASSOCIATION, WATANABE),
                            new SupportOrganizationAnalystRemovedEvent(ASSOCIATION, WATANABE))
                    .when(new RemoveSupportOrganizationAnalystCommand(ASSOCIATION, WATANABE))
                    .expectException(code("NOT_AN_ANALYST"))
                    .expectNoEvents();

            fixture.given(REGISTERED)
                    .when(new RemoveSupportOrganizationAnalystCommand(ASSOCIATION, null))
                    .expectException(code("INVALID_ANALYST"))
                    .expectNoEvents();
        }

        @Test
        void theLastAnalystStays() {
            fixture.given(REGISTERED)
                    .when(new RemoveSupportOrganizationAnalystCommand(ASSOCIATION, TANAKA))
                    .expectException(code("LAST_ANALYST"))
                    .expectNoEvents();
        }

        @Test
        void aRemovedAnalystActsForTheSupportOrganisationNoLonger() {
            fixture.given(
                            REGISTERED,
                            new SupportOrganizationAnalystAddedEvent(ASSOCIATION, WATANABE),
                            new SupportOrganizationAnalystRemovedEvent(ASSOCIATION, WATANABE))
                    .when(new InviteOrganizationCommand(ASSOCIATION, SATO, WATANABE))
                    .expectException(code("NOT_FOUND"))
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

    @Nested
    class TheSmeAsksToJoin {

        private final MembershipProposedEvent proposed = new MembershipProposedEvent(ASSOCIATION, SATO, ORGANIZATION);

        @Test
        void anSmeProposesToJoin() {
            fixture.given(REGISTERED)
                    .when(new ProposeMembershipCommand(ASSOCIATION, SATO))
                    .expectEvents(proposed);
        }

        @Test
        void askingAgainWhileTheRequestIsPendingChangesNothing() {
            fixture.given(REGISTERED, proposed)
                    .when(new ProposeMembershipCommand(ASSOCIATION, SATO))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void anAnalystAcceptsTheRequest() {
            fixture.given(REGISTERED, proposed)
                    .when(new AcceptMembershipProposalCommand(ASSOCIATION, SATO, TANAKA))
                    .expectEvents(new MembershipAcceptedEvent(ASSOCIATION, SATO, SUPPORT_ORGANIZATION));
        }

        @Test
        void anAddedAnalystMayAcceptToo() {
            fixture.given(REGISTERED, new SupportOrganizationAnalystAddedEvent(ASSOCIATION, WATANABE), proposed)
                    .when(new AcceptMembershipProposalCommand(ASSOCIATION, SATO, WATANABE))
                    .expectEvents(new MembershipAcceptedEvent(ASSOCIATION, SATO, SUPPORT_ORGANIZATION));
        }

        @Test
        void anAnalystDeclinesTheRequest() {
            fixture.given(REGISTERED, proposed)
                    .when(new DeclineMembershipProposalCommand(ASSOCIATION, SATO, TANAKA))
                    .expectEvents(new MembershipDeclinedEvent(ASSOCIATION, SATO, SUPPORT_ORGANIZATION));
        }

        @Test
        void someoneWhoIsNotAnAnalystFindsTheSupportOrganisationMissing() {
            fixture.given(REGISTERED, proposed)
                    .when(new AcceptMembershipProposalCommand(ASSOCIATION, SATO, OUTSIDER))
                    .expectException(code("NOT_FOUND"))
                    .expectNoEvents();
        }

        @Test
        void theSmeCannotAcceptItsOwnRequest() {
            fixture.given(REGISTERED, proposed)
                    .when(new AcceptMembershipInvitationCommand(ASSOCIATION, SATO))
                    .expectException(code("NO_PENDING_INVITATION"))
                    .expectNoEvents();
        }

        @Test
        void thereIsNothingToAcceptWithoutARequest() {
            fixture.given(REGISTERED)
                    .when(new AcceptMembershipProposalCommand(ASSOCIATION, SATO, TANAKA))
                    .expectException(code("NO_PENDING_PROPOSAL"))
                    .expectNoEvents();
        }

        @Test
        void aDeclinedRequestCannotBeAcceptedAfterwards() {
            fixture.given(REGISTERED, proposed, new MembershipDeclinedEvent(ASSOCIATION, SATO, SUPPORT_ORGANIZATION))
                    .when(new AcceptMembershipProposalCommand(ASSOCIATION, SATO, TANAKA))
                    .expectException(code("NO_PENDING_PROPOSAL"))
                    .expectNoEvents();
        }

        @Test
        void afterADeclineTheSmeMayAskAgain() {
            fixture.given(REGISTERED, proposed, new MembershipDeclinedEvent(ASSOCIATION, SATO, SUPPORT_ORGANIZATION))
                    .when(new ProposeMembershipCommand(ASSOCIATION, SATO))
                    .expectEvents(proposed);
        }

        @Test
        void aMemberCannotAskToJoinAgain() {
            fixture.given(REGISTERED, proposed, new MembershipAcceptedEvent(ASSOCIATION, SATO, SUPPORT_ORGANIZATION))
                    .when(new ProposeMembershipCommand(ASSOCIATION, SATO))
                    .expectException(code("ALREADY_A_MEMBER"))
                    .expectNoEvents();
        }

        @Test
        void anOperatorRecordedMemberCannotAskToJoinEither() {
            fixture.given(REGISTERED, new MembershipRecordedEvent(ASSOCIATION, SATO))
                    .when(new ProposeMembershipCommand(ASSOCIATION, SATO))
                    .expectException(code("ALREADY_A_MEMBER"))
                    .expectNoEvents();
        }

        @Test
        void whenInvitedAlreadyTheSmeShouldAcceptTheInvitation() {
            fixture.given(REGISTERED, new MembershipProposedEvent(ASSOCIATION, SATO, SUPPORT_ORGANIZATION))
                    .when(new ProposeMembershipCommand(ASSOCIATION, SATO))
                    .expectException(code("INVITATION_PENDING"))
                    .expectNoEvents();
        }
    }

    @Nested
    class TheSupportOrganisationInvites {

        private final MembershipProposedEvent invited =
                new MembershipProposedEvent(ASSOCIATION, SATO, SUPPORT_ORGANIZATION);

        @Test
        void anAnalystInvitesAnSme() {
            fixture.given(REGISTERED)
                    .when(new InviteOrganizationCommand(ASSOCIATION, SATO, TANAKA))
                    .expectEvents(invited);
        }

        @Test
        void onlyAnalystsInvite() {
            fixture.given(REGISTERED)
                    .when(new InviteOrganizationCommand(ASSOCIATION, SATO, OUTSIDER))
                    .expectException(code("NOT_FOUND"))
                    .expectNoEvents();
        }

        @Test
        void invitingAgainWhileTheInvitationIsPendingChangesNothing() {
            fixture.given(REGISTERED, invited)
                    .when(new InviteOrganizationCommand(ASSOCIATION, SATO, TANAKA))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void whenTheSmeAskedAlreadyTheAnalystShouldAcceptItsRequest() {
            fixture.given(REGISTERED, new MembershipProposedEvent(ASSOCIATION, SATO, ORGANIZATION))
                    .when(new InviteOrganizationCommand(ASSOCIATION, SATO, TANAKA))
                    .expectException(code("PROPOSAL_PENDING"))
                    .expectNoEvents();
        }

        @Test
        void aMemberCannotBeInvited() {
            fixture.given(REGISTERED, new MembershipRecordedEvent(ASSOCIATION, SATO))
                    .when(new InviteOrganizationCommand(ASSOCIATION, SATO, TANAKA))
                    .expectException(code("ALREADY_A_MEMBER"))
                    .expectNoEvents();
        }

        @Test
        void theSmeAcceptsTheInvitation() {
            fixture.given(REGISTERED, invited)
                    .when(new AcceptMembershipInvitationCommand(ASSOCIATION, SATO))
                    .expectEvents(new MembershipAcceptedEvent(ASSOCIATION, SATO, ORGANIZATION));
        }

        @Test
        void theSmeDeclinesTheInvitation() {
            fixture.given(REGISTERED, invited)
                    .when(new DeclineMembershipInvitationCommand(ASSOCIATION, SATO))
                    .expectEvents(new MembershipDeclinedEvent(ASSOCIATION, SATO, ORGANIZATION));
        }

        @Test
        void theAnalystCannotAcceptTheirOwnInvitation() {
            fixture.given(REGISTERED, invited)
                    .when(new AcceptMembershipProposalCommand(ASSOCIATION, SATO, TANAKA))
                    .expectException(code("NO_PENDING_PROPOSAL"))
                    .expectNoEvents();
        }

        @Test
        void anotherSmeCannotAnswerAnInvitationMeantForSomeoneElse() {
            fixture.given(REGISTERED, invited)
                    .when(new AcceptMembershipInvitationCommand(ASSOCIATION, TenantId.of("suzuki-shoten")))
                    .expectException(code("NO_PENDING_INVITATION"))
                    .expectNoEvents();
        }

        @Test
        void anAcceptedInvitationCannotBeDeclinedAfterwards() {
            fixture.given(REGISTERED, invited, new MembershipAcceptedEvent(ASSOCIATION, SATO, ORGANIZATION))
                    .when(new DeclineMembershipInvitationCommand(ASSOCIATION, SATO))
                    .expectException(code("NO_PENDING_INVITATION"))
                    .expectNoEvents();
        }

        @Test
        void anOperatorRecordingTheMembershipSettlesAPendingInvitation() {
            fixture.given(REGISTERED, invited, new MembershipRecordedEvent(ASSOCIATION, SATO))
                    .when(new AcceptMembershipInvitationCommand(ASSOCIATION, SATO))
                    .expectException(code("NO_PENDING_INVITATION"))
                    .expectNoEvents();
        }
    }
}
