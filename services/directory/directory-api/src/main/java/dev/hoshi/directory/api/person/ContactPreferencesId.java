package dev.hoshi.directory.api.person;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.hoshi.kernel.id.UserId;

/** The id of a person's contact preferences: {@code person-contact:<user>} (aggregate ids are global). */
public record ContactPreferencesId(UserId person) {

    private static final String PREFIX = "person-contact:";

    public static ContactPreferencesId of(UserId person) {
        return new ContactPreferencesId(person);
    }

    @JsonCreator
    public static ContactPreferencesId parse(String value) {
        if (value == null || !value.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a contact preferences id: " + value);
        }
        return new ContactPreferencesId(UserId.of(value.substring(PREFIX.length())));
    }

    @JsonValue
    @Override
    public String toString() {
        return PREFIX + person;
    }
}
