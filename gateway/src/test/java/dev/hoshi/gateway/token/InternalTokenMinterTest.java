package dev.hoshi.gateway.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.hoshi.gateway.MovingClock;
import dev.hoshi.gateway.security.Caller;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class InternalTokenMinterTest {

    static final Instant NOW = Instant.parse("2026-04-01T09:00:00.750Z");

    static final InternalSigningKey KEY = InternalSigningKey.generate();

    final InternalSigningKey key = KEY;
    final MovingClock clock = new MovingClock(NOW);
    final InternalTokenMinter minter = minter(0);

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
    void everyMintedTokenHasItsOwnJti() throws Exception {
        String first = claims(minter.mint(sato(), Optional.empty())).getJWTID();
        String second = claims(minter.mint(sato(), Optional.empty())).getJWTID();

        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void theSameCallerForTheSameOrganisationGetsTheSameTokenWhileEnoughOfItIsLeft() {
        InternalTokenMinter caching = minter(100);
        String first = caching.mint(sato(), Optional.of("org-sato"));

        clock.advance(Duration.ofSeconds(44));

        assertThat(caching.mint(sato(), Optional.of("org-sato"))).isEqualTo(first);
    }

    @Test
    void anotherOrganisationRoleNameOrCallerGetsItsOwnToken() throws Exception {
        InternalTokenMinter caching = minter(100);
        String sato = caching.mint(sato(), Optional.of("org-sato"));

        String otherOrg = caching.mint(sato(), Optional.of("org-other"));
        String noOrg = caching.mint(sato(), Optional.empty());
        String fewerRoles = caching.mint(
                Caller.user("demo-sato", new TreeSet<>(List.of("a_role")), Optional.of("佐藤 健一")),
                Optional.of("org-sato"));
        String otherName = caching.mint(
                Caller.user("demo-sato", new TreeSet<>(List.of("platform_operator", "a_role")), Optional.empty()),
                Optional.of("org-sato"));
        String partner = caching.mint(
                Caller.partnerClient(
                        "demo-sato", new TreeSet<>(List.of("platform_operator", "a_role")), Optional.empty()),
                Optional.of("org-sato"));

        assertThat(List.of(sato, otherOrg, noOrg, fewerRoles, otherName, partner))
                .doesNotHaveDuplicates();
        assertThat(claims(otherOrg).getStringClaim("org")).isEqualTo("org-other");
        assertThat(claims(fewerRoles).getStringListClaim("roles")).containsExactly("a_role");
        assertThat(claims(partner).getStringClaim("actor")).isEqualTo("PARTNER_CLIENT:demo-sato");
    }

    @Test
    void aTokenWithinTheMarginOfItsExpiryIsMintedAnew() throws Exception {
        InternalTokenMinter caching = minter(100);
        String first = caching.mint(sato(), Optional.empty());

        // minted at 09:00:00 (iat truncated), expires 09:01:00; at 09:00:45.750 less than 15 s are left
        clock.advance(Duration.ofSeconds(45));
        String second = caching.mint(sato(), Optional.empty());

        assertThat(second).isNotEqualTo(first);
        JWTClaimsSet renewed = claims(second);
        assertThat(renewed.getIssueTime().toInstant()).isEqualTo(Instant.parse("2026-04-01T09:00:45Z"));
        assertThat(renewed.getExpirationTime().toInstant()).isEqualTo(Instant.parse("2026-04-01T09:01:45Z"));
        assertThat(renewed.getJWTID()).isNotEqualTo(claims(first).getJWTID());
        assertThat(caching.mint(sato(), Optional.empty())).isEqualTo(second);
    }

    @Test
    void theCacheKeepsOnlyTheMostRecentlyUsedCallers() {
        InternalTokenMinter caching = minter(2);
        String first = caching.mint(user("u-1"), Optional.empty());
        caching.mint(user("u-2"), Optional.empty());
        caching.mint(user("u-1"), Optional.empty());

        caching.mint(user("u-3"), Optional.empty());
        for (int i = 4; i < 50; i++) {
            caching.mint(user("u-" + i), Optional.of("org-" + i));
            assertThat(caching.cachedCallers()).isLessThanOrEqualTo(2);
        }

        assertThat(caching.cachedCallers()).isEqualTo(2);
        assertThat(caching.mint(user("u-1"), Optional.empty())).isNotEqualTo(first);
    }

    @Test
    void recentlyUsedCallerOutlivesAnOlderOne() {
        InternalTokenMinter caching = minter(2);
        String first = caching.mint(user("u-1"), Optional.empty());
        String second = caching.mint(user("u-2"), Optional.empty());
        caching.mint(user("u-1"), Optional.empty());

        caching.mint(user("u-3"), Optional.empty());

        assertThat(caching.mint(user("u-1"), Optional.empty())).isEqualTo(first);
        assertThat(caching.mint(user("u-2"), Optional.empty())).isNotEqualTo(second);
    }

    private InternalTokenMinter minter(int cacheSize) {
        return new InternalTokenMinter(
                key,
                new InternalTokenProperties(
                        "hoshi-gateway",
                        "hoshi-services",
                        Duration.ofSeconds(60),
                        null,
                        Duration.ofSeconds(15),
                        cacheSize),
                clock);
    }

    private static Caller user(String subject) {
        return Caller.user(subject, new TreeSet<>(), Optional.empty());
    }

    private static Caller sato() {
        return Caller.user("demo-sato", new TreeSet<>(List.of("platform_operator", "a_role")), Optional.of("佐藤 健一"));
    }

    private static JWTClaimsSet claims(String token) throws Exception {
        return SignedJWT.parse(token).getJWTClaimsSet();
    }
}
