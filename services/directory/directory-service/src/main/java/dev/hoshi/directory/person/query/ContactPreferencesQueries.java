package dev.hoshi.directory.person.query;

import dev.hoshi.directory.api.person.ContactPreferencesMessages.ContactPreferencesSetEvent;
import dev.hoshi.directory.api.person.ContactPreferencesMessages.ContactPreferencesView;
import dev.hoshi.directory.api.person.ContactPreferencesMessages.FindContactPreferencesQuery;
import dev.hoshi.platform.personal.PersonalDataVault;
import java.util.Optional;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/**
 * A person's preferences, read from their own event stream ({@link ContactPreferencesStreams}; a person changes
 * them rarely), so a read right after a change sees it, and no second copy of the address is kept in a read model.
 * The address is decrypted only to answer the person.
 */
@Component
class ContactPreferencesQueries {

    private final ContactPreferencesStreams streams;
    private final PersonalDataVault vault;

    ContactPreferencesQueries(ContactPreferencesStreams streams, PersonalDataVault vault) {
        this.streams = streams;
        this.vault = vault;
    }

    @QueryHandler
    Optional<ContactPreferencesView> handle(FindContactPreferencesQuery query) {
        return streams.latest(query.person()).flatMap(latest -> {
            ContactPreferencesSetEvent found = latest.event();
            return vault.decrypt(query.person(), found.encryptedEmail())
                    .map(email -> new ContactPreferencesView(email, found.language(), found.optOuts()));
        });
    }
}
