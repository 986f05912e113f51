package dev.hoshi.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.test.tester.GraphQlTester;

/** Consent grants: owners grant, change and revoke; everyone in the organisation sees them with their history. */
class ConsentGrantGraphQlIT extends DirectoryIT {

    @Test
    void anOwnerGrantsAMemberSupportOrganisationChangesTheScopeAndRevokesAndEveryoneInTheOrganisationSeesTheHistory() {
        String org = registerOrganization("demo-sato");
        addPerson("demo-sato", org, "demo-ito", "VIEWER");
        String support = memberSupportOrganization(org);
        LocalDate today = todayInJapan();

        String grantId = grant(
                        "demo-sato", org, "SUPPORT_ORGANIZATION", support, "LEVEL_ONLY", null, today.plusYears(1))
                .path("grantConsent.errors")
                .entityList(Object.class)
                .hasSize(0)
                .path("grantConsent.grantId")
                .entity(String.class)
                .get();
        scope("demo-sato", org, grantId, "FULL_DETAIL")
                .path("changeConsentScope.errors")
                .entityList(Object.class)
                .hasSize(0);
        revoke("demo-sato", org, grantId)
                .path("revokeConsent.grantId")
                .entity(String.class)
                .isEqualTo(grantId);

        eventually(() -> asUser("demo-ito", org)
                .documentName("consentGrants")
                .execute()
                .path("consentGrants[0].id")
                .entity(String.class)
                .isEqualTo(grantId)
                .path("consentGrants[0].granteeKind")
                .entity(String.class)
                .isEqualTo("SUPPORT_ORGANIZATION")
                .path("consentGrants[0].granteeId")
                .entity(String.class)
                .isEqualTo(support)
                .path("consentGrants[0].scope")
                .entity(String.class)
                .isEqualTo("FULL_DETAIL")
                .path("consentGrants[0].startDate")
                .entity(String.class)
                .isEqualTo(today.toString())
                .path("consentGrants[0].endDate")
                .entity(String.class)
                .isEqualTo(today.plusYears(1).toString())
                .path("consentGrants[0].revokedOn")
                .entity(String.class)
                .isEqualTo(today.toString())
                .path("consentGrants[0].status")
                .entity(String.class)
                .isEqualTo("REVOKED")
                .path("consentGrants[0].history[*].change")
                .entityList(String.class)
                .containsExactly("GRANTED", "SCOPE_CHANGED", "REVOKED")
                .path("consentGrants[0].history[*].scope")
                .entityList(String.class)
                .containsExactly("LEVEL_ONLY", "FULL_DETAIL", "FULL_DETAIL")
                .path("consentGrants[0].history[*].by")
                .entityList(String.class)
                .containsExactly("demo-sato", "demo-sato", "demo-sato"));

        assertThat(eventsOf(org)).endsWith("ConsentGrantedEvent", "ConsentScopeChangedEvent", "ConsentRevokedEvent");
        // self-sufficient events: whoever decides access needs nothing but them
        assertThat(payloadsOf(org, "ConsentGrantedEvent").get(0))
                .contains("\"grantId\":\"" + grantId + "\"")
                .contains("\"organizationId\":\"" + org + "\"")
                .contains("\"kind\":\"SUPPORT_ORGANIZATION\"", "\"id\":\"" + support + "\"")
                .contains("\"scope\":\"LEVEL_ONLY\"")
                .contains("\"startDate\":\"" + today + "\"", "\"endDate\":\"" + today.plusYears(1) + "\"");
        assertThat(payloadsOf(org, "ConsentRevokedEvent").get(0))
                .contains("\"scope\":\"FULL_DETAIL\"", "\"revokedOn\":\"" + today + "\"", support);
    }

    @Test
    void aPartnerClientCanBeGrantedFromALaterDate() {
        String org = registerOrganization("demo-sato");
        String partner = registerPartnerClient();
        LocalDate start = todayInJapan().plusMonths(1);

        grant("demo-sato", org, "PARTNER_CLIENT", partner, "LEVEL_AND_SCORES", start, null)
                .path("grantConsent.errors")
                .entityList(Object.class)
                .hasSize(0);
        eventually(() -> asUser("demo-sato", org)
                .documentName("consentGrants")
                .execute()
                .path("consentGrants[0].status")
                .entity(String.class)
                .isEqualTo("SCHEDULED")
                .path("consentGrants[0].endDate")
                .valueIsNull());
        payloadError(
                grant("demo-sato", org, "PARTNER_CLIENT", partner, "FULL_DETAIL", null, null),
                "grantConsent",
                "ALREADY_GRANTED");
    }

    @Test
    void aGrantToASupportOrganisationNeedsAnActiveMembership() {
        String org = registerOrganization("demo-sato");
        String stranger = registerSupportOrganization("demo-tanaka");
        String pending = registerSupportOrganization("demo-tanaka");
        asUser("demo-sato", org)
                .documentName("proposeMembership")
                .variable("input", Map.of("supportOrganizationId", pending))
                .execute()
                .path("proposeMembership.status")
                .entity(String.class)
                .isEqualTo("PENDING");

        payloadError(
                grant("demo-sato", org, "SUPPORT_ORGANIZATION", stranger, "LEVEL_ONLY", null, null),
                "grantConsent",
                "MEMBERSHIP_REQUIRED");
        payloadError(
                grant("demo-sato", org, "SUPPORT_ORGANIZATION", pending, "LEVEL_ONLY", null, null),
                "grantConsent",
                "MEMBERSHIP_REQUIRED");
        payloadError(
                grant("demo-sato", org, "PARTNER_CLIENT", "no-such-partner", "LEVEL_ONLY", null, null),
                "grantConsent",
                "UNKNOWN_PARTNER_CLIENT");
        assertThat(eventsOf(org)).containsExactly("OrganizationRegisteredEvent");
    }

    @Test
    void onlyOwnersGrantChangeAndRevoke() {
        String org = registerOrganization("demo-sato");
        addPerson("demo-sato", org, "demo-kato", "MEMBER");
        addPerson("demo-sato", org, "demo-ito", "VIEWER");
        String other = registerOrganization("demo-suzuki");
        String partner = registerPartnerClient();
        String grantId = grant("demo-sato", org, "PARTNER_CLIENT", partner, "LEVEL_ONLY", null, null)
                .path("grantConsent.grantId")
                .entity(String.class)
                .get();

        for (String notOwner : new String[] {"demo-kato", "demo-ito"}) {
            refusedWith(grant(notOwner, org, "PARTNER_CLIENT", partner, "FULL_DETAIL", null, null), "FORBIDDEN");
            refusedWith(scope(notOwner, org, grantId, "FULL_DETAIL"), "FORBIDDEN");
            refusedWith(revoke(notOwner, org, grantId), "FORBIDDEN");
        }
        // the owner of another organisation: naming ours in the token, or using its own with our grant's id
        refusedWith(revoke("demo-suzuki", org, grantId), "NOT_FOUND");
        refusedWith(revoke("demo-suzuki", other, grantId), "NOT_FOUND");
        refusedWith(scope("demo-suzuki", other, grantId, "FULL_DETAIL"), "NOT_FOUND");
        // an analyst or an operator acts for no organisation
        refusedWith(revoke("demo-tanaka", null, grantId), "TENANT_REQUIRED");
        refusedWith(
                as(tokens.user(OPERATOR, org, "platform_operator"))
                        .documentName("revokeConsent")
                        .variable("input", Map.of("grantId", grantId))
                        .execute(),
                "NOT_FOUND");

        assertThat(eventsOf(org)).containsOnlyOnce("ConsentGrantedEvent").doesNotContain("ConsentRevokedEvent");
        assertThat(eventsOf(other)).containsExactly("OrganizationRegisteredEvent");
        eventually(() -> asUser("demo-kato", org)
                .documentName("consentGrants")
                .execute()
                .path("consentGrants[0].status")
                .entity(String.class)
                .isEqualTo("ACTIVE"));
        asUser("demo-suzuki", other)
                .documentName("consentGrants")
                .execute()
                .path("consentGrants")
                .entityList(Object.class)
                .hasSize(0);
        asUser("demo-suzuki", org)
                .documentName("consentGrants")
                .execute()
                .path("consentGrants")
                .valueIsNull();
    }

    @Test
    void badInputComesBackAsErrorsInThePayloadAndChangesNothing() {
        String org = registerOrganization("demo-sato");
        String partner = registerPartnerClient();
        LocalDate today = todayInJapan();

        payloadError(
                grant("demo-sato", org, "PARTNER_CLIENT", partner, "LEVEL_ONLY", today.minusDays(1), null),
                "grantConsent",
                "START_DATE_IN_PAST");
        payloadError(
                grant("demo-sato", org, "PARTNER_CLIENT", partner, "LEVEL_ONLY", today.plusDays(3), today.plusDays(3)),
                "grantConsent",
                "END_DATE_NOT_AFTER_START");
        Map<String, Object> badDate = new HashMap<>(Map.of(
                "granteeKind",
                "PARTNER_CLIENT",
                "granteeId",
                partner,
                "scope",
                "LEVEL_ONLY",
                "startDate",
                "2026-13-01"));
        payloadError(
                asUser("demo-sato", org)
                        .documentName("grantConsent")
                        .variable("input", badDate)
                        .execute(),
                "grantConsent",
                "INVALID_START_DATE");
        payloadError(
                grant("demo-sato", org, "PARTNER_CLIENT", "bad id!", "LEVEL_ONLY", null, null),
                "grantConsent",
                "INVALID_GRANTEE_ID");
        payloadError(scope("demo-sato", org, "bad id!", "FULL_DETAIL"), "changeConsentScope", "INVALID_GRANT_ID");
        refusedWith(revoke("demo-sato", org, "no-such-grant"), "NOT_FOUND");

        assertThat(eventsOf(org)).containsExactly("OrganizationRegisteredEvent");
    }

    /** A support organisation the organisation has joined (through the handshake). */
    private String memberSupportOrganization(String org) {
        String support = registerSupportOrganization("demo-tanaka");
        asUser("demo-tanaka", null)
                .documentName("inviteOrganization")
                .variable("input", Map.of("supportOrganizationId", support, "organizationId", org))
                .execute()
                .path("inviteOrganization.errors")
                .entityList(Object.class)
                .hasSize(0);
        asUser("demo-sato", org)
                .documentName("acceptMembershipInvitation")
                .variable("input", Map.of("supportOrganizationId", support))
                .execute()
                .path("acceptMembershipInvitation.status")
                .entity(String.class)
                .isEqualTo("ACTIVE");
        eventually(() -> asUser("demo-sato", org)
                .documentName("organizationMemberships")
                .execute()
                .path("organizationMemberships[0].status")
                .entity(String.class)
                .isEqualTo("ACTIVE"));
        return support;
    }

    private GraphQlTester.Response grant(
            String subject, String org, String kind, String grantee, String scope, LocalDate start, LocalDate end) {
        Map<String, Object> input = new HashMap<>(Map.of("granteeKind", kind, "granteeId", grantee, "scope", scope));
        if (start != null) {
            input.put("startDate", start.toString());
        }
        if (end != null) {
            input.put("endDate", end.toString());
        }
        return asUser(subject, org)
                .documentName("grantConsent")
                .variable("input", input)
                .execute();
    }

    private GraphQlTester.Response scope(String subject, String org, String grantId, String scope) {
        return asUser(subject, org)
                .documentName("changeConsentScope")
                .variable("input", Map.of("grantId", grantId, "scope", scope))
                .execute();
    }

    private GraphQlTester.Response revoke(String subject, String org, String grantId) {
        return asUser(subject, org)
                .documentName("revokeConsent")
                .variable("input", Map.of("grantId", grantId))
                .execute();
    }
}
