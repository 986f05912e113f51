package dev.hoshi.gateway.security;

import java.util.Set;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * An issuer whose bearer JWTs the gateway accepts. Each bean of this type adds one entry to the issuer-based
 * {@code ReactiveAuthenticationManagerResolver}: a token is routed to the issuer named by its unverified {@code iss},
 * then verified by that issuer's {@link #decoder()}. A token whose {@code iss} no bean claims is refused.
 */
public interface TrustedIssuer {

    /** The exact {@code iss} value of this issuer's tokens. */
    String issuer();

    /** Verifies a token from this issuer: signature, expiry, issuer and any audience it requires. */
    ReactiveJwtDecoder decoder();

    /**
     * The checks {@link #decoder()} runs after the signature ({@code exp}, {@code iss}, any audience): the gateway runs
     * them again on every use of a token whose signature it verified earlier ({@code VerifiedUserTokens}).
     */
    OAuth2TokenValidator<Jwt> validator();

    /**
     * Whether a {@code sub} of {@code partner:<clientId>} from this issuer proves a partner client. Only issuers Hoshi
     * controls may say so; for anyone else such a subject is refused, so a person cannot pose as a partner.
     */
    default boolean mayIssuePartnerClients() {
        return false;
    }

    /**
     * The Hoshi roles this issuer states for a verified token's caller. None by default: a claim such as {@code roles}
     * means whatever the issuer meant for whichever application it issued the token to, so only an issuer Hoshi
     * controls, or a claim mapped in configuration, may grant a role.
     */
    default Set<String> roles(Jwt jwt) {
        return Set.of();
    }
}
