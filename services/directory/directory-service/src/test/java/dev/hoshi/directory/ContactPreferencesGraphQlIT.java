package dev.hoshi.directory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoshi.directory.api.person.ContactPreferencesId;
import dev.hoshi.directory.api.person.ContactPreferencesMessages.ContactPreferencesSetEvent;
import dev.hoshi.directory.api.person.NotificationLanguage;
import dev.hoshi.kernel.context.Actor;
import dev.hoshi.kernel.context.CurrentContext;
import dev.hoshi.kernel.context.RequestContext;
import dev.hoshi.kernel.id.UserId;
import dev.hoshi.platform.personal.PersonalDataVault;
import dev.hoshi.testsupport.personal.RawGrep;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

class ContactPreferencesGraphQlIT extends DirectoryIT {

    private static final String SET = "mutation($input: SetMyContactPreferencesInput!) {"
            + " setMyContactPreferences(input: $input) { contactPreferences { email language optOuts }"
            + " errors { code field message messageJa } } }";
    private static final String READ = "{ myContactPreferences { email language optOuts } }";

    @Autowired
    PersonalDataVault vault;

    @Autowired
    EventStore eventStore;

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
        List<String> stored = payloadsOf(contactId(person), "ContactPreferencesMessages$ContactPreferencesSetEvent");
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0)).doesNotContain("hanako@example.jp").contains("pd2:");
        assertThat(contactId(person)).matches("contact:[0-9a-f]{64}");
        assertThat(new RawGrep(mongo).hits(person))
                .as("the stream's id (every event's and snapshot's aggregate id) is a pseudonym, not the user id")
                .isEmpty();

        // the same again changes nothing; another person reads only their own
        me.document(SET)
                .variable(
                        "input",
                        Map.of("email", "hanako@example.jp", "language", "EN", "optOuts", List.of("MONTHLY_DIGEST")))
                .execute()
                .path("setMyContactPreferences.errors")
                .entityList(Object.class)
                .hasSize(0);
        assertThat(eventsOf(contactId(person))).hasSize(1);
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
        assertThat(eventsOf(contactId(person))).isEmpty();
    }

    @Test
    void preferencesSetUnderTheOldIdStillReadAndTheNextSettingMovesToThePseudonym() {
        String person = unique("saburo");
        UserId id = UserId.of(person);
        CurrentContext.runWith(
                RequestContext.withoutTenant(Actor.user(person)),
                () -> eventStore.publish(new GenericDomainEventMessage<>(
                        "ContactPreferences",
                        ContactPreferencesId.legacy(id),
                        0,
                        new ContactPreferencesSetEvent(
                                id, vault.encrypt(id, "saburo@example.jp"), NotificationLanguage.EN, Set.of()))));
        HttpGraphQlTester me = asUser(person, null);
        me.document(READ)
                .execute()
                .path("myContactPreferences.email")
                .entity(String.class)
                .isEqualTo("saburo@example.jp");

        // the same address with another language: the new stream starts with the address, the old one is left
        me.document(SET)
                .variable("input", Map.of("email", "saburo@example.jp", "language", "JA"))
                .execute()
                .path("setMyContactPreferences.errors")
                .entityList(Object.class)
                .hasSize(0);
        assertThat(eventsOf(contactId(person))).hasSize(1);
        assertThat(eventsOf(ContactPreferencesId.legacy(id))).hasSize(1);
        me.document(READ)
                .execute()
                .path("myContactPreferences.email")
                .entity(String.class)
                .isEqualTo("saburo@example.jp")
                .path("myContactPreferences.language")
                .entity(String.class)
                .isEqualTo("JA");
    }

    private String contactId(String person) {
        return "contact:" + vault.pseudonym(ContactPreferencesId.USE, UserId.of(person));
    }
}
