package dev.hoshi.directory.api.person;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.hoshi.kernel.id.UserId;
import java.util.regex.Pattern;

/**
 * The id of a person's contact preferences: {@code contact:<pseudonym>}, the vault's keyed digest of the person for
 * this use ({@code PersonalDataVault#pseudonym(USE, person)}), so the event store's aggregate ids name no one (aggregate
 * ids are global and never sealed). Streams written before under {@code person-contact:<user>} ({@link #legacy}) are
 * still read, never written to.
 */
public record ContactPreferencesId(String pseudonym) {

    /** What the pseudonym is for (the vault digests the person under this name). */
    public static final String USE = "contact-preferences";

    private static final String PREFIX = "contact:";
    private static final String LEGACY_PREFIX = "person-contact:";
    private static final Pattern DIGEST = Pattern.compile("[0-9a-f]{64}");

    public ContactPreferencesId {
        if (pseudonym == null || !DIGEST.matcher(pseudonym).matches()) {
            throw new IllegalArgumentException("not a contact preferences pseudonym: " + pseudonym);
        }
    }

    @JsonCreator
    public static ContactPreferencesId parse(String value) {
        if (value == null || !value.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a contact preferences id: " + value);
        }
        return new ContactPreferencesId(value.substring(PREFIX.length()));
    }

    /** The aggregate id the person's preferences had before ({@code person-contact:<user>}): read, never written. */
    public static String legacy(UserId person) {
        return LEGACY_PREFIX + person;
    }

    @JsonValue
    @Override
    public String toString() {
        return PREFIX + pseudonym;
    }
}
