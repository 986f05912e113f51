package dev.hoshi.testsupport.authz;

import dev.hoshi.testsupport.InternalTokens;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How a persona calls a service: the claims of the gateway's internal token (docs/gateway.md), or no token at all. A
 * fresh token is minted for every request, so a long matrix never runs into an expired one.
 *
 * @param subject {@code sub}; the OIDC subject of a person, {@code partner:<id>} for a partner client
 * @param actor {@code actor}: {@code USER:<sub>} or {@code PARTNER_CLIENT:<id>}
 * @param organization {@code org}, the organisation chosen for the request; null for none
 * @param roles {@code roles}, e.g. {@code platform_operator}
 */
public record Credential(String subject, String actor, String organization, List<String> roles) {

    private static final Credential ANONYMOUS = new Credential(null, null, null, List.of());

    public Credential {
        roles = List.copyOf(roles);
    }

    /** A person acting for {@code organization} (may be null) with {@code roles}. */
    public static Credential user(String subject, String organization, String... roles) {
        return new Credential(subject, "USER:" + subject, organization, List.of(roles));
    }

    /** A partner client, as the gateway will vouch for one signed in with its API key. */
    public static Credential partnerClient(String clientId) {
        return new Credential("partner:" + clientId, "PARTNER_CLIENT:" + clientId, null, List.of());
    }

    /** A platform operator (the gateway's {@code platform_operator} role), acting for no organisation. */
    public static Credential operator(String subject) {
        return user(subject, null, "platform_operator");
    }

    /** No Authorization header. */
    public static Credential anonymous() {
        return ANONYMOUS;
    }

    public boolean isAnonymous() {
        return subject == null;
    }

    /** The bearer token to send, minted now with the shared test key; empty for anonymous. */
    public Optional<String> freshToken() {
        if (isAnonymous()) {
            return Optional.empty();
        }
        return Optional.of(InternalTokens.shared()
                .token(subject, actor, organization, roles, InternalTokens.ISSUER, Duration.ofSeconds(60)));
    }

    @Override
    public String toString() {
        if (isAnonymous()) {
            return "anonymous";
        }
        return actor + (organization == null ? "" : " org=" + organization) + (roles.isEmpty() ? "" : " " + roles);
    }
}
