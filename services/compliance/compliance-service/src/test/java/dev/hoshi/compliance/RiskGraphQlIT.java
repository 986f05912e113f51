package dev.hoshi.compliance;

import static dev.hoshi.compliance.ComplianceTestSupport.as;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

/** The risk register (付録7) over GraphQL: recording, assessing, the bands and summary, history asOf, errors. */
class RiskGraphQlIT extends SignedInOwnerTestBase {

    private static final String REGISTER = "{ organizationId asOf summary { bands { band assets } notAssessed highest }"
            + " assets { assetId asset { name personalData confidentiality } importance threat vulnerability"
            + " proposedVulnerability likelihood riskValue band treatment controls recordedOn assessedOn } }";
    private static final String PAYLOAD = "{ assetId errors { code message messageJa } register " + REGISTER + " }";

    @Test
    void assetsAreRecordedAssessedAndSummarisedWithHistoryAsOfAnEarlierDay() {
        mutate(
                        "recordAsset",
                        "{assetId: \"customers\", effectiveOn: \"" + today.minusDays(30) + "\", asset: {businessArea:"
                                + " \"営業\", name: \"顧客名簿\", personalData: \"氏名・住所\", confidentiality: 3, integrity: 2,"
                                + " availability: 2}}")
                .path("recordAsset.errors")
                .entityList(Object.class)
                .hasSize(0)
                .path("recordAsset.register.assets[0].importance")
                .entity(Integer.class)
                .isEqualTo(3)
                .path("recordAsset.register.summary.notAssessed")
                .entity(Integer.class)
                .isEqualTo(1);
        mutate(
                        "assessRisk",
                        "{assetId: \"customers\", threat: 3, vulnerability: 3, treatment: \"REDUCE\", controls:"
                                + " [\"C04-01\"], effectiveOn: \"" + today.minusDays(20) + "\"}")
                .path("assessRisk.register.assets[0].riskValue")
                .entity(Integer.class)
                .isEqualTo(9);
        owner.document("mutation { updateControlStatus(input: {controlId: \"C04-01\", status: IMPLEMENTED}) {"
                        + " errors { code } } }")
                .execute()
                .path("updateControlStatus.errors")
                .entityList(Object.class)
                .hasSize(0);
        // reassessed today with the vulnerability the implemented control proposes
        GraphQlTester.Response now = mutate(
                "assessRisk",
                "{assetId: \"customers\", threat: 3, vulnerability: 1, treatment: \"REDUCE\", controls: [\"C04-01\"]}");
        now.path("assessRisk.register.assets[0].likelihood")
                .entity(Integer.class)
                .isEqualTo(1);
        now.path("assessRisk.register.assets[0].riskValue")
                .entity(Integer.class)
                .isEqualTo(3);
        now.path("assessRisk.register.assets[0].band").entity(String.class).isEqualTo("SMALL");
        now.path("assessRisk.register.assets[0].proposedVulnerability")
                .entity(Integer.class)
                .isEqualTo(1);
        now.path("assessRisk.register.summary.bands[2].band")
                .entity(String.class)
                .isEqualTo("SMALL");
        now.path("assessRisk.register.summary.bands[2].assets")
                .entity(Integer.class)
                .isEqualTo(1);
        now.path("assessRisk.register.summary.highest").entity(Integer.class).isEqualTo(3);

        GraphQlTester.Response then = owner.document(
                        "{ riskRegister(asOf: \"" + today.minusDays(10) + "\") " + REGISTER + " }")
                .execute();
        then.path("riskRegister.assets[0].riskValue").entity(Integer.class).isEqualTo(9);
        then.path("riskRegister.assets[0].band").entity(String.class).isEqualTo("LARGE");
        then.path("riskRegister.assets[0].proposedVulnerability")
                .entity(Integer.class)
                .isEqualTo(3); // the control was not implemented yet on that day
        then.path("riskRegister.summary.bands[0].assets").entity(Integer.class).isEqualTo(1);
        owner.document("{ riskRegister(asOf: \"" + today.minusDays(31) + "\") " + REGISTER + " }")
                .execute()
                .path("riskRegister.assets")
                .entityList(Object.class)
                .hasSize(0);

        mutate("removeAsset", "{assetId: \"customers\", reason: \"廃棄\"}")
                .path("removeAsset.register.assets")
                .entityList(Object.class)
                .hasSize(0);
    }

    @Test
    void badInputIsRefusedWithACodeAndChangesNothing() {
        mutate(
                        "recordAsset",
                        "{assetId: \"a1\", asset: {name: \"x\", confidentiality: 4, integrity: 1, availability: 1}}")
                .path("recordAsset.errors[0].code")
                .entity(String.class)
                .isEqualTo("INVALID_RATING")
                .path("recordAsset.errors[0].messageJa")
                .entity(String.class)
                .satisfies(m -> assertThat(m).contains("1（低）〜3（高）"));
        mutate(
                        "recordAsset",
                        "{assetId: \"a/1\", asset: {name: \"x\", confidentiality: 1, integrity: 1, availability: 1}}")
                .path("recordAsset.errors[0].code")
                .entity(String.class)
                .isEqualTo("INVALID_ASSET_ID");
        mutate("assessRisk", "{assetId: \"nothing\", threat: 1, vulnerability: 1, treatment: \"ACCEPT\"}")
                .path("assessRisk.errors[0].code")
                .entity(String.class)
                .isEqualTo("UNKNOWN_ASSET");
        mutate(
                "recordAsset",
                "{assetId: \"a1\", asset: {name: \"x\", confidentiality: 1, integrity: 1, availability: 1}}");
        mutate("assessRisk", "{assetId: \"a1\", threat: 1, vulnerability: 1, treatment: \"IGNORE\"}")
                .path("assessRisk.errors[0].code")
                .entity(String.class)
                .isEqualTo("UNKNOWN_TREATMENT");
        mutate(
                        "assessRisk",
                        "{assetId: \"a1\", threat: 1, vulnerability: 1, treatment: \"ACCEPT\", controls: [\"C99\"]}")
                .path("assessRisk.errors[0].code")
                .entity(String.class)
                .isEqualTo("UNKNOWN_CONTROL");
        owner.document("{ riskRegister(asOf: \"" + today.plusDays(2) + "\") { asOf } }")
                .execute()
                .errors()
                .expect(e -> "INVALID_AS_OF".equals(e.getExtensions().get("code")))
                .verify();
        owner.document("{ riskRegister " + REGISTER + " }")
                .execute()
                .path("riskRegister.summary.notAssessed")
                .entity(Integer.class)
                .isEqualTo(1)
                .path("riskRegister.assets[0].asset.confidentiality")
                .entity(Integer.class)
                .isEqualTo(1);
    }

    @Test
    void anotherOrganisationsMemberNeitherSeesNorChangesIt() {
        mutate(
                "recordAsset",
                "{assetId: \"a1\", asset: {name: \"x\", confidentiality: 1, integrity: 1, availability: 1}}");
        HttpGraphQlTester stranger = as(port, "demo-suzuki", org);
        stranger.document("{ riskRegister { organizationId } }")
                .execute()
                .path("riskRegister")
                .valueIsNull();
        stranger.document("mutation { removeAsset(input: {assetId: \"a1\"}) { errors { code } } }")
                .execute()
                .errors()
                .expect(e -> "NOT_FOUND".equals(e.getExtensions().get("code")))
                .verify();
        owner.document("{ riskRegister { assets { assetId } } }")
                .execute()
                .path("riskRegister.assets[0].assetId")
                .entity(String.class)
                .isEqualTo("a1");
    }

    @Test
    void theGuidelineCarriesAppendixSevensTables() {
        GraphQlTester.Response response = owner.document("{ guideline { riskAnalysis { importance { rule unconfirmed }"
                        + " likelihood { threat vulnerability value } bands { code min max } treatments { code label { ja } }"
                        + " } } }")
                .execute();
        response.path("guideline.riskAnalysis.likelihood")
                .entityList(Object.class)
                .hasSize(9);
        response.path("guideline.riskAnalysis.likelihood[0].value")
                .entity(Integer.class)
                .isEqualTo(3);
        response.path("guideline.riskAnalysis.importance.unconfirmed")
                .entity(Boolean.class)
                .isEqualTo(true);
        response.path("guideline.riskAnalysis.bands[*].code")
                .entityList(String.class)
                .containsExactly("LARGE", "MEDIUM", "SMALL");
        response.path("guideline.riskAnalysis.treatments[0].label.ja")
                .entity(String.class)
                .isEqualTo("低減");
    }

    private GraphQlTester.Response mutate(String name, String input) {
        return owner.document("mutation { " + name + "(input: " + input + ") " + PAYLOAD + " }")
                .execute();
    }
}
