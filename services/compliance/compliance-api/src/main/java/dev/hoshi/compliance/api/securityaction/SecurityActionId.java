package dev.hoshi.compliance.api.securityaction;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.hoshi.kernel.id.TenantId;

/**
 * The id of an organisation's SECURITY ACTION record: {@code security-action:<tenant>}. Aggregate ids are global in
 * the shared event store, so an aggregate keyed by a tenant carries its kind in its id.
 */
public record SecurityActionId(TenantId tenant) {

    private static final String PREFIX = "security-action:";

    public static SecurityActionId of(TenantId tenant) {
        return new SecurityActionId(tenant);
    }

    @JsonCreator
    public static SecurityActionId parse(String value) {
        if (value == null || !value.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a SECURITY ACTION id: " + value);
        }
        return new SecurityActionId(TenantId.of(value.substring(PREFIX.length())));
    }

    @JsonValue
    @Override
    public String toString() {
        return PREFIX + tenant;
    }
}
