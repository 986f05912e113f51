package dev.hoshi.gateway.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.stereotype.Component;

/**
 * The OIDC provider people sign in with, any standards-compliant one, named by {@code hoshi.gateway.oidc.issuer-uri}.
 * Its discovery document and JWKS are fetched on the first token (not at start-up, so the gateway starts while the
 * provider is down) and kept; tokens are checked for signature, {@code iss}, {@code exp}/{@code nbf}, {@code aud}
 * (Hoshi's client id, {@code hoshi.gateway.oidc.audience}, which is required) and, where the token has one,
 * {@code azp}. Its subjects are always people, never partner clients. A provider serves many applications, so its
 * {@code roles} claim means nothing here; it makes a platform operator only through the namespaced claim configured
 * as {@code hoshi.gateway.oidc.operator-claim}.
 */
@Component
@ConditionalOnExpression("!'${hoshi.gateway.oidc.issuer-uri:}'.isBlank()")
class OidcIssuer implements TrustedIssuer {

    private static final Logger log = LoggerFactory.getLogger(OidcIssuer.class);

    private final String issuer;
    private final NimbusReactiveJwtDecoder decoder;
    private final OAuth2TokenValidator<Jwt> validator;
    private final String operatorClaim;
    private final String operatorClaimValue;

    OidcIssuer(GatewaySecurityProperties properties) {
        GatewaySecurityProperties.Oidc oidc = properties.oidc();
        if (oidc.audience() == null) {
            throw new OidcConfigurationException("hoshi.gateway.oidc.issuer-uri is set (" + oidc.issuerUri()
                    + ") but hoshi.gateway.oidc.audience is not: without it, a token the provider issued to any other"
                    + " application would be accepted");
        }
        this.issuer = oidc.issuerUri();
        this.operatorClaim = oidc.operatorClaim();
        this.operatorClaimValue = oidc.operatorClaimValue();
        this.decoder = NimbusReactiveJwtDecoder.withIssuerLocation(issuer).build();
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(JwtValidators.createDefaultWithIssuer(issuer));
        validators.add(new JwtAudienceValidator(oidc.audience()));
        validators.add(authorizedParty(oidc.acceptedAuthorizedParties()));
        this.validator = new DelegatingOAuth2TokenValidator<>(validators);
        decoder.setJwtValidator(validator);
        log.info(
                "Accepting OIDC tokens from {} for audience {} (azp, where present, one of {}); operators from {}",
                issuer,
                oidc.audience(),
                oidc.acceptedAuthorizedParties(),
                operatorClaim == null
                        ? "hoshi.gateway.operators only"
                        : "hoshi.gateway.operators and the claim " + operatorClaim + " = " + operatorClaimValue);
    }

    /** A token with an {@code azp} was issued to that client: it must be one of ours. */
    static OAuth2TokenValidator<Jwt> authorizedParty(List<String> accepted) {
        return jwt -> {
            String azp = jwt.getClaimAsString("azp");
            if (azp == null || accepted.contains(azp)) {
                return OAuth2TokenValidatorResult.success();
            }
            return OAuth2TokenValidatorResult.failure(new OAuth2Error(
                    OAuth2ErrorCodes.INVALID_TOKEN, "The token was issued to another client (azp)", null));
        };
    }

    @Override
    public String issuer() {
        return issuer;
    }

    @Override
    public ReactiveJwtDecoder decoder() {
        return decoder;
    }

    @Override
    public OAuth2TokenValidator<Jwt> validator() {
        return validator;
    }

    @Override
    public Set<String> roles(Jwt jwt) {
        if (operatorClaim != null
                && RoleClaims.parse(jwt.getClaims().get(operatorClaim)).contains(operatorClaimValue)) {
            return Set.of(CallerMapper.PLATFORM_OPERATOR);
        }
        return Set.of();
    }
}
