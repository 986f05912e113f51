package dev.hoshi.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import dev.hoshi.compliance.api.securityaction.SecurityActionEvents.DeclarationRecordedEvent;
import dev.hoshi.compliance.api.status.SecurityActionLevel;
import dev.hoshi.directory.api.consent.ConsentGrantId;
import dev.hoshi.directory.api.consent.ConsentGrantedEvent;
import dev.hoshi.directory.api.consent.ConsentScope;
import dev.hoshi.directory.api.consent.Grantee;
import dev.hoshi.directory.api.organization.CorporateNumber;
import dev.hoshi.directory.api.organization.OrganizationRegisteredEvent;
import dev.hoshi.insights.api.disclosure.MemberDataDisclosedEvent;
import dev.hoshi.kernel.context.Actor;
import dev.hoshi.kernel.context.CurrentContext;
import dev.hoshi.kernel.context.RequestContext;
import dev.hoshi.kernel.id.PartnerClientId;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.kernel.id.UserId;
import dev.hoshi.kernel.time.BusinessTime;
import dev.hoshi.testsupport.InternalTokens;
import dev.hoshi.testsupport.ServiceTestProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** A partner portal asks for an SME's SECURITY ACTION status and verifies the statement offline. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AttestationGraphQlIT {

    private static final String QUERY =
            "query($id: ID!) { attestation(organizationId: $id) { level declarationId declaredOn scope asOf statement } }";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ServiceTestProperties.register(registry);
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
                    new DeclarationRecordedEvent(
                            TenantId.of(org), SecurityActionLevel.ONE_STAR, "51234567890", "NEW", today)));
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
        String statement =
                response.path("attestation.statement").entity(String.class).get();
        String keys = as(tokens.user("anyone-" + run, null))
                .document("{ attestationKeys }")
                .execute()
                .path("attestationKeys")
                .entity(String.class)
                .get();

        JWSObject jws = JWSObject.parse(statement);
        RSAKey key = (RSAKey) JWKSet.parse(keys).getKeyByKeyId(jws.getHeader().getKeyID());
        assertThat(jws.verify(new RSASSAVerifier(key))).isTrue();
        assertThat(jws.getPayload().toJSONObject())
                .containsEntry("sub", org)
                .containsEntry("level", "ONE_STAR")
                .containsEntry("declarationId", "51234567890");
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
        LocalDate today = BusinessTime.today(Clock.systemUTC());
        CurrentContext.runWith(RequestContext.forTenant(TenantId.of(org), Actor.user("owner-" + org)), () -> {
            eventStore.publish(new GenericDomainEventMessage<>(
                    "Organization",
                    org,
                    0,
                    new OrganizationRegisteredEvent(
                            TenantId.of(org),
                            "法人" + run,
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

    private HttpGraphQlTester as(String token) {
        return HttpGraphQlTester.builder(WebTestClient.bindToServer()
                        .baseUrl("http://localhost:" + port + "/graphql")
                        .defaultHeader("Authorization", "Bearer " + token))
                .build();
    }
}
