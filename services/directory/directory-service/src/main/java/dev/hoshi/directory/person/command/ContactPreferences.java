package dev.hoshi.directory.person.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import dev.hoshi.directory.api.person.ContactPreferencesId;
import dev.hoshi.directory.api.person.ContactPreferencesMessages.ContactPreferencesSetEvent;
import dev.hoshi.directory.api.person.ContactPreferencesMessages.SetContactPreferencesCommand;
import dev.hoshi.directory.api.person.NotificationKind;
import dev.hoshi.directory.api.person.NotificationLanguage;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.SourceId;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * How Hoshi reaches one person by e-mail (連絡先). Created by the person's first setting. The address is held only
 * as the vault's ciphertext, which differs on every encryption, so a repeat of the same address is recognised by
 * the caller comparing plain values: the command says whether the address is unchanged, and the stored ciphertext is
 * then kept (unless this stream has none: the person's first setting under the pseudonymous id).
 */
@Aggregate
@JsonAutoDetect(
        fieldVisibility = Visibility.ANY,
        getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE)
class ContactPreferences {

    @AggregateIdentifier
    private ContactPreferencesId id;

    private String encryptedEmail;
    private NotificationLanguage language;
    private Set<NotificationKind> optOuts = new HashSet<>();

    protected ContactPreferences() {}

    /** The whole preferences; an unchanged address keeps the ciphertext on record. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(SetContactPreferencesCommand command) {
        String email = command.addressUnchanged() && encryptedEmail != null ? encryptedEmail : command.encryptedEmail();
        if (email == null) {
            throw new IllegalArgumentException("the first setting needs an address");
        }
        if (id != null
                && Objects.equals(email, encryptedEmail)
                && command.language() == language
                && command.optOuts().equals(optOuts)) {
            return;
        }
        if (id == null) {
            id = command.id(); // a new stream: its events carry the id from the first
        }
        apply(new ContactPreferencesSetEvent(command.person(), email, command.language(), command.optOuts()));
    }

    /** The id is the stream's own (a pseudonym of the person; the event names them only sealed). */
    @EventSourcingHandler
    void on(ContactPreferencesSetEvent event, @SourceId String aggregateId) {
        if (aggregateId != null) {
            id = ContactPreferencesId.parse(aggregateId);
        }
        encryptedEmail = event.encryptedEmail();
        language = event.language();
        optOuts = new HashSet<>(event.optOuts());
    }
}
