package dev.hoshi.directory.api.consent;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.UUID;
import java.util.regex.Pattern;

/** One consent grant of an organisation. Opaque; a random UUID unless given. */
public record ConsentGrantId(String value) {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._\\-]{0,127}");

    public ConsentGrantId {
        if (value == null || !SAFE.matcher(value).matches()) {
            throw new IllegalArgumentException("consent grant id must be 1-128 characters of letters, digits, '.',"
                    + " '_' or '-' and start with a letter or digit, but was: " + value);
        }
    }

    @JsonCreator
    public static ConsentGrantId of(String value) {
        return new ConsentGrantId(value);
    }

    public static ConsentGrantId random() {
        return new ConsentGrantId(UUID.randomUUID().toString());
    }

    @JsonValue
    @Override
    public String toString() {
        return value;
    }
}
