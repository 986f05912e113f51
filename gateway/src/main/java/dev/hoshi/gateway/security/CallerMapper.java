package dev.hoshi.gateway.security;

import dev.hoshi.kernel.id.PartnerClientId;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.stereotype.Component;

/**
 * Turns a verified external token into a {@link Caller}: {@code sub} is the subject, {@code name} (else
 * {@code preferred_username}) the display name, and the roles are those its issuer states
 * ({@link TrustedIssuer#roles}) plus {@code platform_operator} for the subjects listed in
 * {@code hoshi.gateway.operators}. A token's own {@code roles} claim counts only where its issuer says so.
 */
@Component
class CallerMapper {

    static final String PLATFORM_OPERATOR = "platform_operator";

    private final Set<String> operators;

    CallerMapper(GatewaySecurityProperties properties) {
        this.operators = Set.copyOf(properties.operators());
    }

    /**
     * @param issuer the issuer that verified the token: whether it may prove partner clients
     *     ({@link TrustedIssuer#mayIssuePartnerClients}) and which roles it states
     * @throws InvalidBearerTokenException if the token cannot name a caller
     */
    Caller toCaller(Jwt jwt, TrustedIssuer issuer) {
        boolean partnersAllowed = issuer.mayIssuePartnerClients();
        String subject = jwt.getSubject();
        if (subject == null || subject.isBlank()) {
            throw new InvalidBearerTokenException("the token has no subject (sub)");
        }
        SortedSet<String> roles = new TreeSet<>(issuer.roles(jwt));
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
}
