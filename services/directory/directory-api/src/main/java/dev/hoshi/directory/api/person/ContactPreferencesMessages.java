package dev.hoshi.directory.api.person;

import dev.hoshi.kernel.context.PlatformScoped;
import dev.hoshi.kernel.id.UserId;
import dev.hoshi.kernel.personal.Personal;
import java.util.Set;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * How Hoshi reaches a person by e-mail: the address, the language and the kinds of mail they turned off. A person
 * sets their own, for every organisation they are in. The address is personal data: messages carry it only
 * encrypted with the person's own key ({@code pd2:…}, see {@code PersonalDataVault}), so erasing the key forgets it
 * everywhere while the events still load.
 */
public final class ContactPreferencesMessages {

    private ContactPreferencesMessages() {}

    /**
     * Sets the whole of a person's preferences; the same again changes nothing. {@code addressUnchanged}: the caller
     * saw the address on record equals this one, so the stored ciphertext is kept (ciphertexts differ each time)
     * unless the stream has none yet (a person whose preferences were under the old id).
     */
    @PlatformScoped
    public record SetContactPreferencesCommand(
            @TargetAggregateIdentifier ContactPreferencesId id,
            UserId person,
            String encryptedEmail,
            boolean addressUnchanged,
            NotificationLanguage language,
            Set<NotificationKind> optOuts) {

        public SetContactPreferencesCommand {
            optOuts = Set.copyOf(optOuts);
        }
    }

    /** The person's contact preferences are now these ({@code encryptedEmail} under their own key). */
    public record ContactPreferencesSetEvent(
            @Personal UserId person,
            String encryptedEmail,
            NotificationLanguage language,
            Set<NotificationKind> optOuts) {

        public ContactPreferencesSetEvent {
            optOuts = Set.copyOf(optOuts);
        }
    }

    /** A person's preferences with the address readable; empty before the first setting or once forgotten. */
    public record FindContactPreferencesQuery(UserId person) {}

    public record ContactPreferencesView(String email, NotificationLanguage language, Set<NotificationKind> optOuts) {

        public ContactPreferencesView {
            optOuts = Set.copyOf(optOuts);
        }
    }
}
