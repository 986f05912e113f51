package dev.hoshi.compliance.reminder;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import dev.hoshi.directory.api.person.ContactPreferencesMessages.ContactPreferencesSetEvent;
import dev.hoshi.directory.api.person.ErasureEvents.PersonErasedEvent;
import dev.hoshi.directory.api.person.NotificationKind;
import dev.hoshi.directory.api.person.NotificationLanguage;
import dev.hoshi.kernel.id.UserId;
import dev.hoshi.platform.personal.PersonalDataVault;
import dev.hoshi.platform.personal.ReadModelErasure;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * How to reach each person, from directory's {@code ContactPreferencesSetEvent}: {@code reminder_contacts/<user>}
 * with the address still encrypted under the person's key; it is decrypted only when a mail is sent, so a
 * forgotten person (key erased) gets none.
 */
@Component
@ProcessingGroup("compliance-reminder-contacts")
class ReminderContacts {

    /** A person's address (readable), language and opt-outs. */
    record Contact(String email, NotificationLanguage language, Set<NotificationKind> optOuts) {}

    private final MongoCollection<Document> contacts;
    private final PersonalDataVault vault;
    private final ReadModelErasure erasure;
    private final ReminderOutbox outbox;
    private final Clock clock;

    ReminderContacts(
            @Qualifier("serviceDatabase") MongoDatabase db,
            PersonalDataVault vault,
            ReadModelErasure erasure,
            ReminderOutbox outbox,
            Clock clock) {
        this.contacts = db.getCollection("reminder_contacts");
        this.vault = vault;
        this.erasure = erasure;
        this.outbox = outbox;
        this.clock = clock;
    }

    @EventHandler
    void on(ContactPreferencesSetEvent event) {
        String id = event.person().toString();
        contacts.replaceOne(
                new Document("_id", id),
                new Document("_id", id)
                        .append("email", event.encryptedEmail())
                        .append("language", event.language().name())
                        .append(
                                "optOuts",
                                event.optOuts().stream()
                                        .map(Enum::name)
                                        .sorted()
                                        .toList()),
                new ReplaceOptions().upsert(true));
    }

    /**
     * An erased person's user id reads as erased here too (as it does when rebuilt from the events), and in the
     * reminders' outbox, where a reminder still queued for them is not sent.
     */
    @EventHandler
    void on(PersonErasedEvent event) {
        erasure.replace(contacts, Set.of("_id"), event.subjectDigest(), event.keyId(), event.erasedAs());
        outbox.erase(user -> vault.isSubject(user, event.subjectDigest()), event.erasedAs(), clock.instant());
    }

    @ResetHandler
    void reset() {
        contacts.deleteMany(new Document());
    }

    /** The person's contact, if they gave an address that can still be read. */
    Optional<Contact> of(String person) {
        Document doc = contacts.find(new Document("_id", person)).first();
        if (doc == null) {
            return Optional.empty();
        }
        return vault.decrypt(UserId.of(person), doc.getString("email"))
                .map(email -> new Contact(
                        email,
                        NotificationLanguage.valueOf(doc.getString("language")),
                        doc.getList("optOuts", String.class).stream()
                                .map(NotificationKind::valueOf)
                                .collect(Collectors.toSet())));
    }
}
