package dev.hoshi.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GatewaySecurityPropertiesTest {

    private static final GatewaySecurityProperties.Oidc NO_OIDC = new GatewaySecurityProperties.Oidc(null, null);

    @Test
    void publicPathsAreExactPathsTrimmedAndBlanksDropped() {
        GatewaySecurityProperties properties = new GatewaySecurityProperties(
                List.of(), NO_OIDC, List.of(" /insights/.well-known/attestation-keys.json ", ""));

        assertThat(properties.publicPaths()).containsExactly("/insights/.well-known/attestation-keys.json");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/insights/**",
                "/insights/.well-known/*",
                "/insights/{file}",
                "insights/keys.json",
                "/insights/../compliance/graphql",
                "/insights/./keys.json",
                "/insights//keys.json",
                "/insights/keys%2Ejson",
                "/insights/keys.json;x=1",
                "/",
                "/demo/token",
                "/actuator/env"
            })
    void anythingButAnExactPathOfAServiceIsRefused(String path) {
        assertThatThrownBy(() -> new GatewaySecurityProperties(List.of(), NO_OIDC, List.of(path)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hoshi.gateway.public-paths")
                .hasMessageContaining(path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"roles", "groups", "realm_access.roles", "hoshi roles"})
    void theOperatorClaimMustBeNamespaced(String claim) {
        assertThatThrownBy(() -> new GatewaySecurityProperties.Oidc(
                        "https://login.example.com", "hoshi", List.of(), claim, "platform_operator"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hoshi.gateway.oidc.operator-claim must be a namespaced claim");
    }

    @Test
    void authorizedPartiesDefaultToTheAudience() {
        GatewaySecurityProperties.Oidc oidc = new GatewaySecurityProperties.Oidc(
                "https://login.example.com", "hoshi", List.of(), "https://hoshi.example/roles", "operator");

        assertThat(oidc.acceptedAuthorizedParties()).containsExactly("hoshi");
        assertThat(new GatewaySecurityProperties.Oidc(
                                "https://login.example.com", "hoshi", List.of("hoshi-web", " "), null, null)
                        .acceptedAuthorizedParties())
                .containsExactly("hoshi-web");
    }
}
