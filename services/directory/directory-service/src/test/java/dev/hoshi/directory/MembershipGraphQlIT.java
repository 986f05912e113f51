package dev.hoshi.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Memberships: proposed by one side, accepted or declined by the other; membership alone discloses nothing. */
class MembershipGraphQlIT extends DirectoryIT {

    @Test
    void anSmeOwnerAsksToJoinAndAnAnalystAccepts() {
        String org = registerOrganization("demo-sato");
        String support = registerSupportOrganization("demo-tanaka");

        ownerSide("demo-sato", org, "proposeMembership", support)
                .path("proposeMembership.status")
                .entity(String.class)
                .isEqualTo("PENDING");
        eventually(() -> asUser("demo-tanaka", null)
                .documentName("supportOrganizationMemberships")
                .variable("id", support)
                .execute()
                .path("supportOrganizationMemberships[0].organizationId")
                .entity(String.class)
                .isEqualTo(org)
                .path("supportOrganizationMemberships[0].organizationName")
                .entity(String.class)
                .isEqualTo("株式会社テスト" + org)
                .path("supportOrganizationMemberships[0].proposedBy")
                .entity(String.class)
                .isEqualTo("ORGANIZATION"));

        analystSide("demo-tanaka", "acceptMembershipProposal", support, org)
                .path("acceptMembershipProposal.status")
                .entity(String.class)
                .isEqualTo("ACTIVE");
        eventually(() -> asUser("demo-sato", org)
                .documentName("organizationMemberships")
                .execute()
                .path("organizationMemberships[0].supportOrganizationId")
                .entity(String.class)
                .isEqualTo(support)
                .path("organizationMemberships[0].supportOrganizationName")
                .entity(String.class)
                .isEqualTo("テスト工業会" + support)
                .path("organizationMemberships[0].status")
                .entity(String.class)
                .isEqualTo("ACTIVE"));
        eventually(() -> asOperator()
                .documentName("supportOrganizations")
                .execute()
                .path("supportOrganizations[?(@.id == '" + support + "')].members[*]")
                .entityList(String.class)
                .containsExactly(org));
        assertThat(eventsOf(support))
                .containsExactly(
                        "SupportOrganizationRegisteredEvent", "MembershipProposedEvent", "MembershipAcceptedEvent");
    }

    @Test
    void anAnalystInvitesWithoutLearningWhetherTheOrganisationExistsAndTheOwnerDeclines() {
        String org = registerOrganization("demo-sato");
        String support = registerSupportOrganization("demo-tanaka");

        analystSide("demo-tanaka", "inviteOrganization", support, org)
                .path("inviteOrganization.status")
                .entity(String.class)
                .isEqualTo("PENDING");
        analystSide("demo-tanaka", "inviteOrganization", support, "no-such-organization")
                .path("inviteOrganization.status")
                .entity(String.class)
                .isEqualTo("PENDING");
        eventually(() -> asUser("demo-tanaka", null)
                .documentName("supportOrganizationMemberships")
                .variable("id", support)
                .execute()
                .path("supportOrganizationMemberships[*].organizationName")
                .entityList(Object.class)
                .hasSize(2)
                .satisfies(names -> assertThat(names).containsOnlyNulls()));

        eventually(() -> asUser("demo-sato", org)
                .documentName("organizationMemberships")
                .execute()
                .path("organizationMemberships[0].proposedBy")
                .entity(String.class)
                .isEqualTo("SUPPORT_ORGANIZATION"));
        ownerSide("demo-sato", org, "declineMembershipInvitation", support)
                .path("declineMembershipInvitation.status")
                .entity(String.class)
                .isEqualTo("DECLINED");
        eventually(() -> asUser("demo-sato", org)
                .documentName("organizationMemberships")
                .execute()
                .path("organizationMemberships[0].status")
                .entity(String.class)
                .isEqualTo("DECLINED"));
    }

    @Test
    void anAddedAnalystActsForTheSupportOrganisationAndTheOwnerAcceptsTheInvitation() {
        String org = registerOrganization("demo-sato");
        String support = registerSupportOrganization("demo-tanaka");
        asOperator()
                .documentName("addSupportOrganizationAnalyst")
                .variable("input", Map.of("supportOrganizationId", support, "analyst", "demo-watanabe"))
                .execute()
                .path("addSupportOrganizationAnalyst.errors")
                .entityList(Object.class)
                .hasSize(0);

        analystSide("demo-watanabe", "inviteOrganization", support, org)
                .path("inviteOrganization.errors")
                .entityList(Object.class)
                .hasSize(0);
        ownerSide("demo-sato", org, "acceptMembershipInvitation", support)
                .path("acceptMembershipInvitation.status")
                .entity(String.class)
                .isEqualTo("ACTIVE");
        eventually(() -> asUser("demo-watanabe", null)
                .documentName("supportOrganizationMemberships")
                .variable("id", support)
                .execute()
                .path("supportOrganizationMemberships[0].status")
                .entity(String.class)
                .isEqualTo("ACTIVE")
                .path("supportOrganizationMemberships[0].organizationName")
                .entity(String.class)
                .isEqualTo("株式会社テスト" + org));
    }

    @Test
    void aRemovedAnalystActsForTheSupportOrganisationNoLongerAndTheLastOneStays() {
        String org = registerOrganization("demo-sato");
        String support = registerSupportOrganization("demo-tanaka");
        asOperator()
                .documentName("addSupportOrganizationAnalyst")
                .variable("input", Map.of("supportOrganizationId", support, "analyst", "demo-watanabe"))
                .execute()
                .path("addSupportOrganizationAnalyst.errors")
                .entityList(Object.class)
                .hasSize(0);

        removeAnalyst(asUser("demo-tanaka", null), support, "demo-watanabe")
                .errors()
                .expect(error -> "FORBIDDEN".equals(error.getExtensions().get("code")))
                .verify();
        removeAnalyst(asOperator(), support, "demo-watanabe")
                .path("removeSupportOrganizationAnalyst.analyst")
                .entity(String.class)
                .isEqualTo("demo-watanabe")
                .path("removeSupportOrganizationAnalyst.errors")
                .entityList(Object.class)
                .hasSize(0);

        analystSide("demo-watanabe", "inviteOrganization", support, org)
                .errors()
                .expect(error -> "NOT_FOUND".equals(error.getExtensions().get("code")))
                .verify();
        removeAnalyst(asOperator(), support, "demo-watanabe")
                .path("removeSupportOrganizationAnalyst.errors[0].code")
                .entity(String.class)
                .isEqualTo("NOT_AN_ANALYST");
        removeAnalyst(asOperator(), support, "demo-tanaka")
                .path("removeSupportOrganizationAnalyst.errors[0].code")
                .entity(String.class)
                .isEqualTo("LAST_ANALYST")
                .path("removeSupportOrganizationAnalyst.errors[0].messageJa")
                .entity(String.class)
                .satisfies(ja -> assertThat(ja).contains("アナリスト"));
        removeAnalyst(asOperator(), "no-such-support-" + System.nanoTime(), "demo-tanaka")
                .errors()
                .expect(error -> "NOT_FOUND".equals(error.getExtensions().get("code")))
                .verify();
        eventually(() -> asOperator()
                .documentName("supportOrganizations")
                .execute()
                .path("supportOrganizations[?(@.id == '" + support + "')].analysts[*]")
                .entityList(String.class)
                .containsExactly("demo-tanaka"));
        assertThat(eventsOf(support))
                .containsExactly(
                        "SupportOrganizationRegisteredEvent",
                        "SupportOrganizationAnalystAddedEvent",
                        "SupportOrganizationAnalystRemovedEvent");
    }

    private GraphQlTester.Response removeAnalyst(GraphQlTester tester, String support, String analyst) {
        return tester.documentName("removeSupportOrganizationAnalyst")
                .variable("input", Map.of("supportOrganizationId", support, "analyst", analyst))
                .execute();
    }

    @Test
    void eachSideActsOnlyThroughItsOwnPeople() {
        String org = registerOrganization("demo-sato");
        addPerson("demo-sato", org, "demo-kato", "MEMBER");
        addPerson("demo-sato", org, "demo-ito", "VIEWER");
        String support = registerSupportOrganization("demo-tanaka");
        String otherSupport = registerSupportOrganization("demo-yamamoto");

        // the SME side needs an owner of the organisation chosen in the token
        refusedWith(ownerSide("demo-kato", org, "proposeMembership", support), "FORBIDDEN");
        refusedWith(ownerSide("demo-ito", org, "proposeMembership", support), "FORBIDDEN");
        refusedWith(ownerSide("demo-tanaka", org, "proposeMembership", support), "NOT_FOUND");
        refusedWith(ownerSide("demo-sato", null, "proposeMembership", support), "TENANT_REQUIRED");

        // the support side needs one of that support organisation's analysts
        refusedWith(analystSide("demo-yamamoto", "inviteOrganization", support, org), "NOT_FOUND");
        refusedWith(analystSide("demo-sato", "inviteOrganization", support, org), "NOT_FOUND");
        refusedWith(analystSide(OPERATOR, "inviteOrganization", support, org), "NOT_FOUND");

        assertThat(eventsOf(support)).containsExactly("SupportOrganizationRegisteredEvent");
        assertThat(eventsOf(otherSupport)).containsExactly("SupportOrganizationRegisteredEvent");

        // each side's list is its own
        asUser("demo-yamamoto", null)
                .documentName("supportOrganizationMemberships")
                .variable("id", support)
                .execute()
                .path("supportOrganizationMemberships")
                .valueIsNull();
        asUser("demo-sato", org)
                .documentName("supportOrganizationMemberships")
                .variable("id", support)
                .execute()
                .path("supportOrganizationMemberships")
                .valueIsNull();
        asUser("demo-tanaka", org)
                .documentName("organizationMemberships")
                .execute()
                .path("organizationMemberships")
                .valueIsNull();
        asOperator()
                .documentName("supportOrganizationMemberships")
                .variable("id", support)
                .execute()
                .path("supportOrganizationMemberships")
                .entityList(Object.class)
                .hasSize(0);
    }

    @Test
    void membershipAloneDisclosesNothing() {
        String org = registerOrganization("demo-sato");
        String support = registerSupportOrganization("demo-tanaka");
        ownerSide("demo-sato", org, "proposeMembership", support);
        analystSide("demo-tanaka", "acceptMembershipProposal", support, org)
                .path("acceptMembershipProposal.status")
                .entity(String.class)
                .isEqualTo("ACTIVE");

        eventually(() -> asUser("demo-tanaka", null)
                .documentName("supportOrganizationMemberships")
                .variable("id", support)
                .execute()
                .path("supportOrganizationMemberships[0].status")
                .entity(String.class)
                .isEqualTo("ACTIVE"));
        for (String chosen : java.util.Arrays.asList(null, org)) {
            GraphQlTester analyst = asUser("demo-tanaka", chosen);
            analyst.documentName("organization")
                    .variable("id", org)
                    .execute()
                    .path("organization")
                    .valueIsNull();
            analyst.documentName("organizationMembers")
                    .execute()
                    .path("organizationMembers")
                    .valueIsNull();
            analyst.documentName("consentGrants")
                    .execute()
                    .path("consentGrants")
                    .valueIsNull();
        }
    }

    @Test
    void answersWithoutAProposalAndBadIdsComeBackAsErrorsAndChangeNothing() {
        String org = registerOrganization("demo-sato");
        String support = registerSupportOrganization("demo-tanaka");

        payloadError(
                analystSide("demo-tanaka", "acceptMembershipProposal", support, org),
                "acceptMembershipProposal",
                "NO_PENDING_PROPOSAL");
        payloadError(
                ownerSide("demo-sato", org, "acceptMembershipInvitation", support),
                "acceptMembershipInvitation",
                "NO_PENDING_INVITATION");
        payloadError(
                ownerSide("demo-sato", org, "proposeMembership", "bad id!"),
                "proposeMembership",
                "INVALID_SUPPORT_ORGANIZATION_ID");
        payloadError(
                analystSide("demo-tanaka", "inviteOrganization", support, "bad id!"),
                "inviteOrganization",
                "INVALID_ORGANIZATION_ID");
        refusedWith(ownerSide("demo-sato", org, "proposeMembership", "no-such-support"), "NOT_FOUND");

        ownerSide("demo-sato", org, "proposeMembership", support);
        payloadError(
                analystSide("demo-tanaka", "inviteOrganization", support, org),
                "inviteOrganization",
                "PROPOSAL_PENDING");
        assertThat(eventsOf(support)).containsExactly("SupportOrganizationRegisteredEvent", "MembershipProposedEvent");
    }

    @Test
    void theOperatorsRecordedMembershipStillWorksAndShowsAsActive() {
        String org = registerOrganization("demo-sato");
        String support = registerSupportOrganization("demo-tanaka");
        asOperator()
                .documentName("recordMembership")
                .variable("input", Map.of("supportOrganizationId", support, "organizationId", org))
                .execute()
                .path("recordMembership.organizationId")
                .entity(String.class)
                .isEqualTo(org);
        eventually(() -> asUser("demo-sato", org)
                .documentName("organizationMemberships")
                .execute()
                .path("organizationMemberships[0].status")
                .entity(String.class)
                .isEqualTo("ACTIVE")
                .path("organizationMemberships[0].proposedBy")
                .valueIsNull());
        payloadError(
                ownerSide("demo-sato", org, "proposeMembership", support), "proposeMembership", "ALREADY_A_MEMBER");
        assertThat(eventsOf(support))
                .isEqualTo(List.of("SupportOrganizationRegisteredEvent", "MembershipRecordedEvent"));
    }

    @Test
    void theOperatorRecordsMembershipsOfRegisteredOrganisationsOnly() {
        String support = registerSupportOrganization("demo-tanaka");
        String otherSupport = registerSupportOrganization("demo-tanaka");
        // an id that names nothing, and one that names a support organisation, not an organisation
        for (String notAnOrganization : List.of("no-such-organization", otherSupport)) {
            asOperator()
                    .documentName("recordMembership")
                    .variable("input", Map.of("supportOrganizationId", support, "organizationId", notAnOrganization))
                    .execute()
                    .path("recordMembership.errors[0].code")
                    .entity(String.class)
                    .isEqualTo("UNKNOWN_ORGANIZATION");
        }
        assertThat(eventsOf(support)).containsExactly("SupportOrganizationRegisteredEvent");
    }

    @Test
    void aSupportOrganisationOfOthersAnswersExactlyAsOneThatDoesNotExist() {
        String org = registerOrganization("demo-sato");
        String foreign = registerSupportOrganization("demo-tanaka");
        String missing = "no-such-support-" + System.nanoTime();

        String foreignBody = rawInvite("demo-yamamoto", foreign, org);
        String missingBody = rawInvite("demo-yamamoto", missing, org);

        assertThat(foreignBody).contains("\"NOT_FOUND\"").isEqualTo(missingBody);
        // and as its own analyst, the same request is no error at all
        assertThat(rawInvite("demo-tanaka", foreign, org)).doesNotContain("NOT_FOUND");
    }

    /** The whole HTTP response body of an invitation, as the caller sees it. */
    private String rawInvite(String subject, String support, String org) {
        String body = "{\"query\":\"mutation($input: InviteOrganizationInput!) { inviteOrganization(input: $input)"
                + " { supportOrganizationId organizationId status errors { code message messageJa } } }\","
                + "\"variables\":{\"input\":{\"supportOrganizationId\":\"" + support + "\",\"organizationId\":\""
                + org + "\"}}}";
        return WebTestClient.bindToServer()
                .responseTimeout(RESPONSE_TIMEOUT)
                .baseUrl("http://localhost:" + port + "/graphql")
                .build()
                .post()
                .header("Authorization", "Bearer " + tokens.user(subject, null))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }

    private GraphQlTester.Response ownerSide(String subject, String org, String mutation, String support) {
        return asUser(subject, org)
                .documentName(mutation)
                .variable("input", Map.of("supportOrganizationId", support))
                .execute();
    }

    private GraphQlTester.Response analystSide(String subject, String mutation, String support, String org) {
        return asUser(subject, null)
                .documentName(mutation)
                .variable("input", Map.of("supportOrganizationId", support, "organizationId", org))
                .execute();
    }
}
