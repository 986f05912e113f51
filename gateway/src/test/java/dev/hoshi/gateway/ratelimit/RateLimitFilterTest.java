package dev.hoshi.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hoshi.gateway.MovingClock;
import dev.hoshi.gateway.security.Caller;
import dev.hoshi.gateway.security.CallerAuthentication;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

class RateLimitFilterTest {

    // callers: 60 a minute (one a second), burst 3; anonymous: 30 a minute (one every 2 s), burst 2
    private final MovingClock clock = new MovingClock(Instant.parse("2026-11-26T00:00:00Z"));
    private final RateLimitFilter filter =
            new RateLimitFilter(new RateLimitProperties(true, 60, 3, 30, 2, 1000), clock);
    private final AtomicInteger passed = new AtomicInteger();
    private final WebFilterChain chain = exchange -> {
        passed.incrementAndGet();
        return Mono.empty();
    };

    @Test
    void aCallerMaySendItsBurstThenIsRefusedWith429UntilATokenIsBack() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(send(asCaller("demo-sato")).getResponse().getStatusCode())
                    .isNull();
        }
        assertThat(passed).hasValue(3);

        MockServerWebExchange refused = send(asCaller("demo-sato"));
        assertThat(passed).hasValue(3);
        assertThat(refused.getResponse().getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(refused.getResponse().getHeaders().getFirst(HttpHeaders.RETRY_AFTER))
                .isEqualTo("1");
        JsonNode body = new ObjectMapper()
                .readTree(refused.getResponse().getBodyAsString().block());
        JsonNode error = body.path("errors").path(0);
        assertThat(error.path("extensions").path("code").asText()).isEqualTo("RATE_LIMITED");
        assertThat(error.path("extensions").path("retryAfterSeconds").asLong()).isEqualTo(1);
        assertThat(error.path("message").asText()).contains("Wait 1 s");
        assertThat(error.path("extensions").path("messageJa").asText()).contains("1 秒");
        assertThat(body.path("code").asText()).isEqualTo("RATE_LIMITED");
        assertThat(body.path("messageJa").asText()).isNotBlank();

        // another caller has its own bucket
        assertThat(send(asCaller("demo-suzuki")).getResponse().getStatusCode()).isNull();
        assertThat(send(asCaller("partner:bank-demo")).getResponse().getStatusCode())
                .isNull();

        // half a second later still nothing; a full second after the refusal, one request again
        clock.advance(Duration.ofMillis(500));
        assertThat(send(asCaller("demo-sato")).getResponse().getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        clock.advance(Duration.ofMillis(500));
        assertThat(send(asCaller("demo-sato")).getResponse().getStatusCode()).isNull();
        assertThat(send(asCaller("demo-sato")).getResponse().getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);

        // a long quiet spell refills only up to the burst
        clock.advance(Duration.ofHours(1));
        int before = passed.get();
        for (int i = 0; i < 5; i++) {
            send(asCaller("demo-sato"));
        }
        assertThat(passed.get() - before).isEqualTo(3);
    }

    @Test
    void requestsWithoutACallerAreCountedPerClientAddressAtTheAnonymousLimit() {
        assertThat(send(anonymous("/demo/token", "192.0.2.1")).getResponse().getStatusCode())
                .isNull();
        assertThat(send(anonymous("/demo/token", "192.0.2.1")).getResponse().getStatusCode())
                .isNull();
        MockServerWebExchange refused = send(anonymous("/demo/token", "192.0.2.1"));
        assertThat(refused.getResponse().getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(refused.getResponse().getHeaders().getFirst(HttpHeaders.RETRY_AFTER))
                .isEqualTo("2");
        assertThat(send(anonymous("/demo/token", "192.0.2.2")).getResponse().getStatusCode())
                .isNull();
    }

    @Test
    void healthProbesAreNeverLimited() {
        for (int i = 0; i < 50; i++) {
            assertThat(send(anonymous("/actuator/health/liveness", "192.0.2.1"))
                            .getResponse()
                            .getStatusCode())
                    .isNull();
            send(anonymous("/actuator/health", "192.0.2.1"));
        }
        assertThat(passed).hasValue(100);
        assertThat(send(anonymous("/actuator/healthy", "192.0.2.1"))
                        .getResponse()
                        .getStatusCode())
                .isNull();
    }

    @Test
    void readingThePagesStaticFilesIsNeverLimitedButPostingThereIs() {
        for (int i = 0; i < 50; i++) {
            send(anonymous("/webjars/htmx.org/2.0.4/dist/htmx.min.js", "192.0.2.3"));
            send(anonymous("/ui/hoshi.css", "192.0.2.3"));
        }
        assertThat(passed).hasValue(100);
        assertThat(send(anonymous("/app", "192.0.2.3")).getResponse().getStatusCode())
                .isNull();

        for (int i = 0; i < 10; i++) {
            send(MockServerWebExchange.from(MockServerHttpRequest.post("/ui/hoshi.css")
                    .remoteAddress(new InetSocketAddress("192.0.2.4", 40000))));
        }
        assertThat(passed).hasValue(103); // the burst of 2, then refused
    }

    @Test
    void turnedOffEverythingPasses() {
        RateLimitFilter off = new RateLimitFilter(new RateLimitProperties(false, 1, 1, 1, 1, 1), clock);
        for (int i = 0; i < 10; i++) {
            off.filter(asCaller("demo-sato"), chain).block();
        }
        assertThat(passed).hasValue(10);
    }

    @Test
    void theBucketsStayBoundedWhateverNumberOfCallersComes() {
        TokenBuckets buckets = new TokenBuckets(clock, 100);
        RateLimitProperties.Limit limit = new RateLimitProperties.Limit(60, 1);
        assertThat(buckets.take("busy", limit).allowed()).isTrue();
        for (int i = 0; i < 10_000; i++) {
            assertThat(buckets.take("caller-" + i, limit).allowed()).isTrue();
        }
        assertThat(buckets.tracked()).isEqualTo(100);
        // the busy caller's bucket was forgotten while it was idle; it starts full again
        assertThat(buckets.take("busy", limit).allowed()).isTrue();
        assertThat(buckets.take("busy", limit).allowed()).isFalse();
    }

    private MockServerWebExchange send(MockServerWebExchange exchange) {
        filter.filter(exchange, chain).block();
        return exchange;
    }

    private static MockServerWebExchange asCaller(String subject) {
        Caller caller = subject.startsWith(Caller.PARTNER_PREFIX)
                ? Caller.partnerClient(
                        subject.substring(Caller.PARTNER_PREFIX.length()), new TreeSet<>(), Optional.empty())
                : Caller.user(subject, new TreeSet<>(), Optional.empty());
        return MockServerWebExchange.builder(MockServerHttpRequest.post("/compliance/graphql")
                        .remoteAddress(new InetSocketAddress("192.0.2.1", 40000)))
                .principal(new CallerAuthentication(caller))
                .build();
    }

    private static MockServerWebExchange anonymous(String path, String address) {
        return MockServerWebExchange.from(
                MockServerHttpRequest.get(path).remoteAddress(new InetSocketAddress(address, 40000)));
    }
}
