package dev.hoshi.compliance.api.control;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.hoshi.kernel.id.TenantId;

/** The id of an organisation's control plan: {@code control-plan:<tenant>}. */
public record ControlPlanId(TenantId tenant) {

    private static final String PREFIX = "control-plan:";

    public static ControlPlanId of(TenantId tenant) {
        return new ControlPlanId(tenant);
    }

    @JsonCreator
    public static ControlPlanId parse(String value) {
        if (value == null || !value.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a control plan id: " + value);
        }
        return new ControlPlanId(TenantId.of(value.substring(PREFIX.length())));
    }

    @JsonValue
    @Override
    public String toString() {
        return PREFIX + tenant;
    }
}
