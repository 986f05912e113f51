package dev.hoshi.gateway.routing;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
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
 *
 * <p>A WebSocket handshake also gets the gateway's own origin as {@code Origin} (the caller's was checked by
 * {@link WebSocketOriginFilter} and is dropped here). Without one, the gateway's WebSocket client (Reactor Netty) writes
 * the service's own address as {@code Origin}; the service, which takes its host from the gateway's {@code
 * Forwarded}/{@code X-Forwarded-*} ({@code forward-headers-strategy: framework}), then sees a handshake from another
 * origin and refuses it with 403, and the gateway closes the caller's WebSocket at once with 1002 "Protocol error".
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
        ServerHttpRequest request = exchange.getRequest();
        boolean handshake = "websocket".equalsIgnoreCase(request.getHeaders().getUpgrade());
        String ownOrigin = origin(request.getURI());
        return chain.filter(exchange.mutate()
                .request(forwarded -> forwarded.headers(headers -> {
                    keepAllowed(headers);
                    if (handshake) {
                        headers.setOrigin(ownOrigin);
                    }
                }))
                .build());
    }

    /**
     * The origin of the gateway as the caller reached it: the scheme, host and port that Spring Cloud Gateway's {@code
     * Forwarded} and {@code X-Forwarded-*} headers name too, so a service sees a same-origin handshake.
     */
    private static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
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
