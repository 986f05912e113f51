package dev.hoshi.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

class CallerMapperTest {

    final CallerMapper mapper = new CallerMapper(new GatewaySecurityProperties(
            List.of("ops-admin"), new GatewaySecurityProperties.Oidc(null, null), List.of()));

    @Test
    void personIsAUserActorNamedByNameElsePreferredUsername() {
        Caller alice = mapper.toCaller(jwt(Map.of("sub", "alice", "name", "Alice", "preferred_username", "a")), false);
        Caller bob = mapper.toCaller(jwt(Map.of("sub", "bob", "preferred_username", "bob@example.com")), false);
        Caller anonymous = mapper.toCaller(jwt(Map.of("sub", "carol")), false);

        assertThat(alice.actor()).hasToString("USER:alice");
        assertThat(alice.name()).contains("Alice");
        assertThat(bob.name()).contains("bob@example.com");
        assertThat(anonymous.name()).isEmpty();
        assertThat(anonymous.roles()).isEmpty();
    }

    @Test
    void operatorsGetPlatformOperatorBesidesTheTokensRoles() {
        Caller operator = mapper.toCaller(jwt(Map.of("sub", "ops-admin", "roles", List.of("auditor"))), false);

        assertThat(operator.roles()).containsExactly("auditor", "platform_operator");
    }

    @Test
    void rolesClaimMayBeOneString() {
        Caller caller = mapper.toCaller(jwt(Map.of("sub", "u", "roles", "a b,c")), false);

        assertThat(caller.roles()).containsExactly("a", "b", "c");
    }

    @Test
    void partnerSubjectIsAPartnerClientOnlyFromIssuersThatMaySaySo() {
        Jwt bank = jwt(Map.of("sub", "partner:bank-demo"));

        Caller partner = mapper.toCaller(bank, true);
        assertThat(partner.subject()).isEqualTo("partner:bank-demo");
        assertThat(partner.actor()).hasToString("PARTNER_CLIENT:bank-demo");
        assertThatThrownBy(() -> mapper.toCaller(bank, false))
                .isInstanceOf(InvalidBearerTokenException.class)
                .hasMessageContaining("reserved");
    }

    @Test
    void tokenWithoutSubjectNamesNoCaller() {
        assertThatThrownBy(() -> mapper.toCaller(jwt(Map.of("name", "nobody")), false))
                .isInstanceOf(InvalidBearerTokenException.class);
    }

    private static Jwt jwt(Map<String, Object> claims) {
        return Jwt.withTokenValue("t")
                .header("alg", "RS256")
                .claims(c -> c.putAll(claims))
                .issuedAt(Instant.now())
                .build();
    }
}
