package dev.hoshi.gateway.security;

import dev.hoshi.kernel.id.PartnerClientId;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.stereotype.Component;

/**
 * Turns a verified external token into a {@link Caller}: {@code sub} is the subject, {@code name} (else
 * {@code preferred_username}) the display name, and the roles are the token's {@code roles} claim plus
 * {@code platform_operator} for the subjects listed in {@code hoshi.gateway.operators}.
 */
@Component
class CallerMapper {

    static final String PLATFORM_OPERATOR = "platform_operator";

    private final Set<String> operators;

    CallerMapper(GatewaySecurityProperties properties) {
        this.operators = Set.copyOf(properties.operators());
    }

    /**
     * @param partnersAllowed whether the issuer may prove partner clients ({@link TrustedIssuer#mayIssuePartnerClients})
     * @throws InvalidBearerTokenException if the token cannot name a caller
     */
    Caller toCaller(Jwt jwt, boolean partnersAllowed) {
        String subject = jwt.getSubject();
        if (subject == null || subject.isBlank()) {
            throw new InvalidBearerTokenException("the token has no subject (sub)");
        }
        SortedSet<String> roles = roles(jwt.getClaims().get("roles"));
        if (operators.contains(subject)) {
            roles.add(PLATFORM_OPERATOR);
        }
        Optional<String> name = Optional.ofNullable(jwt.getClaimAsString("name"))
                .or(() -> Optional.ofNullable(jwt.getClaimAsString("preferred_username")))
                .filter(s -> !s.isBlank());
        if (!subject.startsWith(Caller.PARTNER_PREFIX)) {
            return Caller.user(subject, roles, name);
        }
        if (!partnersAllowed) {
            throw new InvalidBearerTokenException(
                    "the subject prefix '" + Caller.PARTNER_PREFIX + "' is reserved for partner clients");
        }
        String clientId = subject.substring(Caller.PARTNER_PREFIX.length());
        try {
            PartnerClientId.of(clientId);
        } catch (IllegalArgumentException e) {
            throw new InvalidBearerTokenException("the token's partner client id is not valid");
        }
        return Caller.partnerClient(clientId, roles, name);
    }

    /** A list of strings, or one string of space- or comma-separated roles; anything else counts as none. */
    private static SortedSet<String> roles(Object claim) {
        SortedSet<String> roles = new TreeSet<>();
        if (claim instanceof Collection<?> values) {
            values.stream()
                    .filter(String.class::isInstance)
                    .map(v -> ((String) v).trim())
                    .filter(v -> !v.isEmpty())
                    .forEach(roles::add);
        } else if (claim instanceof String value) {
            for (String role : value.split("[\\s,]+")) {
                if (!role.isEmpty()) {
                    roles.add(role);
                }
            }
        }
        return roles;
    }
}
