package dev.hoshi.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

class ContactPreferencesGraphQlIT extends DirectoryIT {

    private static final String SET = "mutation($input: SetMyContactPreferencesInput!) {"
            + " setMyContactPreferences(input: $input) { contactPreferences { email language optOuts }"
            + " errors { code field message messageJa } } }";
    private static final String READ = "{ myContactPreferences { email language optOuts } }";

    @Test
    void aPersonSetsTheirAddressLanguageAndOptOutsAndTheAddressIsStoredOnlyEncrypted() {
        String person = unique("hanako");
        HttpGraphQlTester me = asUser(person, null);
        me.document(READ)
                .execute()
                .path("myContactPreferences.email")
                .valueIsNull()
                .path("myContactPreferences.language")
                .entity(String.class)
                .isEqualTo("JA");

        me.document(SET)
                .variable(
                        "input",
                        Map.of("email", " hanako@example.jp ", "language", "EN", "optOuts", List.of("MONTHLY_DIGEST")))
                .execute()
                .path("setMyContactPreferences.errors")
                .entityList(Object.class)
                .hasSize(0)
                .path("setMyContactPreferences.contactPreferences.email")
                .entity(String.class)
                .isEqualTo("hanako@example.jp");

        eventually(() -> me.document(READ)
                .execute()
                .path("myContactPreferences.email")
                .entity(String.class)
                .isEqualTo("hanako@example.jp")
                .path("myContactPreferences.language")
                .entity(String.class)
                .isEqualTo("EN")
                .path("myContactPreferences.optOuts")
                .entityList(String.class)
                .containsExactly("MONTHLY_DIGEST"));
        List<String> stored =
                payloadsOf("person-contact:" + person, "ContactPreferencesMessages$ContactPreferencesSetEvent");
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0)).doesNotContain("hanako@example.jp").contains("pd2:");

        // the same again changes nothing; another person reads only their own
        me.document(SET)
                .variable(
                        "input",
                        Map.of("email", "hanako@example.jp", "language", "EN", "optOuts", List.of("MONTHLY_DIGEST")))
                .execute()
                .path("setMyContactPreferences.errors")
                .entityList(Object.class)
                .hasSize(0);
        assertThat(eventsOf("person-contact:" + person)).hasSize(1);
        asUser(unique("taro"), null)
                .document(READ)
                .execute()
                .path("myContactPreferences.email")
                .valueIsNull();
    }

    @Test
    void anAddressThatIsNotOneIsRefusedNamingTheFieldAndChangesNothing() {
        String person = unique("jiro");
        HttpGraphQlTester me = asUser(person, null);
        for (String bad : List.of("", "jiro", "jiro@", "jiro@example", "a b@example.jp", "@example.jp")) {
            payloadError(
                    me.document(SET).variable("input", Map.of("email", bad)).execute(),
                    "setMyContactPreferences",
                    "INVALID_EMAIL");
        }
        me.document(SET)
                .variable("input", Map.of("email", "jiro"))
                .execute()
                .path("setMyContactPreferences.errors[0].message")
                .entity(String.class)
                .satisfies(m -> assertThat(m).contains("email").contains("name@example.jp"));
        assertThat(eventsOf("person-contact:" + person)).isEmpty();
    }
}
