package dev.hoshi.gateway.security;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may call, configured under {@code hoshi.gateway}.
 *
 * @param operators subjects that get the {@code platform_operator} role, whatever issued their token
 * @param oidc the OIDC provider people sign in with; absent when {@code issuer-uri} is not set
 * @param publicPaths exact paths anyone may {@code GET} without signing in, forwarded with no {@code Authorization}
 *     (e.g. {@code /insights/.well-known/attestation-keys.json}); the service must also declare its own path public
 */
@ConfigurationProperties("hoshi.gateway")
public record GatewaySecurityProperties(
        @DefaultValue List<String> operators, @DefaultValue Oidc oidc, @DefaultValue List<String> publicPaths) {

    private static final Pattern EXACT_PATH = Pattern.compile("(/[A-Za-z0-9._~-]+)+");

    public GatewaySecurityProperties {
        operators =
                operators.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
        publicPaths =
                publicPaths.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
        publicPaths.forEach(GatewaySecurityProperties::checkExactPath);
    }

    /** Only exact paths, so that a typo cannot open more than the one path meant. */
    private static void checkExactPath(String path) {
        boolean dotSegment = Arrays.stream(path.split("/")).anyMatch(segment -> segment.matches("\\.+"));
        if (!EXACT_PATH.matcher(path).matches() || dotSegment) {
            throw new IllegalArgumentException("hoshi.gateway.public-paths lists exact paths such as"
                    + " /insights/.well-known/attestation-keys.json (no patterns, no dot segments, no encoded"
                    + " characters), but was: " + path);
        }
        if (path.equals("/demo") || path.startsWith("/demo/") || path.startsWith("/actuator")) {
            throw new IllegalArgumentException(
                    "hoshi.gateway.public-paths may not list the gateway's own /demo or /actuator paths (their own"
                            + " rules apply), but was: " + path);
        }
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
