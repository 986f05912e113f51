package dev.hoshi.kernel.id;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** An SME organisation, the unit of tenancy. Every command, event, query and read-model document carries one. */
public record TenantId(String value) {

    public TenantId {
        Ids.requireValid("tenant id", value);
    }

    @JsonCreator
    public static TenantId of(String value) {
        return new TenantId(value);
    }

    public static TenantId random() {
        return new TenantId(Ids.random());
    }

    @JsonValue
    @Override
    public String toString() {
        return value;
    }
}
