package dev.hoshi.gateway.security;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.stereotype.Component;

/**
 * The OIDC provider people sign in with, any standards-compliant one, named by {@code hoshi.gateway.oidc.issuer-uri}.
 * Its discovery document and JWKS are fetched on the first token (not at start-up, so the gateway starts while the
 * provider is down) and kept; tokens are checked for signature, {@code iss}, {@code exp}/{@code nbf} and, when
 * {@code hoshi.gateway.oidc.audience} is set, {@code aud}. Its subjects are always people, never partner clients.
 */
@Component
@ConditionalOnExpression("!'${hoshi.gateway.oidc.issuer-uri:}'.isBlank()")
class OidcIssuer implements TrustedIssuer {

    private static final Logger log = LoggerFactory.getLogger(OidcIssuer.class);

    private final String issuer;
    private final NimbusReactiveJwtDecoder decoder;

    OidcIssuer(GatewaySecurityProperties properties) {
        GatewaySecurityProperties.Oidc oidc = properties.oidc();
        this.issuer = oidc.issuerUri();
        this.decoder = NimbusReactiveJwtDecoder.withIssuerLocation(issuer).build();
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(JwtValidators.createDefaultWithIssuer(issuer));
        if (oidc.audience() != null) {
            validators.add(new JwtAudienceValidator(oidc.audience()));
        }
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
        log.info(
                "Accepting OIDC tokens from {}{}",
                issuer,
                oidc.audience() == null ? "" : " for audience " + oidc.audience());
    }

    @Override
    public String issuer() {
        return issuer;
    }

    @Override
    public ReactiveJwtDecoder decoder() {
        return decoder;
    }
}
