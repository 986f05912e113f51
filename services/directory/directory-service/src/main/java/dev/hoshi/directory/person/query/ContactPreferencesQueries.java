package dev.hoshi.directory.person.query;

import dev.hoshi.directory.api.person.ContactPreferencesId;
import dev.hoshi.directory.api.person.ContactPreferencesMessages.ContactPreferencesSetEvent;
import dev.hoshi.directory.api.person.ContactPreferencesMessages.ContactPreferencesView;
import dev.hoshi.directory.api.person.ContactPreferencesMessages.FindContactPreferencesQuery;
import dev.hoshi.platform.personal.PersonalDataVault;
import java.util.Optional;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/**
 * A person's preferences, read from their own event stream (point look-ups by aggregate id; a person changes them
 * rarely), so a read right after a change sees it, and no second copy of the address is kept in a read model. The
 * stream's id is the vault's pseudonym of the person ({@link ContactPreferencesId}); a person who set preferences
 * before has them under the old id {@code person-contact:<user>}, read (never written) until they set them again.
 * The address is decrypted only to answer the person.
 */
@Component
class ContactPreferencesQueries {

    private final EventStore eventStore;
    private final PersonalDataVault vault;

    ContactPreferencesQueries(EventStore eventStore, PersonalDataVault vault) {
        this.eventStore = eventStore;
        this.vault = vault;
    }

    @QueryHandler
    Optional<ContactPreferencesView> handle(FindContactPreferencesQuery query) {
        String id = new ContactPreferencesId(vault.pseudonym(ContactPreferencesId.USE, query.person())).toString();
        return latestOf(id)
                .or(() -> latestOf(ContactPreferencesId.legacy(query.person())))
                .flatMap(found -> vault.decrypt(query.person(), found.encryptedEmail())
                        .map(email -> new ContactPreferencesView(email, found.language(), found.optOuts())));
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
