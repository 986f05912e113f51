package dev.hoshi.kernel.context;

import java.util.Objects;

/**
 * Who did something: a person, a partner client or Hoshi itself. Stored in every event's metadata as {@code
 * kind:id}, so the audit trail can always say who acted.
 */
public record Actor(Kind kind, String id) {

    public enum Kind {
        /** A person signed in through OIDC (or a demo persona). */
        USER,
        /** A partner portal calling with its API key. */
        PARTNER_CLIENT,
        /** Hoshi itself: schedulers, seeding, projections reacting to events. */
        SYSTEM
    }

    public static final Actor SYSTEM = new Actor(Kind.SYSTEM, "hoshi");

    public Actor {
        Objects.requireNonNull(kind, "kind");
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("an actor needs an id");
        }
    }

    public static Actor user(String subject) {
        return new Actor(Kind.USER, subject);
    }

    public static Actor partnerClient(String clientId) {
        return new Actor(Kind.PARTNER_CLIENT, clientId);
    }

    /** Parses the {@link #toString()} form, {@code kind:id}. */
    public static Actor parse(String text) {
        int colon = text == null ? -1 : text.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("an actor is written kind:id, but was: " + text);
        }
        return new Actor(Kind.valueOf(text.substring(0, colon)), text.substring(colon + 1));
    }

    @Override
    public String toString() {
        return kind + ":" + id;
    }
}
