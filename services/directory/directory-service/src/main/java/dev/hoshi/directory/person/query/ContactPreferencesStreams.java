package dev.hoshi.directory.person.query;

import dev.hoshi.directory.api.person.ContactPreferencesId;
import dev.hoshi.directory.api.person.ContactPreferencesMessages.ContactPreferencesSetEvent;
import dev.hoshi.kernel.id.UserId;
import dev.hoshi.platform.personal.PersonalDataVault;
import java.util.Optional;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * A person's contact-preferences stream: its id is the vault's pseudonym of the person ({@link ContactPreferencesId}),
 * so the event store names no one; a person who set preferences before has their stream under the old id {@code
 * person-contact:<user>}, read (never written) until they set them again (point look-ups by aggregate id).
 */
@Component
public class ContactPreferencesStreams {

    /** The latest setting, and whether it came from the old stream (the new one has none yet). */
    public record Latest(ContactPreferencesSetEvent event, boolean legacy) {}

    private final EventStore eventStore;
    private final PersonalDataVault vault;

    ContactPreferencesStreams(EventStore eventStore, PersonalDataVault vault) {
        this.eventStore = eventStore;
        this.vault = vault;
    }

    /** The id under which the person's preferences are written. */
    public ContactPreferencesId idOf(UserId person) {
        return new ContactPreferencesId(vault.pseudonym(ContactPreferencesId.USE, person));
    }

    /** The person's latest setting: from their stream, else from the old one; empty before any. */
    public Optional<Latest> latest(UserId person) {
        Optional<ContactPreferencesSetEvent> current = latestOf(idOf(person).toString());
        if (current.isPresent()) {
            return current.map(event -> new Latest(event, false));
        }
        return latestOf(ContactPreferencesId.legacy(person)).map(event -> new Latest(event, true));
    }

    private Optional<ContactPreferencesSetEvent> latestOf(String aggregateId) {
        DomainEventStream events = eventStore.readEvents(aggregateId);
        ContactPreferencesSetEvent latest = null;
        while (events.hasNext()) {
            if (events.next().getPayload() instanceof ContactPreferencesSetEvent set) {
                latest = set;
            }
        }
        return Optional.ofNullable(latest);
    }
}
