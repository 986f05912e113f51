package dev.hoshi.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.hoshi.gateway.demo.DemoPersonas;
import dev.hoshi.gateway.demo.DemoTokenIssuer;
import dev.hoshi.gateway.server.OneConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.autoconfigure.web.reactive.AutoConfigureWebTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The gateway in demo mode in front of three stub services: routing, the internal token, and every refusal. */
// a loaded machine (CI, parallel builds) may need more than the default 5 s for a first OIDC discovery
@AutoConfigureWebTestClient(timeout = "PT30S")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
@AutoConfigureObservability(tracing = false) // so that the Prometheus endpoint exists, as it does outside tests
class GatewayIT {

    static final StubServices services = StubServices.start();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        services.register(registry);
    }

    @AfterAll
    static void stopServices() {
        services.stop();
    }

    @Autowired
    WebTestClient client;

    @Autowired
    DemoTokenIssuer demoIssuer;

    @Autowired
    DemoPersonas personas;

    @LocalServerPort
    int port;

    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void clearServices() {
        services.clear();
    }

    // ---- the HTTP server ------------------------------------------------------------------------

    /**
     * Browsers and pooling clients send request after request on one connection. Reactor Netty 1.2.18 alone left about
     * one in 150 of them unread for good ({@code KeepAliveReadsTest}); 1,000 in a row all answered here.
     */
    @Test
    void aKeptAliveConnectionIsAnsweredRequestAfterRequest() throws Exception {
        try (OneConnection connection = OneConnection.to(port, Duration.ofSeconds(10))) {
            for (int request = 0; request < 1_000; request++) {
                assertThat(connection.get("/actuator/health"))
                        .as("request %d on the connection", request)
                        .contains("\"status\":\"UP\"");
            }
        }
    }

    // ---- demo personas and tokens ---------------------------------------------------------------

    @Test
    void listsTheDemoPersonasInJapaneseAndEnglish() throws Exception {
        JsonNode list = getJson("/demo/personas", HttpStatus.OK);

        assertThat(list.findValuesAsText("name")).contains("sato", "suzuki", "tanaka", "bank", "operator");
        JsonNode sato = persona(list, "sato");
        assertThat(sato.path("subject").asText()).isEqualTo("demo-sato");
        assertThat(sato.path("actor").asText()).isEqualTo("USER:demo-sato");
        assertThat(sato.path("displayName").path("ja").asText()).isNotBlank();
        assertThat(sato.path("displayName").path("en").asText()).isNotBlank();
        assertThat(sato.path("description").path("ja").asText()).isNotBlank();
        assertThat(sato.path("organization").path("name").path("ja").asText()).isEqualTo("佐藤製作所");
        assertThat(sato.path("organization").path("name").path("en").asText()).isEqualTo("Sato Seisakusho");
        assertThat(persona(list, "suzuki")
                        .path("organization")
                        .path("name")
                        .path("ja")
                        .asText())
                .isEqualTo("鈴木商店");
        assertThat(persona(list, "tanaka")
                        .path("organization")
                        .path("name")
                        .path("en")
                        .asText())
                .isEqualTo("Tokyo Machinery Association");
        JsonNode bank = persona(list, "bank");
        assertThat(bank.path("subject").asText()).isEqualTo("partner:bank-demo");
        assertThat(bank.path("actor").asText()).isEqualTo("PARTNER_CLIENT:bank-demo");
        JsonNode operator = persona(list, "operator");
        assertThat(operator.path("subject").asText()).isEqualTo("operator");
        assertThat(operator.path("roles").toString()).isEqualTo("[\"platform_operator\"]");
    }

    @Test
    void demoTokenIsABearerTokenForThePersona() throws Exception {
        JsonNode response = postJson("/demo/token", "{\"persona\":\"sato\"}", HttpStatus.OK);

        assertThat(response.path("token_type").asText()).isEqualTo("Bearer");
        assertThat(response.path("expires_in").asLong())
                .isEqualTo(Duration.ofHours(12).toSeconds());
        JWTClaimsSet claims =
                SignedJWT.parse(response.path("access_token").asText()).getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo("hoshi-demo");
        assertThat(claims.getSubject()).isEqualTo("demo-sato");
    }

    @Test
    void unknownPersonaIs404NamingTheKnownOnes() throws Exception {
        JsonNode error = postJson("/demo/token", "{\"persona\":\"nakamura\"}", HttpStatus.NOT_FOUND);

        assertThat(error.path("code").asText()).isEqualTo("UNKNOWN_PERSONA");
        assertThat(error.path("message").asText()).contains("nakamura", "sato", "suzuki", "tanaka", "bank", "operator");
        assertThat(error.path("messageJa").asText()).contains("sato");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "sato", "{\"persona\":", "{\"persona\":42}", "{\"name\":\"sato\"}", "[]"})
    void malformedTokenRequestIs400(String body) throws Exception {
        JsonNode error = postJson("/demo/token", body, HttpStatus.BAD_REQUEST);

        assertThat(error.path("code").asText()).isEqualTo("BAD_TOKEN_REQUEST");
        assertThat(error.path("message").asText()).contains("persona");
    }

    // ---- routing with the internal token ---------------------------------------------------------

    @Test
    void routedRequestCarriesAnInternalTokenInsteadOfTheCallersCredential() throws Exception {
        String demoToken = demoToken("sato");
        Instant before = Instant.now();

        client.post()
                .uri("/compliance/graphql")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + demoToken)
                .header("X-Hoshi-Organization", "org-sato_1.a")
                .header("X-Hoshi-Internal-Actor", "SYSTEM:hoshi")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"query\":\"{ __typename }\"}")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data.service")
                .isEqualTo("compliance");

        StubServices.Received received = services.take();
        assertThat(received.service()).isEqualTo("compliance");
        assertThat(received.method()).isEqualTo("POST");
        assertThat(received.path()).isEqualTo("/graphql");
        assertThat(received.header("X-Forwarded-Prefix")).isEqualTo("/compliance");
        assertThat(received.headers().keySet())
                .noneMatch(name -> name.toLowerCase().startsWith("x-hoshi-internal-"));
        assertThat(received.headers().values().stream().flatMap(List::stream)).noneMatch(v -> v.contains(demoToken));

        String internal = InternalTokens.bearer(received.header(HttpHeaders.AUTHORIZATION));
        JWKSet jwks = InternalTokens.jwks(client);
        JWTClaimsSet claims = InternalTokens.verify(internal, jwks);
        assertThat(InternalTokens.kid(internal)).isEqualTo(jwks.getKeys().get(0).getKeyID());
        assertThat(claims.getIssuer()).isEqualTo("hoshi-gateway");
        assertThat(claims.getAudience()).containsExactly("hoshi-services");
        assertThat(claims.getSubject()).isEqualTo("demo-sato");
        assertThat(claims.getStringClaim("actor")).isEqualTo("USER:demo-sato");
        assertThat(claims.getStringClaim("org")).isEqualTo("org-sato_1.a");
        assertThat(claims.getStringListClaim("roles")).isEmpty();
        assertThat(claims.getStringClaim("name")).isEqualTo("佐藤 健一");
        assertThat(claims.getJWTID()).isNotBlank();
        assertThat(claims.getExpirationTime().toInstant())
                .isAfter(Instant.now())
                .isBeforeOrEqualTo(before.plusSeconds(61));
        assertThat(Duration.between(
                        claims.getIssueTime().toInstant(),
                        claims.getExpirationTime().toInstant()))
                .isEqualTo(Duration.ofSeconds(60));
    }

    static Stream<Arguments> services() {
        return StubServices.NAMES.stream().map(Arguments::of);
    }

    @ParameterizedTest
    @MethodSource("services")
    void eachServiceIsReachedUnderItsPrefixWithThePrefixStripped(String service) throws Exception {
        client.get()
                .uri(URI.create(base() + "/" + service + "/graphql?query=%7B__typename%7D"))
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + demoToken("suzuki"))
                .exchange()
                .expectStatus()
                .isOk();

        StubServices.Received received = services.take();
        assertThat(received.service()).isEqualTo(service);
        assertThat(received.path()).isEqualTo("/graphql");
        assertThat(received.query()).isEqualTo("query=%7B__typename%7D");
        assertThat(received.header("X-Forwarded-Prefix")).isEqualTo("/" + service);
        JWTClaimsSet claims = InternalTokens.verify(
                InternalTokens.bearer(received.header(HttpHeaders.AUTHORIZATION)), InternalTokens.jwks(client));
        assertThat(claims.getSubject()).isEqualTo("demo-suzuki");
        assertThat(claims.getClaim("org")).as("no organisation chosen").isNull();
    }

    @Test
    void partnerPersonaIsAPartnerClient() throws Exception {
        JWTClaimsSet claims = callAndVerify("bank");

        assertThat(claims.getSubject()).isEqualTo("partner:bank-demo");
        assertThat(claims.getStringClaim("actor")).isEqualTo("PARTNER_CLIENT:bank-demo");
    }

    @Test
    void operatorPersonaIsAPlatformOperator() throws Exception {
        JWTClaimsSet claims = callAndVerify("operator");

        assertThat(claims.getSubject()).isEqualTo("operator");
        assertThat(claims.getStringClaim("actor")).isEqualTo("USER:operator");
        assertThat(claims.getStringListClaim("roles")).containsExactly("platform_operator");
    }

    @Test
    void internalTokensVerifyOnlyWithTheGatewaysKey() throws Exception {
        client.get()
                .uri("/insights/graphql")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + demoToken("sato"))
                .exchange()
                .expectStatus()
                .isOk();
        String internal = InternalTokens.bearer(services.take().header(HttpHeaders.AUTHORIZATION));

        JWKSet otherKeys =
                new JWKSet(new RSAKey.Builder((RSAPublicKey) TestKeys.rsa(2048).getPublic())
                        .keyID(InternalTokens.kid(internal))
                        .build());
        assertThatThrownBy(() -> InternalTokens.verify(internal, otherKeys)).isInstanceOf(BadJOSEException.class);
    }

    // ---- refusals ------------------------------------------------------------------------------

    static Stream<Arguments> refusedCredentials() {
        var stranger = TestKeys.rsa(2048);
        Instant now = Instant.now();
        JWTClaimsSet demoLike = new JWTClaimsSet.Builder()
                .issuer("hoshi-demo")
                .subject("demo-sato")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(3600)))
                .build();
        JWTClaimsSet unknownIssuer = new JWTClaimsSet.Builder(demoLike)
                .issuer("https://idp.example.com")
                .build();
        JWTClaimsSet noIssuer = new JWTClaimsSet.Builder(demoLike).issuer(null).build();
        return Stream.of(
                Arguments.of("no credential", null),
                Arguments.of("not a JWT", "Bearer not-a-jwt"),
                Arguments.of("another scheme", "Basic dXNlcjpwYXNz"),
                Arguments.of("forged demo token", "Bearer " + TestKeys.signedBy(stranger, demoLike)),
                Arguments.of("unknown issuer", "Bearer " + TestKeys.signedBy(stranger, unknownIssuer)),
                Arguments.of("no issuer", "Bearer " + TestKeys.signedBy(stranger, noIssuer)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedCredentials")
    void refusedCredentialsAre401AndNeverReachAService(String what, String authorization) throws Exception {
        assertRefused(authorization);
    }

    @Test
    void expiredDemoTokenIs401() throws Exception {
        String expired = demoIssuer.issue(
                personas.find("sato").orElseThrow(), Instant.now().minus(Duration.ofHours(13)));

        assertRefused("Bearer " + expired);
    }

    @Test
    void internalTokenIsNotAcceptedFromOutside() throws Exception {
        client.get()
                .uri("/directory/graphql")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + demoToken("sato"))
                .exchange()
                .expectStatus()
                .isOk();
        String internal = InternalTokens.bearer(services.take().header(HttpHeaders.AUTHORIZATION));

        assertRefused("Bearer " + internal);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-starts-with-dash", ".dot", "has space", "org/1", "組織", "x;y"})
    void badOrganizationHeaderIs400AndNeverReachesAService(String organization) throws Exception {
        assertBadOrganization(organization);
    }

    @Test
    void tooLongOrganizationHeaderIs400() throws Exception {
        assertBadOrganization("a".repeat(129));
        services.clear();
        client.get()
                .uri("/compliance/graphql")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + demoToken("sato"))
                .header("X-Hoshi-Organization", "a".repeat(128))
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void organizationHeaderSentTwiceIs400() throws Exception {
        client.get()
                .uri("/compliance/graphql")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + demoToken("sato"))
                .header("X-Hoshi-Organization", "org-a", "org-b")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("BAD_ORGANIZATION_HEADER");
        assertThat(services.drain(Duration.ofMillis(200))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/compliance/actuator",
                "/compliance/actuator/health",
                "/directory/actuator/env",
                "/insights/actuator/prometheus",
                "/compliance/%61ctuator/health",
                "/compliance/ACTUATOR/health",
                "/compliance//actuator/health",
                "/compliance/actuator;x=1/health",
                "/compliance/actuator%2Fhealth"
            })
    void servicesActuatorIsNeverRouted(String path) throws Exception {
        for (String authorization : new String[] {null, "Bearer " + demoToken("operator")}) {
            WebTestClient.RequestHeadersSpec<?> request = client.get().uri(URI.create(base() + path));
            if (authorization != null) {
                request = request.header(HttpHeaders.AUTHORIZATION, authorization);
            }
            request.exchange()
                    .expectStatus()
                    .isNotFound()
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo("NOT_FOUND");
        }
        assertThat(services.drain(Duration.ofMillis(200))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/compliance/graphql/../actuator/health", "/compliance/./actuator/health"})
    void dotSegmentsAreRefused(String path) throws Exception {
        client.get()
                .uri(URI.create(base() + path))
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + demoToken("operator"))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("BAD_PATH");
        assertThat(services.drain(Duration.ofMillis(200))).isEmpty();
    }

    // ---- public and demo-only paths ---------------------------------------------------------------

    @Test
    void jwksIsPublicAndHoldsOnlyPublicKeys() throws Exception {
        JsonNode jwks = getJson("/.well-known/jwks.json", HttpStatus.OK);

        assertThat(jwks.path("keys")).hasSize(1);
        JsonNode key = jwks.path("keys").get(0);
        assertThat(key.path("kty").asText()).isEqualTo("RSA");
        assertThat(key.path("alg").asText()).isEqualTo("RS256");
        assertThat(key.path("kid").asText()).isNotBlank();
        assertThat(key.has("d")).as("private exponent").isFalse();
        assertThat(key.has("p")).isFalse();
    }

    @Test
    void theAttestationKeySetIsForwardedWithoutALoginAndWithoutAToken() throws Exception {
        client.get()
                .uri("/insights/.well-known/attestation-keys.json")
                .header("X-Hoshi-Internal-Actor", "SYSTEM:hoshi")
                .exchange()
                .expectStatus()
                .isOk();

        StubServices.Received received = services.take();
        assertThat(received.service()).isEqualTo("insights");
        assertThat(received.method()).isEqualTo("GET");
        assertThat(received.path()).isEqualTo("/.well-known/attestation-keys.json");
        assertThat(received.header(HttpHeaders.AUTHORIZATION))
                .as("no token minted")
                .isNull();
        assertThat(received.headers().keySet())
                .noneMatch(name -> name.toLowerCase().startsWith("x-hoshi-internal-"));

        // GET only
        client.post()
                .uri("/insights/.well-known/attestation-keys.json")
                .exchange()
                .expectStatus()
                .isUnauthorized();
        assertThat(services.drain(Duration.ofMillis(200))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/insights/graphql",
                "/insights/.well-known/attestation-keys.json/",
                "/insights/.well-known/attestation-keys.jsonx",
                "/insights/.well-known/other-keys.json",
                "/compliance/.well-known/attestation-keys.json",
                "/.well-known/attestation-keys.json"
            })
    void otherPathsStillNeedALogin(String path) throws Exception {
        client.get().uri(URI.create(base() + path)).exchange().expectStatus().isUnauthorized();
        assertThat(services.drain(Duration.ofMillis(200))).isEmpty();
    }

    @Test
    void graphiqlPagesOpenWithoutATokenInDemoModeServedByTheGatewayFromItsOwnAssetsButGraphqlCallsDoNot()
            throws Exception {
        for (String service : List.of("directory", "compliance", "insights")) {
            String page = client.get()
                    .uri("/" + service + "/graphiql?path=/" + service + "/graphql")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectHeader()
                    .valueMatches("Content-Security-Policy", "default-src 'self'; script-src 'self'; .*")
                    .expectBody(String.class)
                    .returnResult()
                    .getResponseBody();
            assertThat(page).contains("data-endpoint=\"/" + service + "/graphql\"");
            // every script and stylesheet is the application's own, and each of them is served
            java.util.regex.Matcher asset =
                    java.util.regex.Pattern.compile("(?:src|href)=\"([^\"]+)\"").matcher(page);
            int assets = 0;
            while (asset.find()) {
                assertThat(asset.group(1)).startsWith("/");
                client.get().uri(asset.group(1)).exchange().expectStatus().isOk();
                assets++;
            }
            assertThat(assets).isEqualTo(6);
            assertThat(page).doesNotContain("://");
        }
        // the page is the gateway's own: nothing reached a service
        assertThat(services.drain(Duration.ofMillis(200))).isEmpty();

        client.post()
                .uri("/compliance/graphql")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"query\":\"{ __typename }\"}")
                .exchange()
                .expectStatus()
                .isUnauthorized();
        assertThat(services.drain(Duration.ofMillis(200))).isEmpty();
    }

    @Test
    void gatewayHealthAndInfoArePublicOtherActuatorEndpointsAreNot() throws Exception {
        client.get().uri("/actuator/health").exchange().expectStatus().isOk();
        client.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
        client.get().uri("/actuator/info").exchange().expectStatus().isOk();
        client.get().uri("/actuator/prometheus").exchange().expectStatus().isUnauthorized();
        client.get().uri("/actuator/env").exchange().expectStatus().isUnauthorized();
        client.get()
                .uri("/actuator/prometheus")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + demoToken("operator"))
                .exchange()
                .expectStatus()
                .isOk();
        client.get()
                .uri("/actuator/env")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + demoToken("operator"))
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    @Test
    void unknownPathsAre404Json() throws Exception {
        client.get()
                .uri("/nowhere")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + demoToken("sato"))
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("NOT_FOUND")
                .jsonPath("$.messageJa")
                .isNotEmpty();
    }

    // ---- helpers ------------------------------------------------------------------------------------

    private void assertRefused(String authorization) throws Exception {
        WebTestClient.RequestHeadersSpec<?> request = client.post()
                .uri("/compliance/graphql")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"query\":\"{ __typename }\"}");
        if (authorization != null) {
            request = request.header(HttpHeaders.AUTHORIZATION, authorization);
        }
        byte[] body = request.exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .value(HttpHeaders.WWW_AUTHENTICATE, challenge -> assertThat(challenge)
                        .startsWith("Bearer"))
                .expectHeader()
                .contentType(MediaType.APPLICATION_JSON)
                .expectBody()
                .returnResult()
                .getResponseBody();
        JsonNode error = json.readTree(body);
        assertThat(error.path("code").asText()).isEqualTo("UNAUTHENTICATED");
        assertThat(error.path("message").asText()).isNotBlank();
        assertThat(error.path("messageJa").asText()).isNotBlank();
        assertThat(new String(body, StandardCharsets.UTF_8))
                .doesNotContain("Exception", "at org.", "at dev.", "Jwt", "Nimbus");
        assertThat(services.drain(Duration.ofMillis(200)))
                .as("requests that reached a service")
                .isEmpty();
    }

    private void assertBadOrganization(String organization) throws Exception {
        client.get()
                .uri("/compliance/graphql")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + demoToken("sato"))
                .header("X-Hoshi-Organization", organization)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("BAD_ORGANIZATION_HEADER")
                .jsonPath("$.message")
                .isNotEmpty()
                .jsonPath("$.messageJa")
                .isNotEmpty();
        assertThat(services.drain(Duration.ofMillis(200))).isEmpty();
    }

    private JWTClaimsSet callAndVerify(String persona) throws Exception {
        client.get()
                .uri("/directory/graphql")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + demoToken(persona))
                .exchange()
                .expectStatus()
                .isOk();
        return InternalTokens.verify(
                InternalTokens.bearer(services.take().header(HttpHeaders.AUTHORIZATION)), InternalTokens.jwks(client));
    }

    private String demoToken(String persona) throws Exception {
        return postJson("/demo/token", "{\"persona\":\"" + persona + "\"}", HttpStatus.OK)
                .path("access_token")
                .asText();
    }

    private JsonNode getJson(String path, HttpStatus status) throws Exception {
        byte[] body = client.get()
                .uri(path)
                .exchange()
                .expectStatus()
                .isEqualTo(status)
                .expectBody()
                .returnResult()
                .getResponseBody();
        return json.readTree(body);
    }

    private JsonNode postJson(String path, String body, HttpStatus status) throws Exception {
        byte[] response = client.post()
                .uri(path)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isEqualTo(status)
                .expectBody()
                .returnResult()
                .getResponseBody();
        return json.readTree(response);
    }

    private static JsonNode persona(JsonNode list, String name) {
        for (JsonNode persona : list) {
            if (name.equals(persona.path("name").asText())) {
                return persona;
            }
        }
        throw new AssertionError("no persona " + name + " in " + list);
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }
}
