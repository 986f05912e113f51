package dev.hoshi.directory.person.graphql;

import dev.hoshi.directory.api.person.ContactPreferencesId;
import dev.hoshi.directory.api.person.ContactPreferencesMessages.ContactPreferencesView;
import dev.hoshi.directory.api.person.ContactPreferencesMessages.FindContactPreferencesQuery;
import dev.hoshi.directory.api.person.ContactPreferencesMessages.SetContactPreferencesCommand;
import dev.hoshi.directory.api.person.NotificationKind;
import dev.hoshi.directory.api.person.NotificationLanguage;
import dev.hoshi.kernel.context.Actor;
import dev.hoshi.kernel.error.ErrorKind;
import dev.hoshi.kernel.error.HoshiException;
import dev.hoshi.kernel.id.UserId;
import dev.hoshi.platform.graphql.Inputs;
import dev.hoshi.platform.graphql.Mutations;
import dev.hoshi.platform.graphql.UserError;
import dev.hoshi.platform.personal.PersonalDataVault;
import dev.hoshi.platform.security.Caller;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** A person's own contact preferences: only the person reads and sets them (no organisation needs choosing). */
@Controller
class ContactPreferencesController {

    /** Deliberately plain: one @, no spaces, a dot in the domain; the SMTP server has the last word. */
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+");

    record SetMyContactPreferencesInput(String email, NotificationLanguage language, List<NotificationKind> optOuts) {}

    record SetMyContactPreferencesPayload(ContactPreferencesView contactPreferences, List<UserError> errors) {}

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final PersonalDataVault vault;

    ContactPreferencesController(CommandGateway commands, QueryGateway queries, PersonalDataVault vault) {
        this.commands = commands;
        this.queries = queries;
        this.vault = vault;
    }

    /** The caller's preferences; before they set any, no address, Japanese, nothing turned off. */
    @QueryMapping
    ContactPreferencesView myContactPreferences() {
        return current(person()).orElse(new ContactPreferencesView(null, NotificationLanguage.JA, Set.of()));
    }

    @MutationMapping
    SetMyContactPreferencesPayload setMyContactPreferences(@Argument SetMyContactPreferencesInput input) {
        UserId person = person();
        Mutations.Outcome<ContactPreferencesView> outcome = Mutations.attempt(() -> {
            String email = Inputs.parse(
                    "email",
                    input.email(),
                    ContactPreferencesController::email,
                    "an e-mail address such as name@example.jp",
                    "name@example.jp のようなメールアドレス");
            NotificationLanguage language = input.language() == null ? NotificationLanguage.JA : input.language();
            Set<NotificationKind> optOuts = input.optOuts() == null ? Set.of() : Set.copyOf(input.optOuts());
            boolean sameAddress =
                    current(person).map(c -> email.equals(c.email())).orElse(false);
            commands.sendAndWait(new SetContactPreferencesCommand(
                    new ContactPreferencesId(vault.pseudonym(ContactPreferencesId.USE, person)),
                    person,
                    vault.encrypt(person, email),
                    sameAddress,
                    language,
                    optOuts));
            return new ContactPreferencesView(email, language, optOuts);
        });
        return new SetMyContactPreferencesPayload(outcome.value(), outcome.errors());
    }

    private static String email(String value) {
        String email = value == null ? "" : value.strip();
        if (email.length() > 254 || !EMAIL.matcher(email).matches()) {
            throw new IllegalArgumentException("not an e-mail address");
        }
        return email;
    }

    private Optional<ContactPreferencesView> current(UserId person) {
        return queries.query(
                        new FindContactPreferencesQuery(person),
                        ResponseTypes.optionalInstanceOf(ContactPreferencesView.class))
                .join();
    }

    private static UserId person() {
        Actor actor = Caller.actor();
        if (actor.kind() != Actor.Kind.USER) {
            throw new HoshiException(
                    "FORBIDDEN",
                    ErrorKind.FORBIDDEN,
                    "Only a person signed in has contact preferences.",
                    "連絡先の設定はサインインした本人だけが行えます。");
        }
        return UserId.of(actor.id());
    }
}
