package dev.hoshi.gateway.security;

import java.net.URI;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may call, configured under {@code hoshi.gateway}.
 *
 * @param operators subjects that get the {@code platform_operator} role, whatever issued their token
 * @param oidc the OIDC provider people sign in with; absent when {@code issuer-uri} is not set
 */
@ConfigurationProperties("hoshi.gateway")
public record GatewaySecurityProperties(@DefaultValue List<String> operators, @DefaultValue Oidc oidc) {

    public GatewaySecurityProperties {
        operators =
                operators.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /**
     * @param issuerUri the issuer identifier ({@code iss}); its discovery document is read from
     *     {@code <issuer-uri>/.well-known/openid-configuration} on the first token
     * @param audience when set, a token must list it in {@code aud}
     */
    public record Oidc(String issuerUri, String audience) {

        public Oidc {
            issuerUri = blankToNull(issuerUri);
            audience = blankToNull(audience);
            if (issuerUri != null) {
                URI uri;
                try {
                    uri = URI.create(issuerUri);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(
                            "hoshi.gateway.oidc.issuer-uri must be an http(s) URL, but was: " + issuerUri);
                }
                if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
                    throw new IllegalArgumentException(
                            "hoshi.gateway.oidc.issuer-uri must be an http(s) URL, but was: " + issuerUri);
                }
            }
        }

        private static String blankToNull(String s) {
            return s == null || s.isBlank() ? null : s.trim();
        }
    }
}
