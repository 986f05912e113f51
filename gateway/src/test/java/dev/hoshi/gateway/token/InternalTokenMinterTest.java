package dev.hoshi.gateway.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.hoshi.gateway.security.Caller;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class InternalTokenMinterTest {

    static final Instant NOW = Instant.parse("2026-04-01T09:00:00.750Z");

    final InternalSigningKey key = InternalSigningKey.generate();
    final InternalTokenMinter minter = new InternalTokenMinter(
            key,
            new InternalTokenProperties("hoshi-gateway", "hoshi-services", Duration.ofSeconds(60), null),
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void tokenIsSignedRs256WithTheKeysKid() throws Exception {
        SignedJWT jwt = SignedJWT.parse(minter.mint(sato(), Optional.empty()));

        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(jwt.getHeader().getKeyID()).isEqualTo(key.kid()).isNotBlank();
        RSAKey published = key.publicJwks().getKeyByKeyId(key.kid()).toRSAKey();
        assertThat(jwt.verify(new RSASSAVerifier(published))).isTrue();
    }

    @Test
    void tokenSaysWhoIsCallingForWhichOrganisation() throws Exception {
        JWTClaimsSet claims = claims(minter.mint(sato(), Optional.of("org-sato")));

        assertThat(claims.getIssuer()).isEqualTo("hoshi-gateway");
        assertThat(claims.getAudience()).containsExactly("hoshi-services");
        assertThat(claims.getSubject()).isEqualTo("demo-sato");
        assertThat(claims.getStringClaim("actor")).isEqualTo("USER:demo-sato");
        assertThat(claims.getStringListClaim("roles")).containsExactly("a_role", "platform_operator");
        assertThat(claims.getStringClaim("name")).isEqualTo("佐藤 健一");
        assertThat(claims.getStringClaim("org")).isEqualTo("org-sato");
        assertThat(claims.getJWTID()).isNotBlank();
    }

    @Test
    void tokenLivesForTheConfiguredLifetimeFromNow() throws Exception {
        JWTClaimsSet claims = claims(minter.mint(sato(), Optional.empty()));

        assertThat(claims.getIssueTime().toInstant()).isEqualTo(Instant.parse("2026-04-01T09:00:00Z"));
        assertThat(claims.getExpirationTime().toInstant()).isEqualTo(Instant.parse("2026-04-01T09:01:00Z"));
    }

    @Test
    void partnerClientIsItsOwnKindOfActor() throws Exception {
        Caller bank = Caller.partnerClient("bank-demo", new TreeSet<>(), Optional.empty());

        JWTClaimsSet claims = claims(minter.mint(bank, Optional.empty()));

        assertThat(claims.getSubject()).isEqualTo("partner:bank-demo");
        assertThat(claims.getStringClaim("actor")).isEqualTo("PARTNER_CLIENT:bank-demo");
    }

    @Test
    void absentNameAndOrganisationAreLeftOutAndRolesAreAnEmptyArray() throws Exception {
        Caller anonymousName = Caller.user("u-1", new TreeSet<>(), Optional.empty());

        JWTClaimsSet claims = claims(minter.mint(anonymousName, Optional.empty()));

        assertThat(claims.getClaims()).doesNotContainKeys("name", "org");
        assertThat(claims.getClaim("roles")).isEqualTo(List.of());
    }

    @Test
    void everyTokenHasItsOwnJti() throws Exception {
        String first = claims(minter.mint(sato(), Optional.empty())).getJWTID();
        String second = claims(minter.mint(sato(), Optional.empty())).getJWTID();

        assertThat(first).isNotEqualTo(second);
    }

    private static Caller sato() {
        return Caller.user("demo-sato", new TreeSet<>(List.of("platform_operator", "a_role")), Optional.of("佐藤 健一"));
    }

    private static JWTClaimsSet claims(String token) throws Exception {
        return SignedJWT.parse(token).getJWTClaimsSet();
    }
}
