package dev.hoshi.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

class CallerMapperTest {

    final CallerMapper mapper = new CallerMapper(new GatewaySecurityProperties(
            List.of("ops-admin"), new GatewaySecurityProperties.Oidc(null, null), List.of()));

    @Test
    void personIsAUserActorNamedByNameElsePreferredUsername() {
        Caller alice =
                mapper.toCaller(jwt(Map.of("sub", "alice", "name", "Alice", "preferred_username", "a")), PERSON_ISSUER);
        Caller bob = mapper.toCaller(jwt(Map.of("sub", "bob", "preferred_username", "bob@example.com")), PERSON_ISSUER);
        Caller anonymous = mapper.toCaller(jwt(Map.of("sub", "carol")), PERSON_ISSUER);

        assertThat(alice.actor()).hasToString("USER:alice");
        assertThat(alice.name()).contains("Alice");
        assertThat(bob.name()).contains("bob@example.com");
        assertThat(anonymous.name()).isEmpty();
        assertThat(anonymous.roles()).isEmpty();
    }

    @Test
    void listedSubjectsGetPlatformOperatorBesidesTheRolesTheirIssuerStates() {
        Caller operator = mapper.toCaller(jwt(Map.of("sub", "ops-admin")), issuerStating(Set.of("auditor")));

        assertThat(operator.roles()).containsExactly("auditor", "platform_operator");
    }

    @Test
    void aBareRolesClaimGrantsNothingUnlessTheIssuerSaysSo() {
        Jwt token = jwt(Map.of("sub", "mallory", "roles", List.of("platform_operator")));

        assertThat(mapper.toCaller(token, PERSON_ISSUER).roles()).isEmpty();
    }

    @Test
    void rolesClaimMayBeOneString() {
        assertThat(RoleClaims.parse("a b,c")).containsExactly("a", "b", "c");
        assertThat(RoleClaims.parse(List.of(" a", 3, ""))).containsExactly("a");
        assertThat(RoleClaims.parse(Map.of("a", "b"))).isEmpty();
    }

    @Test
    void partnerSubjectIsAPartnerClientOnlyFromIssuersThatMaySaySo() {
        Jwt bank = jwt(Map.of("sub", "partner:bank-demo"));

        Caller partner = mapper.toCaller(bank, PARTNER_ISSUER);
        assertThat(partner.subject()).isEqualTo("partner:bank-demo");
        assertThat(partner.actor()).hasToString("PARTNER_CLIENT:bank-demo");
        assertThatThrownBy(() -> mapper.toCaller(bank, PERSON_ISSUER))
                .isInstanceOf(InvalidBearerTokenException.class)
                .hasMessageContaining("reserved");
    }

    @Test
    void tokenWithoutSubjectNamesNoCaller() {
        assertThatThrownBy(() -> mapper.toCaller(jwt(Map.of("name", "nobody")), PERSON_ISSUER))
                .isInstanceOf(InvalidBearerTokenException.class);
    }

    static final TrustedIssuer PERSON_ISSUER = issuer(false, Set.of());
    static final TrustedIssuer PARTNER_ISSUER = issuer(true, Set.of());

    private static TrustedIssuer issuerStating(Set<String> roles) {
        return issuer(false, roles);
    }

    private static TrustedIssuer issuer(boolean partners, Set<String> roles) {
        return new TrustedIssuer() {
            @Override
            public String issuer() {
                return "test";
            }

            @Override
            public ReactiveJwtDecoder decoder() {
                throw new UnsupportedOperationException();
            }

            @Override
            public OAuth2TokenValidator<Jwt> validator() {
                throw new UnsupportedOperationException();
            }

            @Override
            public boolean mayIssuePartnerClients() {
                return partners;
            }

            @Override
            public Set<String> roles(Jwt jwt) {
                return roles;
            }
        };
    }

    private static Jwt jwt(Map<String, Object> claims) {
        return Jwt.withTokenValue("t")
                .header("alg", "RS256")
                .claims(c -> c.putAll(claims))
                .issuedAt(Instant.now())
                .build();
    }
}
