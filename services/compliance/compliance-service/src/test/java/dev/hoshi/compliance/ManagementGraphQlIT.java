package dev.hoshi.compliance;

import static dev.hoshi.compliance.ComplianceTestSupport.as;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.graphql.test.tester.GraphQlTester;

/** The management edition's key actions over GraphQL: confirming (who, when), the dashboard, history, errors. */
class ManagementGraphQlIT extends SignedInOwnerTestBase {

    private static final String CHECKLIST =
            "{ asOf confirmed total actions { actionId confirmed confirmedBy confirmedOn note } }";

    @Test
    void theExecutiveConfirmsKeyActionsShownOnTheDashboardWithHistory() {
        owner.document("mutation { confirmKeyAction(input: {actionId: \"K1\", note: \"方針を掲示\", effectiveOn: \""
                        + today.minusDays(10) + "\"}) { errors { code } checklist " + CHECKLIST + " } }")
                .execute()
                .path("confirmKeyAction.errors")
                .entityList(Object.class)
                .hasSize(0)
                .path("confirmKeyAction.checklist.confirmed")
                .entity(Integer.class)
                .isEqualTo(1)
                .path("confirmKeyAction.checklist.actions[0].confirmedBy")
                .entity(String.class)
                .isEqualTo("demo-sato");
        owner.document("mutation { confirmKeyAction(input: {actionId: \"K5\"}) { errors { code } } }")
                .execute()
                .path("confirmKeyAction.errors")
                .entityList(Object.class)
                .hasSize(0);

        GraphQlTester.Response dashboard = owner.document("{ organizationStatus { keyActions " + CHECKLIST + " } }")
                .execute();
        dashboard
                .path("organizationStatus.keyActions.total")
                .entity(Integer.class)
                .isEqualTo(7);
        dashboard
                .path("organizationStatus.keyActions.confirmed")
                .entity(Integer.class)
                .isEqualTo(2);
        dashboard
                .path("organizationStatus.keyActions.actions[0].confirmedOn")
                .entity(String.class)
                .isEqualTo(today.minusDays(10).toString());
        dashboard
                .path("organizationStatus.keyActions.actions[0].note")
                .entity(String.class)
                .isEqualTo("方針を掲示");

        owner.document("{ organizationStatus(asOf: \"" + today.minusDays(5) + "\") { keyActions { confirmed } } }")
                .execute()
                .path("organizationStatus.keyActions.confirmed")
                .entity(Integer.class)
                .isEqualTo(1);
        owner.document("{ managementChecklist(asOf: \"" + today.minusDays(11) + "\") { confirmed } }")
                .execute()
                .path("managementChecklist.confirmed")
                .entity(Integer.class)
                .isEqualTo(0);

        owner.document("mutation { withdrawKeyAction(input: {actionId: \"K5\"}) { checklist { confirmed } } }")
                .execute()
                .path("withdrawKeyAction.checklist.confirmed")
                .entity(Integer.class)
                .isEqualTo(1);
    }

    @Test
    void badInputIsRefusedWithACodeAndChangesNothing() {
        owner.document("mutation { confirmKeyAction(input: {actionId: \"K8\"}) { errors { code messageJa } } }")
                .execute()
                .path("confirmKeyAction.errors[0].code")
                .entity(String.class)
                .isEqualTo("UNKNOWN_KEY_ACTION")
                .path("confirmKeyAction.errors[0].messageJa")
                .entity(String.class)
                .satisfies(m -> assertThat(m).contains("K7"));
        owner.document("mutation { withdrawKeyAction(input: {actionId: \"K3\"}) { errors { code } } }")
                .execute()
                .path("withdrawKeyAction.errors[0].code")
                .entity(String.class)
                .isEqualTo("NOT_CONFIRMED");
        owner.document("{ managementChecklist(asOf: \"" + today.plusDays(2) + "\") { confirmed } }")
                .execute()
                .errors()
                .expect(e -> "INVALID_AS_OF".equals(e.getExtensions().get("code")))
                .verify();
        owner.document("{ managementChecklist { confirmed } }")
                .execute()
                .path("managementChecklist.confirmed")
                .entity(Integer.class)
                .isEqualTo(0);
        as(port, "demo-suzuki", org)
                .document("{ managementChecklist { confirmed } }")
                .execute()
                .path("managementChecklist")
                .valueIsNull();
    }

    @Test
    void theGuidelineCarriesTheManagementEdition() {
        owner.document("{ guideline { principles { id } keyActions { id title { ja en } } } }")
                .execute()
                .path("guideline.keyActions[*].id")
                .entityList(String.class)
                .containsExactly("K1", "K2", "K3", "K4", "K5", "K6", "K7")
                .path("guideline.principles")
                .entityList(Object.class)
                .hasSize(3);
    }
}
