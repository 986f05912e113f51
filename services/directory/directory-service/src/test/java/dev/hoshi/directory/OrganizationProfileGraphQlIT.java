package dev.hoshi.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.test.tester.GraphQlTester;

/** An organisation's profile and its SME class: owners set it, everyone in the organisation reads it. */
class OrganizationProfileGraphQlIT extends DirectoryIT {

    private static Map<String, Object> manufacturer() {
        Map<String, Object> input = new HashMap<>();
        input.put("industry", "E");
        input.put("employees", 301);
        input.put("capitalYen", 300_000_000L);
        input.put("prefecture", "23");
        input.put("nameEn", "Test Precision Co., Ltd.");
        return input;
    }

    @Test
    void anOwnerSetsTheProfileAndEveryoneInTheOrganisationSeesItWithItsSmeClass() {
        String org = registerOrganization("demo-sato");
        addPerson("demo-sato", org, "demo-viewer", "VIEWER");

        asUser("demo-sato", org)
                .documentName("updateOrganizationProfile")
                .variable("input", manufacturer())
                .execute()
                .path("updateOrganizationProfile.errors")
                .entityList(Object.class)
                .hasSize(0)
                .path("updateOrganizationProfile.profile.smeClass")
                .entity(String.class)
                .isEqualTo("MEDIUM") // 301 employees, but ¥300M capital: an SME by capital
                .path("updateOrganizationProfile.profile.sector")
                .entity(String.class)
                .isEqualTo("MANUFACTURING_AND_OTHERS");

        eventually(() -> asUser("demo-viewer", org)
                .documentName("organizationWithProfile")
                .variable("id", org)
                .execute()
                .path("organization.profile.smeClass")
                .entity(String.class)
                .isEqualTo("MEDIUM")
                .path("organization.profile.industry.nameJa")
                .entity(String.class)
                .isEqualTo("製造業")
                .path("organization.profile.prefecture.nameJa")
                .entity(String.class)
                .isEqualTo("愛知県")
                .path("organization.profile.capitalYen")
                .entity(Long.class)
                .isEqualTo(300_000_000L)
                .path("organization.nameEn")
                .entity(String.class)
                .isEqualTo("Test Precision Co., Ltd."));
        assertThat(eventsOf(org))
                .containsExactly(
                        "OrganizationRegisteredEvent",
                        "OrganizationMemberAddedEvent",
                        "OrganizationProfileUpdatedEvent");
    }

    @Test
    void aRetailerWith51EmployeesAnd60MillionYenIsLargeAndAFivePersonWholesalerIsSmall() {
        String org = registerOrganization("demo-sato");
        Map<String, Object> retailer = new HashMap<>(Map.of(
                "industry",
                "I",
                "smeSector",
                "RETAIL",
                "employees",
                51,
                "capitalYen",
                60_000_000L,
                "prefecture",
                "27"));
        asUser("demo-sato", org)
                .documentName("updateOrganizationProfile")
                .variable("input", retailer)
                .execute()
                .path("updateOrganizationProfile.profile.smeClass")
                .entity(String.class)
                .isEqualTo("LARGE");

        Map<String, Object> wholesaler = new HashMap<>(Map.of(
                "industry",
                "I",
                "smeSector",
                "WHOLESALE",
                "employees",
                5,
                "capitalYen",
                10_000_000L,
                "prefecture",
                "27"));
        asUser("demo-sato", org)
                .documentName("updateOrganizationProfile")
                .variable("input", wholesaler)
                .execute()
                .path("updateOrganizationProfile.profile.smeClass")
                .entity(String.class)
                .isEqualTo("SMALL");
        eventually(() -> asUser("demo-sato", org)
                .documentName("organizationWithProfile")
                .variable("id", org)
                .execute()
                .path("organization.profile.sector")
                .entity(String.class)
                .isEqualTo("WHOLESALE")
                .path("organization.profile.smeClass")
                .entity(String.class)
                .isEqualTo("SMALL"));
    }

    @Test
    void capitalBeyondGraphQlsIntRoundTripsAsYen() {
        String org = registerOrganization("demo-sato");
        Map<String, Object> large = new HashMap<>(
                Map.of("industry", "E", "employees", 3_000, "capitalYen", 635_401_000_000L, "prefecture", "23"));
        asUser("demo-sato", org)
                .documentName("updateOrganizationProfile")
                .variable("input", large)
                .execute()
                .path("updateOrganizationProfile.profile.capitalYen")
                .entity(Long.class)
                .isEqualTo(635_401_000_000L)
                .path("updateOrganizationProfile.profile.smeClass")
                .entity(String.class)
                .isEqualTo("LARGE");
    }

    @Test
    void onlyOwnersChangeTheProfile() {
        String org = registerOrganization("demo-sato");
        addPerson("demo-sato", org, "demo-member", "MEMBER");
        addPerson("demo-sato", org, "demo-viewer", "VIEWER");
        String other = registerOrganization("demo-suzuki");

        refusedWith(update("demo-member", org), "FORBIDDEN");
        refusedWith(update("demo-viewer", org), "FORBIDDEN");
        // the owner of another organisation, naming this one in the token: it looks missing
        refusedWith(update("demo-suzuki", org), "NOT_FOUND");
        // no organisation chosen at all
        refusedWith(update("demo-sato", null), "TENANT_REQUIRED");
        // an operator is not in the organisation
        refusedWith(
                as(tokens.user(OPERATOR, org, "platform_operator"))
                        .documentName("updateOrganizationProfile")
                        .variable("input", manufacturer())
                        .execute(),
                "NOT_FOUND");

        assertThat(eventsOf(org)).doesNotContain("OrganizationProfileUpdatedEvent");
        assertThat(eventsOf(other)).doesNotContain("OrganizationProfileUpdatedEvent");
    }

    @Test
    void badInputComesBackAsErrorsInThePayloadAndChangesNothing() {
        String org = registerOrganization("demo-sato");
        Map<String, Map<String, Object>> cases = Map.of(
                "INVALID_INDUSTRY", Map.of("industry", "U"),
                "INVALID_PREFECTURE", Map.of("prefecture", "48"),
                "SME_SECTOR_REQUIRED", Map.of("industry", "I"),
                "INVALID_SME_SECTOR", Map.of("smeSector", "RETAIL"),
                "INVALID_EMPLOYEES", Map.of("employees", -1),
                "INVALID_CAPITAL_YEN", Map.of("capitalYen", -5L),
                "INVALID_NAME_EN", Map.of("nameEn", "x".repeat(201)));
        cases.forEach((code, change) -> {
            Map<String, Object> input = manufacturer();
            input.putAll(change);
            payloadError(
                    asUser("demo-sato", org)
                            .documentName("updateOrganizationProfile")
                            .variable("input", input)
                            .execute(),
                    "updateOrganizationProfile",
                    code);
        });
        assertThat(eventsOf(org)).containsExactly("OrganizationRegisteredEvent");
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).untilAsserted(() -> asUser("demo-sato", org)
                .documentName("organizationWithProfile")
                .variable("id", org)
                .execute()
                .path("organization.profile")
                .valueIsNull());
    }

    @Test
    void referenceDataIsThereForAnyoneSignedIn() {
        asUser("demo-anyone", null)
                .documentName("referenceData")
                .execute()
                .path("industryDivisions[*].division.code")
                .entityList(String.class)
                .hasSize(20)
                .contains("A", "I", "T")
                .path("industryDivisions[8].division.nameJa")
                .entity(String.class)
                .isEqualTo("卸売業，小売業")
                .path("industryDivisions[8].sectors[*].sector")
                .entityList(String.class)
                .containsExactly("WHOLESALE", "RETAIL")
                .path("industryDivisions[8].defaultSector")
                .valueIsNull()
                .path("prefectures")
                .entityList(Object.class)
                .hasSize(47)
                .path("prefectures[12].code")
                .entity(String.class)
                .isEqualTo("13")
                .path("prefectures[12].nameEn")
                .entity(String.class)
                .isEqualTo("Tokyo");

        asUser("demo-anyone", null)
                .documentName("smeClassification")
                .variable("industry", "M")
                .variable("sector", "RETAIL")
                .variable("employees", 40)
                .variable("capitalYen", 80_000_000L)
                .execute()
                .path("smeClassification.smeClass")
                .entity(String.class)
                .isEqualTo("MEDIUM");
        asUser("demo-anyone", null)
                .documentName("smeClassification")
                .variable("industry", "M")
                .variable("employees", 40)
                .execute()
                .path("smeClassification")
                .valueIsNull();
    }

    private GraphQlTester.Response update(String subject, String org) {
        return asUser(subject, org)
                .documentName("updateOrganizationProfile")
                .variable("input", manufacturer())
                .execute();
    }
}
