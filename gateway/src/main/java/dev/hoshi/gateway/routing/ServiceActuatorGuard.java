package dev.hoshi.gateway.routing;

import dev.hoshi.gateway.web.ErrorBody;
import dev.hoshi.gateway.web.ErrorResponses;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Keeps the services' own {@code /actuator} unreachable through the gateway: {@code /<service>/actuator/**} is 404,
 * however it is spelt (percent-encoded, with matrix parameters or empty segments), and a path with a {@code .} or
 * {@code ..} segment is refused outright, since a service would resolve it after the gateway routed it. Runs before
 * authentication, so the answer is the same whoever asks.
 */
@Component
@Order(-200) // before Spring Security's filter chain (-100)
class ServiceActuatorGuard implements WebFilter {

    private static final ErrorBody DOT_SEGMENT =
            new ErrorBody("BAD_PATH", "Paths with '.' or '..' segments are not accepted.", "「.」や「..」を含むパスは受け付けません。");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        List<String> segments = new ArrayList<>();
        for (PathContainer.Element element :
                exchange.getRequest().getPath().pathWithinApplication().elements()) {
            if (element instanceof PathContainer.PathSegment segment
                    && !segment.valueToMatch().isEmpty()) {
                segments.add(segment.valueToMatch());
            }
        }
        if (segments.stream().anyMatch(s -> s.equals(".") || s.equals(".."))) {
            return ErrorResponses.write(exchange, HttpStatus.BAD_REQUEST, DOT_SEGMENT);
        }
        if (segments.size() >= 2 && isActuator(segments.get(1))) {
            return ErrorResponses.write(exchange, HttpStatus.NOT_FOUND, ErrorBody.forStatus(HttpStatus.NOT_FOUND));
        }
        return chain.filter(exchange);
    }

    private static boolean isActuator(String segment) {
        String s = segment.toLowerCase(Locale.ROOT).strip();
        return s.equals("actuator") || s.startsWith("actuator/") || s.startsWith("actuator\\");
    }
}
