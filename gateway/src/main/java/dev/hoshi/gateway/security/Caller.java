package dev.hoshi.gateway.security;

import dev.hoshi.kernel.context.Actor;
import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Who is calling, as the gateway proved it: the subject the internal token carries, the kernel {@link Actor}, the
 * platform roles and a display name if known. What the caller may do inside an organisation is not here: the services
 * decide that from directory events.
 *
 * @param subject {@code sub} of the internal token; {@code partner:<clientId>} for a partner client
 * @param actor {@code USER:<subject>} or {@code PARTNER_CLIENT:<clientId>}
 * @param roles platform roles such as {@code platform_operator}, sorted; may be empty
 * @param name display name, if the credential had one
 */
public record Caller(String subject, Actor actor, SortedSet<String> roles, Optional<String> name) {

    /** The subject prefix that marks a partner client. */
    public static final String PARTNER_PREFIX = "partner:";

    public Caller {
        if (subject == null || subject.isBlank()) {
            throw new IllegalArgumentException("a caller needs a subject");
        }
        Objects.requireNonNull(actor, "actor");
        roles = Collections.unmodifiableSortedSet(new TreeSet<>(roles));
        Objects.requireNonNull(name, "name (use Optional.empty())");
    }

    /** A person, for example signed in through OIDC. */
    public static Caller user(String subject, SortedSet<String> roles, Optional<String> name) {
        return new Caller(subject, Actor.user(subject), roles, name);
    }

    /** A partner client: subject {@code partner:<clientId>}, actor {@code PARTNER_CLIENT:<clientId>}. */
    public static Caller partnerClient(String clientId, SortedSet<String> roles, Optional<String> name) {
        return new Caller(PARTNER_PREFIX + clientId, Actor.partnerClient(clientId), roles, name);
    }
}
