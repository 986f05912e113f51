package dev.hoshi.gateway.partner;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
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
    private final MutableClock clock = new MutableClock();
    private final PartnerKeyResolver resolver = new PartnerKeyResolver(
            (keyId, hash) -> {
                asked.add(keyId + ":" + hash);
                return Mono.just(answer.get());
            },
            clock);

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

    private static MockServerWebExchange exchange(String key) {
        return MockServerWebExchange.from(MockServerHttpRequest.get("/x").header(PartnerKeyResolver.HEADER, key));
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-11-26T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
