package dev.hoshi.compliance.api.securityaction;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.UUID;

/** One submitted self-assessment sheet. */
public record AssessmentId(String value) {

    public AssessmentId {
        if (value == null || !value.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("not an assessment id: " + value);
        }
    }

    @JsonCreator
    public static AssessmentId of(String value) {
        return new AssessmentId(value);
    }

    public static AssessmentId random() {
        return new AssessmentId(UUID.randomUUID().toString());
    }

    @JsonValue
    @Override
    public String toString() {
        return value;
    }
}
