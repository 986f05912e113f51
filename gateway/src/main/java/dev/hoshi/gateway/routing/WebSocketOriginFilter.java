package dev.hoshi.gateway.routing;

import dev.hoshi.gateway.web.ErrorBody;
import dev.hoshi.gateway.web.ErrorResponses;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * A WebSocket handshake from a web page is let through only from the gateway's own origin or one listed in
 * {@code hoshi.gateway.websocket.allowed-origins}: a browser sends a page's {@code Origin} with every handshake and
 * lets any page open a WebSocket anywhere, so without this check a page elsewhere could use a signed-in browser's
 * credential (cross-site WebSocket hijacking). A handshake with no {@code Origin} (a server-side client) is not a
 * browser's and passes. Refused: 403 {@code ORIGIN_NOT_ALLOWED}, before any token is minted.
 */
@Component
class WebSocketOriginFilter implements GlobalFilter, Ordered {

    private static final ErrorBody NOT_ALLOWED = new ErrorBody(
            "ORIGIN_NOT_ALLOWED",
            "WebSocket connections are not allowed from this origin.",
            "このオリジンからの WebSocket 接続は許可されていません。");

    private final Set<String> allowed;

    WebSocketOriginFilter(@Value("${hoshi.gateway.websocket.allowed-origins:}") List<String> allowedOrigins) {
        this.allowed = allowedOrigins.stream()
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .map(WebSocketOriginFilter::normalise)
                .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        HttpHeaders headers = exchange.getRequest().getHeaders();
        if (!"websocket".equalsIgnoreCase(headers.getUpgrade()) || isAllowed(headers)) {
            return chain.filter(exchange);
        }
        return ErrorResponses.write(exchange, HttpStatus.FORBIDDEN, NOT_ALLOWED);
    }

    private boolean isAllowed(HttpHeaders headers) {
        List<String> origins = headers.getOrEmpty(HttpHeaders.ORIGIN);
        if (origins.isEmpty()) {
            return true;
        }
        if (origins.size() > 1) {
            return false;
        }
        String origin = normalise(origins.get(0));
        if (allowed.contains(origin)) {
            return true;
        }
        // same origin: the page was served by this gateway, under the host the browser used for the handshake
        String host = headers.getFirst(HttpHeaders.HOST);
        try {
            URI uri = URI.create(origin);
            String authority = uri.getRawAuthority();
            return host != null && authority != null && authority.equalsIgnoreCase(host.trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String normalise(String origin) {
        String trimmed = origin.trim().toLowerCase(Locale.ROOT);
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }

    /** Before the internal token is minted ({@link InternalTokenRelayFilter}, order 0). */
    @Override
    public int getOrder() {
        return -1;
    }
}
