package dev.hoshi.gateway.security;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may call, configured under {@code hoshi.gateway}.
 *
 * @param operators subjects that get the {@code platform_operator} role, whatever issued their token (the one way to
 *     make an operator besides the OIDC provider's {@code operator-claim})
 * @param oidc the OIDC provider people sign in with; absent when {@code issuer-uri} is not set
 * @param publicPaths exact paths anyone may {@code GET} without signing in, forwarded with no {@code Authorization}
 *     (e.g. {@code /insights/.well-known/attestation-keys.json}); the service must also declare its own path public
 */
@ConfigurationProperties("hoshi.gateway")
public record GatewaySecurityProperties(
        @DefaultValue List<String> operators, @DefaultValue Oidc oidc, @DefaultValue List<String> publicPaths) {

    private static final Pattern NAMESPACED_CLAIM = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:\\S+");

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
     * @param audience Hoshi's client id at the provider; required with an issuer, and a token must list it in
     *     {@code aud}
     * @param authorizedParties the clients a token may have been issued to ({@code azp}, checked where the token has
     *     one); empty means only {@code audience}
     * @param operatorClaim a namespaced claim (a URI such as {@code https://hoshi.example/roles}) the provider fills
     *     with this application's roles; absent means only {@code hoshi.gateway.operators} make operators
     * @param operatorClaimValue the value of {@code operatorClaim} that makes its holder a platform operator
     * @param clientId the web pages' client at the provider (normally the audience); when set with the issuer, the
     *     pages sign people in with the authorization code flow; absent means the pages offer no OIDC sign-in
     * @param clientSecret that client's secret; absent for a public client (PKCE is used either way)
     * @param scopes the scopes the pages ask for at sign-in; {@code openid} is always among them
     */
    public record Oidc(
            String issuerUri,
            String audience,
            @DefaultValue List<String> authorizedParties,
            String operatorClaim,
            @DefaultValue("platform_operator") String operatorClaimValue,
            String clientId,
            String clientSecret,
            @DefaultValue({"openid", "profile"}) List<String> scopes) {

        @ConstructorBinding
        public Oidc {
            issuerUri = blankToNull(issuerUri);
            audience = blankToNull(audience);
            authorizedParties = authorizedParties == null
                    ? List.of()
                    : authorizedParties.stream()
                            .map(String::trim)
                            .filter(s -> !s.isEmpty())
                            .toList();
            operatorClaim = blankToNull(operatorClaim);
            operatorClaimValue = blankToNull(operatorClaimValue);
            clientId = blankToNull(clientId);
            clientSecret = blankToNull(clientSecret);
            List<String> asked = new ArrayList<>(List.of("openid"));
            (scopes == null ? List.<String>of() : scopes)
                    .stream()
                            .map(String::trim)
                            .filter(s -> !s.isEmpty() && !asked.contains(s))
                            .forEach(asked::add);
            scopes = List.copyOf(asked);
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
            if (operatorClaim != null
                    && !NAMESPACED_CLAIM.matcher(operatorClaim).matches()) {
                // a bare name such as "roles" or "groups" is filled by the provider for every application it serves
                throw new IllegalArgumentException(
                        "hoshi.gateway.oidc.operator-claim must be a namespaced claim such as"
                                + " https://hoshi.example/roles (a URI with a scheme), but was: " + operatorClaim);
            }
            if (operatorClaim != null && operatorClaimValue == null) {
                throw new IllegalArgumentException(
                        "hoshi.gateway.oidc.operator-claim-value must be set with hoshi.gateway.oidc.operator-claim");
            }
        }

        /** Only an issuer and audience: no other client may have been the token's {@code azp}, no operator claim. */
        public Oidc(String issuerUri, String audience) {
            this(issuerUri, audience, List.of(), null, "platform_operator");
        }

        /** The API's settings without a page client. */
        public Oidc(
                String issuerUri,
                String audience,
                List<String> authorizedParties,
                String operatorClaim,
                String operatorClaimValue) {
            this(issuerUri, audience, authorizedParties, operatorClaim, operatorClaimValue, null, null, null);
        }

        /** Whether the web pages sign people in at the provider (an issuer and the pages' client id are set). */
        public boolean pageSignIn() {
            return issuerUri != null && clientId != null;
        }

        /** The {@code azp} values a token may carry: the configured ones, else the audience. */
        public List<String> acceptedAuthorizedParties() {
            if (!authorizedParties.isEmpty()) {
                return authorizedParties;
            }
            return audience == null ? List.of() : List.of(audience);
        }

        private static String blankToNull(String s) {
            return s == null || s.isBlank() ? null : s.trim();
        }
    }
}
