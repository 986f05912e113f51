package dev.hoshi.kernel.id;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** An industry association, chamber of commerce, IT vendor or financial institution that supports its members. */
public record SupportOrganizationId(String value) {

    public SupportOrganizationId {
        Ids.requireValid("support organisation id", value);
    }

    @JsonCreator
    public static SupportOrganizationId of(String value) {
        return new SupportOrganizationId(value);
    }

    public static SupportOrganizationId random() {
        return new SupportOrganizationId(Ids.random());
    }

    @JsonValue
    @Override
    public String toString() {
        return value;
    }
}
