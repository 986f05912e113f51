package dev.hoshi.compliance.api.risk;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.hoshi.kernel.id.TenantId;

/** The id of an organisation's risk register (付録7): {@code risk-register:<tenant>}. */
public record RiskRegisterId(TenantId tenant) {

    private static final String PREFIX = "risk-register:";

    public static RiskRegisterId of(TenantId tenant) {
        return new RiskRegisterId(tenant);
    }

    @JsonCreator
    public static RiskRegisterId parse(String value) {
        if (value == null || !value.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a risk register id: " + value);
        }
        return new RiskRegisterId(TenantId.of(value.substring(PREFIX.length())));
    }

    @JsonValue
    @Override
    public String toString() {
        return PREFIX + tenant;
    }
}
