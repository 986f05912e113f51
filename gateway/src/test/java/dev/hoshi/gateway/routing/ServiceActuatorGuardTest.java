package dev.hoshi.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Mono;

class ServiceActuatorGuardTest {

    final ServiceActuatorGuard guard = new ServiceActuatorGuard();

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/compliance/actuator",
                "/compliance/actuator/",
                "/directory/actuator/health",
                "/insights/Actuator/env",
                "/compliance/%61ctuator/health",
                "/compliance//actuator/health",
                "/compliance/actuator;jsessionid=1/health",
                "/compliance/actuator%2Fhealth"
            })
    void servicesActuatorIsNotFound(String path) {
        assertThat(run(path)).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/compliance/graphql/../actuator/health", "/compliance/./graphql", "/a/%2e%2e/b"})
    void dotSegmentsAreBadRequests(String path) {
        assertThat(run(path)).isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/compliance/graphql",
                "/compliance/graphiql",
                "/actuator/health",
                "/compliance/graphql/actuator",
                "/demo/token",
                "/"
            })
    void everythingElsePasses(String path) {
        assertThat(run(path)).isNull();
    }

    /** The status the guard answered, or null if it passed the request on. */
    private HttpStatus run(String path) {
        MockServerWebExchange exchange = MockServerWebExchange.from(
                MockServerHttpRequest.method(HttpMethod.GET, URI.create(path)).build());
        AtomicBoolean passed = new AtomicBoolean();
        guard.filter(exchange, e -> {
                    passed.set(true);
                    return Mono.empty();
                })
                .block();
        if (passed.get()) {
            return null;
        }
        return HttpStatus.valueOf(exchange.getResponse().getStatusCode().value());
    }
}
