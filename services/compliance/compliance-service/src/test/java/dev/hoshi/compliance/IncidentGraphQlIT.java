package dev.hoshi.compliance;

import static dev.hoshi.compliance.ComplianceTestSupport.as;

import org.junit.jupiter.api.Test;
import org.springframework.graphql.test.tester.GraphQlTester;

/** Incident readiness (付録8) over GraphQL: contacts, an incident through its phases with timestamps, errors. */
class IncidentGraphQlIT extends SignedInOwnerTestBase {

    private static final String READINESS = "{ readiness { overdueSteps lastDrillOn contacts { contactId kind name }"
            + " incidents { incidentId drill phase phases { code dueOn completedAt report overdue } } } errors { code } }";

    @Test
    void anIncidentMovesThroughThePhasesWithTimestampsAndContactsAreKept() {
        mutate("setIncidentContact", "{contactId: \"ppc\", kind: \"PPC\", name: \"個人情報保護委員会\"}")
                .path("setIncidentContact.readiness.contacts[0].kind")
                .entity(String.class)
                .isEqualTo("PPC");
        String detected = today.minusDays(10) + "T10:00:00+09:00";
        mutate("recordIncident", "{incidentId: \"i1\", title: \"不正アクセス\", detectedAt: \"" + detected + "\"}")
                .path("recordIncident.readiness.incidents[0].phase")
                .entity(String.class)
                .isEqualTo("DETECT")
                .path("recordIncident.readiness.overdueSteps")
                .entity(Integer.class)
                .isEqualTo(2); // DETECT (1 day) and REPORT (5 days) are past due; RECOVER (30) is not
        GraphQlTester.Response done = mutate(
                "completeIncidentPhase",
                "{incidentId: \"i1\", report: \"LANから切り離し\", at: \"" + today.minusDays(9) + "T09:00:00+09:00\"}");
        done.path("completeIncidentPhase.readiness.incidents[0].phase")
                .entity(String.class)
                .isEqualTo("REPORT");
        done.path("completeIncidentPhase.readiness.incidents[0].phases[0].completedAt")
                .entity(String.class)
                .isEqualTo(today.minusDays(9) + "T00:00:00Z");
        done.path("completeIncidentPhase.readiness.incidents[0].phases[0].overdue")
                .entity(Boolean.class)
                .isEqualTo(false);
        done.path("completeIncidentPhase.readiness.overdueSteps")
                .entity(Integer.class)
                .isEqualTo(1);
        mutate("completeIncidentPhase", "{incidentId: \"i1\", report: \"報告済み\"}");
        mutate("completeIncidentPhase", "{incidentId: \"i1\", report: \"復旧\"}")
                .path("completeIncidentPhase.readiness.incidents[0].phase")
                .entity(String.class)
                .isEqualTo("CLOSED");
        mutate("completeIncidentPhase", "{incidentId: \"i1\"}")
                .path("completeIncidentPhase.errors[0].code")
                .entity(String.class)
                .isEqualTo("INCIDENT_CLOSED");
        owner.document("{ incidentReadiness(asOf: \"" + today.minusDays(11) + "\") { incidents { incidentId } } }")
                .execute()
                .path("incidentReadiness.incidents")
                .entityList(Object.class)
                .hasSize(0);
    }

    @Test
    void badInputIsRefusedWithACode() {
        mutate("setIncidentContact", "{contactId: \"c1\", kind: \"FRIEND\", name: \"x\"}")
                .path("setIncidentContact.errors[0].code")
                .entity(String.class)
                .isEqualTo("UNKNOWN_CONTACT_KIND");
        mutate("recordIncident", "{incidentId: \"i/1\", title: \"x\"}")
                .path("recordIncident.errors[0].code")
                .entity(String.class)
                .isEqualTo("INVALID_INCIDENT_ID");
        mutate("recordIncident", "{incidentId: \"i1\", title: \"x\", detectedAt: \"yesterday\"}")
                .path("recordIncident.errors[0].code")
                .entity(String.class)
                .isEqualTo("INVALID_DETECTED_AT");
        mutate("completeIncidentPhase", "{incidentId: \"nothing\"}")
                .path("completeIncidentPhase.errors[0].code")
                .entity(String.class)
                .isEqualTo("UNKNOWN_INCIDENT");
        owner.document("{ incidentReadiness { incidents { incidentId } contacts { contactId } } }")
                .execute()
                .path("incidentReadiness.incidents")
                .entityList(Object.class)
                .hasSize(0);
        as(port, "demo-suzuki", org)
                .document("{ incidentReadiness { overdueSteps } }")
                .execute()
                .path("incidentReadiness")
                .valueIsNull();
    }

    @Test
    void theGuidelineCarriesAppendixEightsPhases() {
        owner.document("{ guideline { incidentResponse { dueDaysUnconfirmed phases { code dueDays title { ja } }"
                        + " contactKinds { code label { ja } } } } }")
                .execute()
                .path("guideline.incidentResponse.phases[*].code")
                .entityList(String.class)
                .containsExactly("DETECT", "REPORT", "RECOVER")
                .path("guideline.incidentResponse.phases[0].title.ja")
                .entity(String.class)
                .isEqualTo("検知・初動対応")
                .path("guideline.incidentResponse.contactKinds[1].label.ja")
                .entity(String.class)
                .isEqualTo("個人情報保護委員会")
                .path("guideline.incidentResponse.dueDaysUnconfirmed")
                .entity(Boolean.class)
                .isEqualTo(true);
    }

    private GraphQlTester.Response mutate(String name, String input) {
        String argument = name.equals("removeIncidentContact") ? "contactId: " + input : "input: " + input;
        return owner.document("mutation { " + name + "(" + argument + ") " + READINESS + " }")
                .execute();
    }
}
