package dev.hoshi.kernel.id;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A person, as identified by the sign-in provider (the OIDC subject). */
public record UserId(String value) {

    public UserId {
        Ids.requireValid("user id", value);
    }

    @JsonCreator
    public static UserId of(String value) {
        return new UserId(value);
    }

    public static UserId random() {
        return new UserId(Ids.random());
    }

    @JsonValue
    @Override
    public String toString() {
        return value;
    }
}
