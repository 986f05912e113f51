package dev.hoshi.compliance.api.incident;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.hoshi.kernel.id.TenantId;

/** The id of an organisation's incident playbook (付録8): contacts and incidents: {@code incidents:<tenant>}. */
public record IncidentPlaybookId(TenantId tenant) {

    private static final String PREFIX = "incidents:";

    public static IncidentPlaybookId of(TenantId tenant) {
        return new IncidentPlaybookId(tenant);
    }

    @JsonCreator
    public static IncidentPlaybookId parse(String value) {
        if (value == null || !value.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not an incident playbook id: " + value);
        }
        return new IncidentPlaybookId(TenantId.of(value.substring(PREFIX.length())));
    }

    @JsonValue
    @Override
    public String toString() {
        return PREFIX + tenant;
    }
}
