package dev.hoshi.gateway.routing;

import dev.hoshi.gateway.security.CallerAuthentication;
import dev.hoshi.gateway.token.InternalTokenMinter;
import dev.hoshi.gateway.web.ErrorResponses;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * For every routed request: removes the caller's {@code Authorization} and any {@code X-Hoshi-Internal-*} header,
 * and, when a caller was proven, adds {@code Authorization: Bearer <internal token>} carrying who it is and the
 * organisation chosen in {@code X-Hoshi-Organization} (400 {@code BAD_ORGANIZATION_HEADER} if that is malformed).
 * Requests that may pass without a caller (GraphiQL pages in demo mode, the paths in {@code
 * hoshi.gateway.public-paths}) go on with no {@code Authorization} at all.
 */
@Component
class InternalTokenRelayFilter implements GlobalFilter, Ordered {

    static final String INTERNAL_HEADER_PREFIX = "x-hoshi-internal-";

    private final InternalTokenMinter minter;

    InternalTokenRelayFilter(InternalTokenMinter minter) {
        this.minter = minter;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Optional<String> organization;
        try {
            organization = OrganizationHeader.read(exchange.getRequest().getHeaders());
        } catch (OrganizationHeader.Invalid invalid) {
            return ErrorResponses.write(exchange, HttpStatus.BAD_REQUEST, invalid.body());
        }
        return exchange.getPrincipal()
                .filter(CallerAuthentication.class::isInstance)
                .map(principal -> Optional.of(minter.mint(((CallerAuthentication) principal).caller(), organization)))
                .defaultIfEmpty(Optional.empty())
                .flatMap(internalToken -> chain.filter(exchange.mutate()
                        .request(request -> request.headers(headers -> replaceCredentials(headers, internalToken)))
                        .build()));
    }

    static void replaceCredentials(HttpHeaders headers, Optional<String> internalToken) {
        headers.remove(HttpHeaders.AUTHORIZATION);
        List<String> internal = headers.keySet().stream()
                .filter(name -> name.toLowerCase(Locale.ROOT).startsWith(INTERNAL_HEADER_PREFIX))
                .toList();
        internal.forEach(headers::remove);
        internalToken.ifPresent(headers::setBearerAuth);
    }

    @Override
    public int getOrder() {
        return 0;
    }
}
