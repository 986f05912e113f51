package dev.hoshi.gateway.ratelimit;

import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.hoshi.gateway.security.CallerAuthentication;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Applies the rate limits to every request except the health probes and the pages' static files, after Spring Security has proven the caller (its
 * filter chain runs at order -100): a proven caller is counted by its subject ({@code partner:<id>} for a partner
 * client), any other request by its client address. Past the limit: 429 with {@code Retry-After} (seconds) and a
 * GraphQL-shaped body, {@code errors[0].extensions.code = RATE_LIMITED}, which also carries the gateway's usual {@code
 * code}, {@code message} and {@code messageJa} at the top. A request refused by Spring Security (a bad credential) is
 * answered there, before this filter.
 */
@Component
class RateLimitFilter implements WebFilter, Ordered {

    static final String CODE = "RATE_LIMITED";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Logger log = LoggerFactory.getLogger(RateLimitFilter.class);

    private final RateLimitProperties properties;
    private final TokenBuckets buckets;

    @Autowired
    RateLimitFilter(RateLimitProperties properties) {
        this(properties, Clock.systemUTC());
    }

    RateLimitFilter(RateLimitProperties properties, Clock clock) {
        this.properties = properties;
        this.buckets = new TokenBuckets(clock, properties.maxTracked());
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!properties.enabled() || isExempt(exchange.getRequest())) {
            return chain.filter(exchange);
        }
        return exchange.getPrincipal()
                .filter(CallerAuthentication.class::isInstance)
                .map(principal ->
                        "caller:" + ((CallerAuthentication) principal).caller().subject())
                .defaultIfEmpty("address:" + clientAddress(exchange))
                .flatMap(key -> {
                    RateLimitProperties.Limit limit =
                            key.startsWith("caller:") ? properties.callers() : properties.anonymous();
                    TokenBuckets.Decision decision = buckets.take(key, limit);
                    if (decision.allowed()) {
                        return chain.filter(exchange);
                    }
                    log.debug("Rate limit reached for {}", key);
                    return refuse(exchange, decision.retryAfterSeconds());
                });
    }

    /**
     * Health probes, and reading the pages' static files (WebJars and {@code /ui/}): a page loads several of them
     * and people behind one office address share the anonymous limit, which is for what costs the services work.
     */
    static boolean isExempt(ServerHttpRequest request) {
        String path = request.getPath().value();
        boolean read = HttpMethod.GET.equals(request.getMethod()) || HttpMethod.HEAD.equals(request.getMethod());
        return isHealthProbe(path) || (read && (path.startsWith("/webjars/") || path.startsWith("/ui/")));
    }

    static boolean isHealthProbe(String path) {
        return path.equals("/actuator/health") || path.startsWith("/actuator/health/");
    }

    private static String clientAddress(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        if (remote == null) {
            return "unknown";
        }
        return remote.getAddress() == null
                ? remote.getHostString()
                : remote.getAddress().getHostAddress();
    }

    static Mono<Void> refuse(ServerWebExchange exchange, long retryAfterSeconds) {
        String message = "Too many requests from this caller. Wait " + retryAfterSeconds
                + " s (Retry-After) before trying again, and spread requests out; if you need a higher limit, ask"
                + " the Hoshi operators.";
        String messageJa = "この呼び出し元からのリクエストが多すぎます。" + retryAfterSeconds
                + " 秒（Retry-After）待ってから再度お試しください。リクエストの間隔を空けてください。上限の引き上げが必要な場合は"
                + " Hoshi の運用担当にご相談ください。";
        Map<String, Object> body = Map.of(
                "code", CODE,
                "message", message,
                "messageJa", messageJa,
                "errors",
                        List.of(Map.of(
                                "message",
                                message,
                                "extensions",
                                Map.of(
                                        "code", CODE,
                                        "messageJa", messageJa,
                                        "retryAfterSeconds", retryAfterSeconds))));
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(HttpStatus.TOO_MANY_REQUESTS);
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        response.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
        return Mono.fromCallable(() -> JSON.writeValueAsBytes(body))
                .flatMap(bytes ->
                        response.writeWith(Mono.just(response.bufferFactory().wrap(bytes))));
    }

    @Override
    public int getOrder() {
        return 0;
    }
}
