package dev.hoshi.insights.digest;

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
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Where an analyst's digest goes, from directory's {@code ContactPreferencesSetEvent}: {@code digest_contacts/<user>}
 * keeps the address still encrypted under the person's key, the language, and whether the person turned the monthly
 * digest off (the only kind insights sends). The address is decrypted only when a mail is sent, so a forgotten person
 * (key erased) gets none.
 */
@Component
@ProcessingGroup("insights-digest-contacts")
class DigestContacts {

    /** A readable address and the language to write in; {@code digestOff} when the person turned digests off. */
    record Contact(String email, NotificationLanguage language, boolean digestOff) {}

    private final MongoCollection<Document> contacts;
    private final PersonalDataVault vault;
    private final ReadModelErasure erasure;
    private final DigestOutbox outbox;
    private final Clock clock;

    DigestContacts(
            @Qualifier("serviceDatabase") MongoDatabase db,
            PersonalDataVault vault,
            ReadModelErasure erasure,
            DigestOutbox outbox,
            Clock clock) {
        this.contacts = db.getCollection("digest_contacts");
        this.vault = vault;
        this.erasure = erasure;
        this.outbox = outbox;
        this.clock = clock;
    }

    @EventHandler
    void on(ContactPreferencesSetEvent event) {
        Document contact = new Document("_id", event.person().toString())
                .append("sealedEmail", event.encryptedEmail())
                .append("language", event.language().name())
                .append("digestOff", event.optOuts().contains(NotificationKind.MONTHLY_DIGEST));
        contacts.replaceOne(new Document("_id", contact.getString("_id")), contact, new ReplaceOptions().upsert(true));
    }

    /**
     * An erased person's user id reads as erased here too (as it does when rebuilt from the events), and in the
     * digests' outbox, where a digest still queued for them is not sent.
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
        return Optional.ofNullable(contacts.find(new Document("_id", person)).first())
                .flatMap(doc -> vault.decrypt(UserId.of(person), doc.getString("sealedEmail"))
                        .map(email -> new Contact(
                                email,
                                NotificationLanguage.valueOf(doc.getString("language")),
                                doc.getBoolean("digestOff", false))));
    }
}
