package dev.hoshi.compliance.api.management;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.hoshi.kernel.id.TenantId;

/** The id of an organisation's management checklist (経営者編): {@code management:<tenant>}. */
public record ManagementChecklistId(TenantId tenant) {

    private static final String PREFIX = "management:";

    public static ManagementChecklistId of(TenantId tenant) {
        return new ManagementChecklistId(tenant);
    }

    @JsonCreator
    public static ManagementChecklistId parse(String value) {
        if (value == null || !value.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a management checklist id: " + value);
        }
        return new ManagementChecklistId(TenantId.of(value.substring(PREFIX.length())));
    }

    @JsonValue
    @Override
    public String toString() {
        return PREFIX + tenant;
    }
}
