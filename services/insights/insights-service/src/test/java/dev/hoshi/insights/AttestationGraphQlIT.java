package dev.hoshi.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.hoshi.directory.api.consent.ConsentGrantId;
import dev.hoshi.directory.api.consent.ConsentGrantedEvent;
import dev.hoshi.directory.api.consent.ConsentScope;
import dev.hoshi.directory.api.consent.Grantee;
import dev.hoshi.directory.api.organization.CorporateNumber;
import dev.hoshi.directory.api.organization.OrganizationRegisteredEvent;
import dev.hoshi.disclosure.api.MemberDataDisclosedEvent;
import dev.hoshi.insights.attestation.signing.AttestationKeys;
import dev.hoshi.insights.attestation.signing.TestKeys;
import dev.hoshi.kernel.context.Actor;
import dev.hoshi.kernel.context.CurrentContext;
import dev.hoshi.kernel.context.RequestContext;
import dev.hoshi.kernel.id.PartnerClientId;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.kernel.id.UserId;
import dev.hoshi.kernel.time.BusinessTime;
import dev.hoshi.testsupport.InternalTokens;
import dev.hoshi.testsupport.ServiceTestProperties;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.http.CacheControl;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A partner portal asks for an SME's SECURITY ACTION status and verifies the statement offline with the key set
 * anyone can fetch; insights signs with a key file, as in production, and still publishes a previous key.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AttestationGraphQlIT {

    /** A loaded machine (a full build beside other work) can take seconds to answer. */
    private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(30);

    private static final String QUERY =
            """
            query($id: ID!) { attestation(organizationId: $id) {
              level declarationId declaredOn standing lapseReason lapsedOn scope asOf statement } }
            """;

    // a key as an operator would create it, and one it signed with before a rotation
    static final KeyPair SIGNING_KEY = TestKeys.rsa(2048);
    static final KeyPair PREVIOUS_KEY = TestKeys.rsa(2048);
    static final Path SIGNING_KEY_FILE = TestKeys.write(TestKeys.privatePem(SIGNING_KEY));

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ServiceTestProperties.register(registry);
        registry.add("hoshi.insights.attestation.ephemeral-key", () -> "false");
        registry.add("hoshi.insights.attestation.signing-key-file", SIGNING_KEY_FILE::toString);
        registry.add("hoshi.insights.attestation.previous-keys", () -> TestKeys.publicPem(PREVIOUS_KEY));
    }

    @LocalServerPort
    int port;

    @Autowired
    EventStore eventStore;

    private final InternalTokens tokens = InternalTokens.shared();

    @Test
    void aGrantedPartnerGetsASignedStatementThatVerifiesWithThePublishedKeys() throws Exception {
        String run = Long.toString(System.nanoTime());
        String org = "sme-" + run;
        String partner = "bank-" + run;
        LocalDate today = BusinessTime.today(Clock.systemUTC());
        CurrentContext.runWith(RequestContext.forTenant(TenantId.of(org), Actor.user("owner-" + org)), () -> {
            eventStore.publish(new GenericDomainEventMessage<>(
                    "Organization",
                    org,
                    0,
                    new ConsentGrantedEvent(
                            ConsentGrantId.of("grant-" + org),
                            TenantId.of(org),
                            Grantee.partnerClient(PartnerClientId.of(partner)),
                            ConsentScope.LEVEL_ONLY,
                            today,
                            null)));
            eventStore.publish(new GenericDomainEventMessage<>(
                    "SecurityAction",
                    "security-action:" + org,
                    0,
                    Statuses.oneStarDeclared(today).event(org, today)));
        });
        String partnerToken = tokens.token(
                partner, "PARTNER_CLIENT:" + partner, null, List.of(), InternalTokens.ISSUER, Duration.ofSeconds(60));

        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> as(partnerToken)
                .document(QUERY)
                .variable("id", org)
                .execute()
                .path("attestation.declarationId")
                .entity(String.class)
                .isEqualTo("51234567890"));
        var response = as(partnerToken).document(QUERY).variable("id", org).execute();
        response.path("attestation.level").entity(String.class).isEqualTo("ONE_STAR");
        response.path("attestation.standing").entity(String.class).isEqualTo("GOOD");
        response.path("attestation.lapseReason").valueIsNull();
        response.path("attestation.lapsedOn").valueIsNull();
        String statement =
                response.path("attestation.statement").entity(String.class).get();
        // the key set, public without a token, as a partner's verifier fetches it
        String keys = publicKeySet();
        assertThat(as(tokens.user("anyone-" + run, null))
                        .document("{ attestationKeys }")
                        .execute()
                        .path("attestationKeys")
                        .entity(String.class)
                        .get())
                .as("the GraphQL query answers the same set")
                .isEqualTo(keys);

        JWSObject jws = JWSObject.parse(statement);
        assertThat(jws.getHeader().getKeyID()).isEqualTo(TestKeys.thumbprint(SIGNING_KEY));
        RSAKey key = (RSAKey) JWKSet.parse(keys).getKeyByKeyId(jws.getHeader().getKeyID());
        assertThat(jws.verify(new RSASSAVerifier(key))).isTrue();
        // as docs/insights.md shows a partner verifying it
        var processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("hoshi-attestation+jwt")));
        processor.setJWSKeySelector(
                new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, new ImmutableJWKSet<>(JWKSet.parse(keys))));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(
                partner,
                new JWTClaimsSet.Builder().issuer("hoshi-insights").build(),
                Set.of("sub", "level", "standing", "asOf")));
        JWTClaimsSet verified = processor.process(statement, null);
        assertThat(verified.getStringClaim("level")).isEqualTo("ONE_STAR");
        assertThat(verified.getStringClaim("standing")).isEqualTo("GOOD");
        // after a restart (or on another replica) the same key file gives the same set
        assertThat(JWKSet.parse(keys).toString())
                .isEqualTo(AttestationKeys.fromPem(TestKeys.privatePem(SIGNING_KEY), "the same file")
                        .withPrevious(List.of(AttestationKeys.previousKey(TestKeys.publicPem(PREVIOUS_KEY), "old")))
                        .publicKeySet()
                        .toString());
        assertThat(jws.getPayload().toJSONObject())
                .containsEntry("sub", org)
                .containsEntry("level", "ONE_STAR")
                .containsEntry("standing", "GOOD")
                .containsEntry("declarationId", "51234567890")
                .doesNotContainKeys("lapseReason", "lapsedOn");
        Map<String, Object> altered = jws.getPayload().toJSONObject();
        altered.put("level", "TWO_STARS");
        String[] parts = statement.split("\\.");
        JWSObject forged = JWSObject.parse(parts[0] + "." + new Payload(altered).toBase64URL() + "." + parts[2]);
        assertThat(forged.verify(new RSASSAVerifier(key))).isFalse();

        // another partner, a person of the organisation: null, as if it did not exist
        as(tokens.token(
                        "other-" + run,
                        "PARTNER_CLIENT:other-" + run,
                        null,
                        List.of(),
                        InternalTokens.ISSUER,
                        Duration.ofSeconds(60)))
                .document(QUERY)
                .variable("id", org)
                .execute()
                .path("attestation")
                .valueIsNull();
        as(tokens.user("owner-" + org, org))
                .document(QUERY)
                .variable("id", org)
                .execute()
                .path("attestation")
                .valueIsNull();

        // the organisation is told who read it: a disclosure event per attestation served to the granted partner,
        // none for the refused callers
        List<MemberDataDisclosedEvent> disclosed = new java.util.ArrayList<>();
        try (var stream = eventStore.openStream(null)) {
            while (stream.hasNextAvailable(500, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                if (stream.nextAvailable().getPayload() instanceof MemberDataDisclosedEvent d
                        && d.organizationId().toString().equals(org)) {
                    disclosed.add(d);
                }
            }
        }
        assertThat(disclosed).isNotEmpty().allSatisfy(d -> {
            assertThat(d.what()).isEqualTo("ATTESTATION");
            assertThat(d.viewer()).isEqualTo("PARTNER_CLIENT:" + partner);
        });
    }

    @Test
    void aPartnerMayNameTheOrganisationByItsCorporateNumber() {
        String run = Long.toString(System.nanoTime());
        String org = "corp-" + run;
        String partner = "bank-" + run;
        String twelve = String.format("%012d", Math.floorMod(System.nanoTime(), 1_000_000_000_000L));
        String number = CorporateNumber.checkDigit(twelve) + twelve;
        registerGrantingLevelOnly(org, number, partner);
        String partnerToken = tokens.token(
                partner, "PARTNER_CLIENT:" + partner, null, List.of(), InternalTokens.ISSUER, Duration.ofSeconds(60));
        String byNumber = "query($n: String) { attestation(corporateNumber: $n) { organizationId level } }";

        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> as(partnerToken)
                .document(byNumber)
                .variable("n", number)
                .execute()
                .path("attestation.organizationId")
                .entity(String.class)
                .isEqualTo(org));
        as(partnerToken)
                .document(byNumber)
                .variable("n", "1234567890123")
                .execute()
                .errors()
                .expect(e -> "INVALID_CORPORATE_NUMBER".equals(e.getExtensions().get("code")))
                .verify();
        as(partnerToken)
                .document("query($n: String) { attestation(organizationId: \"x\", corporateNumber: $n) { level } }")
                .variable("n", number)
                .execute()
                .errors()
                .expect(e -> "ORGANIZATION_REQUIRED".equals(e.getExtensions().get("code")))
                .verify();
    }

    @Test
    void aCorporateNumberThatLegacyDataGivesTwoOrganisationsIsAnExplicitErrorNotAnArbitraryPick() {
        String run = Long.toString(System.nanoTime());
        String partner = "bank-dup-" + run;
        String twelve = String.format("%012d", Math.floorMod(System.nanoTime() + 7, 1_000_000_000_000L));
        String number = CorporateNumber.checkDigit(twelve) + twelve;
        List<String> orgs = List.of("dup-a-" + run, "dup-b-" + run);
        for (String org : orgs) {
            registerGrantingLevelOnly(org, number, partner);
        }
        String partnerToken = tokens.token(
                partner, "PARTNER_CLIENT:" + partner, null, List.of(), InternalTokens.ISSUER, Duration.ofSeconds(60));
        // both are projected once each answers by its id
        for (String org : orgs) {
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> as(partnerToken)
                    .document("query($o: ID) { attestation(organizationId: $o) { organizationId } }")
                    .variable("o", org)
                    .execute()
                    .path("attestation.organizationId")
                    .entity(String.class)
                    .isEqualTo(org));
        }

        as(partnerToken)
                .document("query($n: String) { attestation(corporateNumber: $n) { organizationId level } }")
                .variable("n", number)
                .execute()
                .errors()
                .expect(e -> "CORPORATE_NUMBER_AMBIGUOUS"
                                .equals(e.getExtensions().get("code"))
                        && e.getMessage().contains("organizationId")
                        && String.valueOf(e.getExtensions().get("messageJa")).contains("organizationId"))
                .verify()
                .path("attestation")
                .valueIsNull();
    }

    /** Directory's events: {@code org} registered with corporate number {@code number}, granting LEVEL_ONLY today. */
    private void registerGrantingLevelOnly(String org, String number, String partner) {
        LocalDate today = BusinessTime.today(Clock.systemUTC());
        CurrentContext.runWith(RequestContext.forTenant(TenantId.of(org), Actor.user("owner-" + org)), () -> {
            eventStore.publish(new GenericDomainEventMessage<>(
                    "Organization",
                    org,
                    0,
                    new OrganizationRegisteredEvent(
                            TenantId.of(org),
                            "法人" + org,
                            null,
                            CorporateNumber.of(number),
                            UserId.of("owner-" + org))));
            eventStore.publish(new GenericDomainEventMessage<>(
                    "Organization",
                    org,
                    1,
                    new ConsentGrantedEvent(
                            ConsentGrantId.of("grant-" + org),
                            TenantId.of(org),
                            Grantee.partnerClient(PartnerClientId.of(partner)),
                            ConsentScope.LEVEL_ONLY,
                            today,
                            null)));
        });
    }

    @Test
    void theKeySetIsPublicCacheableAndHoldsOnlyPublicKeys() throws Exception {
        JWKSet keys = JWKSet.parse(publicKeySet());

        assertThat(keys.getKeys())
                .extracting(JWK::getKeyID)
                .as("the current key, then the previous one")
                .containsExactly(TestKeys.thumbprint(SIGNING_KEY), TestKeys.thumbprint(PREVIOUS_KEY));
        assertThat(keys.getKeys()).noneMatch(JWK::isPrivate).allSatisfy(k -> {
            assertThat(k.getKeyType().getValue()).isEqualTo("RSA");
            assertThat(k.getAlgorithm().getName()).isEqualTo("RS256");
            assertThat(k.getKeyUse().identifier()).isEqualTo("sig");
        });
        assertThat(publicKeySet()).doesNotContain("\"d\"", "\"p\"", "\"q\"", "\"dp\"", "\"dq\"", "\"qi\"");

        // only that path, only GET: the rest of the service still needs the gateway's token
        WebTestClient anonymous = WebTestClient.bindToServer()
                .responseTimeout(RESPONSE_TIMEOUT)
                .baseUrl("http://localhost:" + port)
                .build();
        anonymous
                .post()
                .uri("/.well-known/attestation-keys.json")
                .exchange()
                .expectStatus()
                .isUnauthorized();
        anonymous.get().uri("/.well-known/jwks.json").exchange().expectStatus().isUnauthorized();
        anonymous.get().uri("/graphql").exchange().expectStatus().isUnauthorized();
    }

    private String publicKeySet() {
        return WebTestClient.bindToServer()
                .responseTimeout(RESPONSE_TIMEOUT)
                .baseUrl("http://localhost:" + port)
                .build()
                .get()
                .uri("/.well-known/attestation-keys.json")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentType("application/jwk-set+json")
                .expectHeader()
                .cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }

    private HttpGraphQlTester as(String token) {
        return HttpGraphQlTester.builder(WebTestClient.bindToServer()
                        .responseTimeout(RESPONSE_TIMEOUT)
                        .baseUrl("http://localhost:" + port + "/graphql")
                        .defaultHeader("Authorization", "Bearer " + token))
                .responseTimeout(RESPONSE_TIMEOUT)
                .build();
    }
}
