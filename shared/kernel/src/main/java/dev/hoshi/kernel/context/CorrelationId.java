package dev.hoshi.kernel.context;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.UUID;

/** Ties together everything one request caused: the command, its events, and what handlers did in reaction. */
public record CorrelationId(String value) {

    public CorrelationId {
        if (value == null || value.isBlank() || value.length() > 128) {
            throw new IllegalArgumentException("a correlation id is 1-128 characters, but was: " + value);
        }
    }

    @JsonCreator
    public static CorrelationId of(String value) {
        return new CorrelationId(value);
    }

    public static CorrelationId random() {
        return new CorrelationId(UUID.randomUUID().toString());
    }

    @JsonValue
    @Override
    public String toString() {
        return value;
    }
}
