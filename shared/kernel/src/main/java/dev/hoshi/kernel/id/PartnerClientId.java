package dev.hoshi.kernel.id;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A partner portal (bank, prime contractor, insurer) that queries attestations with an API key. */
public record PartnerClientId(String value) {

    public PartnerClientId {
        Ids.requireValid("partner client id", value);
    }

    @JsonCreator
    public static PartnerClientId of(String value) {
        return new PartnerClientId(value);
    }

    public static PartnerClientId random() {
        return new PartnerClientId(Ids.random());
    }

    @JsonValue
    @Override
    public String toString() {
        return value;
    }
}
