package dev.hoshi.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.reactive.AutoConfigureWebTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The gateway as it runs for real: demo mode off, a signing key from a PEM file, and people signing in through an
 * OIDC provider (mock-oauth2-server, a real OIDC server with discovery and JWKS, in-process).
 */
// a loaded machine (CI, parallel builds) may need more than the default 5 s for a first OIDC discovery
@AutoConfigureWebTestClient(timeout = "PT30S")
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "hoshi.gateway.demo.enabled=false",
            "hoshi.gateway.operators=ops-admin, someone-else",
            "hoshi.gateway.oidc.audience=hoshi",
            "hoshi.gateway.oidc.operator-claim=https://hoshi.example/roles",
            "hoshi.gateway.oidc.operator-claim-value=operator"
        })
class OidcIT {

    static final String ISSUER_ID = "hoshi-login";

    static final MockOAuth2Server oidc = startOidc();
    static final StubServices services = StubServices.start();
    static final KeyPair signingKey = TestKeys.rsa(2048);
    static final Path signingKeyFile = TestKeys.writePem(signingKey);

    private static MockOAuth2Server startOidc() {
        MockOAuth2Server server = new MockOAuth2Server();
        server.start();
        return server;
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        services.register(registry);
        registry.add(
                "hoshi.gateway.oidc.issuer-uri", () -> oidc.issuerUrl(ISSUER_ID).toString());
        registry.add("hoshi.gateway.internal-token.key-location", signingKeyFile::toString);
    }

    @AfterAll
    static void stop() {
        services.stop();
        oidc.shutdown();
    }

    @Autowired
    WebTestClient client;

    @BeforeEach
    void clearServices() {
        services.clear();
    }

    @Test
    void tokenFromTheConfiguredIssuerReachesTheServiceAsItsSubject() throws Exception {
        String token = token("alice", "hoshi", Map.of("name", "Alice Example")).serialize();

        JWTClaimsSet internal = callAndVerify(token, "org-42");

        assertThat(internal.getSubject()).isEqualTo("alice");
        assertThat(internal.getStringClaim("actor")).isEqualTo("USER:alice");
        assertThat(internal.getStringClaim("name")).isEqualTo("Alice Example");
        assertThat(internal.getStringClaim("org")).isEqualTo("org-42");
        assertThat(internal.getStringListClaim("roles")).isEmpty();
    }

    @Test
    void preferredUsernameIsTheNameWhenThereIsNoName() throws Exception {
        String token = token("bob", "hoshi", Map.of("preferred_username", "bob@example.com"))
                .serialize();

        assertThat(callAndVerify(token, null).getStringClaim("name")).isEqualTo("bob@example.com");
    }

    @Test
    void operatorsGetThePlatformOperatorRole() throws Exception {
        String token = token("ops-admin", "hoshi", Map.of()).serialize();

        JWTClaimsSet internal = callAndVerify(token, null);

        assertThat(internal.getStringListClaim("roles")).containsExactly("platform_operator");
        assertThat(internal.getStringClaim("actor")).isEqualTo("USER:ops-admin");
    }

    @Test
    void aBareRolesClaimMakesNoOperator() throws Exception {
        // e.g. an app role of another application registered at the same provider
        String token = token("mallory", "hoshi", Map.of("roles", List.of("platform_operator", "auditor")))
                .serialize();

        assertThat(callAndVerify(token, null).getStringListClaim("roles")).isEmpty();
    }

    @Test
    void theConfiguredNamespacedClaimMakesAnOperator() throws Exception {
        String token = token("dana", "hoshi", Map.of("https://hoshi.example/roles", List.of("operator")))
                .serialize();
        String other = token("erin", "hoshi", Map.of("https://hoshi.example/roles", List.of("platform_operator")))
                .serialize();

        assertThat(callAndVerify(token, null).getStringListClaim("roles")).containsExactly("platform_operator");
        assertThat(callAndVerify(other, null).getStringListClaim("roles")).isEmpty();
    }

    @Test
    void tokenIssuedToAnotherClientIsRefusedEvenForOurAudience() throws Exception {
        assertRefused(oidc.issueToken(
                        ISSUER_ID,
                        "some-other-app",
                        new DefaultOAuth2TokenCallback(ISSUER_ID, "alice", "JWT", List.of("hoshi"), Map.of(), 3600))
                .serialize());
        assertThat(callAndVerify(token("alice", "hoshi", Map.of()).serialize(), null)
                        .getSubject())
                .isEqualTo("alice");
    }

    @Test
    void tokenFromAnotherIssuerOfTheSameServerIsRefused() {
        assertRefused(oidc.issueToken("elsewhere", "alice", "hoshi", Map.of()).serialize());
    }

    @Test
    void tokenForAnotherAudienceIsRefused() {
        assertRefused(token("alice", "some-other-app", Map.of()).serialize());
    }

    @Test
    void expiredTokenIsRefused() {
        assertRefused(token("alice", "hoshi", Map.of(), -600L).serialize());
    }

    @Test
    void personCannotPoseAsAPartnerClient() {
        assertRefused(token("partner:bank-demo", "hoshi", Map.of()).serialize());
    }

    @Test
    void demoEndpointsDoNotExistWhenDemoModeIsOff() {
        client.get()
                .uri("/demo/personas")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("NOT_FOUND");
        client.post()
                .uri("/demo/token")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"persona\":\"sato\"}")
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    @Test
    void theAttestationKeySetIsPublicOutsideDemoModeToo() {
        client.get()
                .uri("/insights/.well-known/attestation-keys.json")
                .exchange()
                .expectStatus()
                .isOk();
        assertThat(services.take().header(HttpHeaders.AUTHORIZATION)).isNull();
        client.get().uri("/insights/graphql").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void graphiqlNeedsATokenWhenDemoModeIsOff() {
        client.get().uri("/compliance/graphiql").exchange().expectStatus().isUnauthorized();
        assertThat(services.drain(Duration.ofMillis(200))).isEmpty();
    }

    @Test
    void jwksPublishesTheConfiguredKey() throws Exception {
        JWKSet jwks = InternalTokens.jwks(client);

        assertThat(jwks.getKeys()).hasSize(1);
        RSAKey published = jwks.getKeys().get(0).toRSAKey();
        assertThat(published.getKeyID()).isEqualTo(TestKeys.thumbprint(signingKey));
        assertThat(published.toRSAPublicKey().getModulus())
                .isEqualTo(((RSAPublicKey) signingKey.getPublic()).getModulus());
        assertThat(published.isPrivate()).isFalse();
    }

    /** A token as the provider issues it to Hoshi's client ({@code azp} = {@code hoshi}). */
    private static SignedJWT token(String subject, String audience, Map<String, Object> claims) {
        return token(subject, audience, claims, 3600L);
    }

    private static SignedJWT token(String subject, String audience, Map<String, Object> claims, long expiry) {
        return oidc.issueToken(
                ISSUER_ID,
                "hoshi",
                new DefaultOAuth2TokenCallback(ISSUER_ID, subject, "JWT", List.of(audience), claims, expiry));
    }

    private JWTClaimsSet callAndVerify(String token, String organization) throws Exception {
        WebTestClient.RequestHeadersSpec<?> request =
                client.get().uri("/compliance/graphql").header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        if (organization != null) {
            request = request.header("X-Hoshi-Organization", organization);
        }
        request.exchange().expectStatus().isOk();
        StubServices.Received received = services.take();
        String internal = InternalTokens.bearer(received.header(HttpHeaders.AUTHORIZATION));
        assertThat(internal).isNotEqualTo(token);
        JWTClaimsSet claims = InternalTokens.verify(internal, InternalTokens.jwks(client));
        assertThat(InternalTokens.kid(internal)).isEqualTo(TestKeys.thumbprint(signingKey));
        return claims;
    }

    private void assertRefused(String token) {
        client.get()
                .uri("/compliance/graphql")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("UNAUTHENTICATED");
        assertThat(services.drain(Duration.ofMillis(200))).isEmpty();
    }
}
