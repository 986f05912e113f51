package dev.hoshi.gateway.routing;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The request headers a service receives, on plain requests and WebSocket handshakes alike: only those on
 * {@link #FORWARDED}, so no credential of the caller's (cookies, API keys, proxy credentials, anything a client or
 * proxy invents) and no {@code Forwarded}/{@code X-Forwarded-*} the caller sent reaches a service. It runs after
 * {@link InternalTokenRelayFilter} (so {@code Authorization} is by then the internal token, or absent) and before
 * Spring Cloud Gateway's routing filters, whose header filters then add the gateway's own {@code X-Forwarded-*} and
 * {@code Forwarded}, describing only what the gateway itself saw. The few headers on {@link #FOR_THE_GATEWAY} stay
 * for the gateway's own HTTP and WebSocket clients, which write their own and never copy the caller's.
 */
@Component
class ForwardedHeaderAllowList implements GlobalFilter, Ordered {

    /** Lower-case names of the headers forwarded to services; docs/gateway.md lists them with their reasons. */
    static final Set<String> FORWARDED = Set.of(
            "accept",
            "accept-language",
            "content-type",
            "content-length",
            "authorization",
            "x-hoshi-organization",
            "x-correlation-id",
            "traceparent",
            "tracestate");

    /**
     * Read by the gateway's routing and never sent on as they came: {@code Host} (the client sends the service's own),
     * the hop-by-hop {@code Connection}/{@code Upgrade}/{@code Transfer-Encoding}, and the WebSocket handshake's
     * headers (its client makes a fresh key, and offers the caller's sub-protocols).
     */
    static final Set<String> FOR_THE_GATEWAY = Set.of(
            "host",
            "connection",
            "upgrade",
            "transfer-encoding",
            "sec-websocket-key",
            "sec-websocket-version",
            "sec-websocket-protocol",
            "sec-websocket-extensions");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return chain.filter(exchange.mutate()
                .request(request -> request.headers(ForwardedHeaderAllowList::keepAllowed))
                .build());
    }

    static void keepAllowed(HttpHeaders headers) {
        List<String> refused = headers.keySet().stream()
                .filter(name -> {
                    String lower = name.toLowerCase(Locale.ROOT);
                    return !FORWARDED.contains(lower) && !FOR_THE_GATEWAY.contains(lower);
                })
                .toList();
        refused.forEach(headers::remove);
    }

    /** After {@link InternalTokenRelayFilter} (order 0), long before the routing filters. */
    @Override
    public int getOrder() {
        return 1;
    }
}
