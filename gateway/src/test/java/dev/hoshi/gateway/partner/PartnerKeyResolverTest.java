package dev.hoshi.gateway.partner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoshi.gateway.MovingClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.authentication.BadCredentialsException;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class PartnerKeyResolverTest {

    private static final String SECRET = "s3cretS3cretS3cretS3cret";
    private static final String KEY = "hoshi_pk_key1_" + SECRET;

    private final List<String> asked = new ArrayList<>();
    private final AtomicReference<Optional<PartnerKeyDirectory.PartnerClient>> answer =
            new AtomicReference<>(Optional.of(new PartnerKeyDirectory.PartnerClient("bank-demo", "星ヶ丘銀行")));
    private final MovingClock clock = new MovingClock(Instant.parse("2026-11-26T00:00:00Z"));
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private final PartnerKeyResolver resolver = new PartnerKeyResolver(
            (keyId, hash) -> {
                asked.add(keyId + ":" + hash);
                return Mono.just(answer.get());
            },
            clock,
            metrics);

    @Test
    void aValidKeyBecomesThePartnerClientAndIsAskedAboutOncePerHalfMinute() {
        StepVerifier.create(resolver.resolve(exchange(KEY)))
                .assertNext(caller -> {
                    assertThat(caller.subject()).isEqualTo("partner:bank-demo");
                    assertThat(caller.actor()).hasToString("PARTNER_CLIENT:bank-demo");
                })
                .verifyComplete();
        StepVerifier.create(resolver.resolve(exchange(KEY))).expectNextCount(1).verifyComplete();
        assertThat(asked).containsExactly("key1:" + PartnerKeyResolver.sha256(SECRET));
        assertThat(asked.get(0)).doesNotContain(SECRET);

        // revoked in directory: refused once the cached answer is older than 30 s
        answer.set(Optional.empty());
        clock.advance(PartnerKeyResolver.KNOWN.plusSeconds(1));
        StepVerifier.create(resolver.resolve(exchange(KEY)))
                .expectError(BadCredentialsException.class)
                .verify();
        assertThat(asked).hasSize(2);
        assertThat(cache("hit")).as("the second look-up, from the cache").isEqualTo(1);
        assertThat(cache("miss"))
                .as("the first, and the one after the answer expired")
                .isEqualTo(2);
    }

    private double cache(String result) {
        return metrics.get(PartnerKeyResolver.CACHE_METRIC)
                .tag("result", result)
                .counter()
                .count();
    }

    @Test
    void noKeyLeavesTheRequestToOtherMechanismsAndAMalformedKeyIsRefused() {
        StepVerifier.create(resolver.resolve(MockServerWebExchange.from(MockServerHttpRequest.get("/x"))))
                .verifyComplete();
        StepVerifier.create(resolver.resolve(exchange("not-a-hoshi-key")))
                .expectError(BadCredentialsException.class)
                .verify();
        assertThat(asked).isEmpty();
    }

    @Test
    void aFloodOfUnknownKeysDoesNotPushAGoodKeyOutOfTheCache() {
        String good = "key1:" + PartnerKeyResolver.sha256(SECRET);
        StepVerifier.create(resolver.resolve(exchange(KEY))).expectNextCount(1).verifyComplete();
        answer.set(Optional.empty());
        int junk = PartnerKeyResolver.KNOWN_CAPACITY + PartnerKeyResolver.UNKNOWN_CAPACITY + 1;
        for (int i = 0; i < junk; i++) {
            StepVerifier.create(resolver.resolve(exchange("hoshi_pk_junk" + i + "_" + SECRET)))
                    .expectError(BadCredentialsException.class)
                    .verify();
        }
        answer.set(Optional.of(new PartnerKeyDirectory.PartnerClient("bank-demo", "星ヶ丘銀行")));

        // still answered from the cache: directory was asked about the good key once, and about each junk key once
        StepVerifier.create(resolver.resolve(exchange(KEY))).expectNextCount(1).verifyComplete();
        assertThat(asked.stream().filter(good::equals)).hasSize(1);
        assertThat(asked).hasSize(1 + junk);
    }

    @Test
    void unknownKeysAreRememberedOnlyBrieflyAndInABoundedCache() {
        answer.set(Optional.empty());
        String junk = "hoshi_pk_junk_" + SECRET;
        StepVerifier.create(resolver.resolve(exchange(junk)))
                .expectError(BadCredentialsException.class)
                .verify();
        StepVerifier.create(resolver.resolve(exchange(junk)))
                .expectError(BadCredentialsException.class)
                .verify();
        assertThat(asked).hasSize(1);
        clock.advance(PartnerKeyResolver.UNKNOWN.plusSeconds(1));
        StepVerifier.create(resolver.resolve(exchange(junk)))
                .expectError(BadCredentialsException.class)
                .verify();
        assertThat(asked).hasSize(2);
        assertThat(PartnerKeyResolver.UNKNOWN_CAPACITY).isLessThan(PartnerKeyResolver.KNOWN_CAPACITY);
    }

    private static MockServerWebExchange exchange(String key) {
        return MockServerWebExchange.from(MockServerHttpRequest.get("/x").header(PartnerKeyResolver.HEADER, key));
    }
}
