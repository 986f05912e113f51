package dev.hoshi.platform.security;

import dev.hoshi.kernel.cache.BoundedLru;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * A {@link JwtDecoder} that verifies each distinct token's signature once. The gateway reuses an internal token for
 * the same caller and organisation within its lifetime, so a service sees the same few token strings over and over;
 * a profile under load found parsing and verifying them ~13% of a service's CPU.
 *
 * <p>A token string whose signature the delegate verified is remembered with its decoded form, at most {@code
 * capacity} of them, least recently used first out. Every use, remembered or not, is validated again (expiry,
 * issuer, audience, actor), so a remembered token stops working the moment it expires, as before. What is not
 * checked again is the signature of that exact string, which cannot change; a key withdrawn from the gateway's key
 * set stops a remembered token only when it expires (internal tokens live minutes) or the service restarts.
 */
final class VerifiedTokens implements JwtDecoder {

    private final JwtDecoder delegate;
    private final OAuth2TokenValidator<Jwt> validator;
    private final BoundedLru<String, Jwt> verified;

    VerifiedTokens(JwtDecoder delegate, OAuth2TokenValidator<Jwt> validator, int capacity) {
        this.delegate = delegate;
        this.validator = validator;
        this.verified = new BoundedLru<>(capacity);
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt remembered = verified.get(token);
        if (remembered == null) {
            Jwt jwt = delegate.decode(token); // verifies the signature and validates
            verified.put(token, jwt);
            return jwt;
        }
        OAuth2TokenValidatorResult result = validator.validate(remembered);
        if (result.hasErrors()) {
            verified.remove(token);
            throw new JwtValidationException(
                    "An error occurred while attempting to decode the Jwt: "
                            + result.getErrors().iterator().next().getDescription(),
                    result.getErrors());
        }
        return remembered;
    }

    int size() {
        return verified.size();
    }
}
