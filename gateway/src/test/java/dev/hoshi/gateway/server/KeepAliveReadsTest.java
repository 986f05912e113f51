package dev.hoshi.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * One kept-alive connection, three requests: the first is answered at once but its exchange ends a little later, so
 * the second arrives early and is queued; the second is answered and ends at once, inside Reactor Netty's draining of
 * that queue. The third is the one Reactor Netty 1.2.18 never reads (reactor/reactor-netty#4361).
 */
class KeepAliveReadsTest {

    private static final Duration NEVER_ANSWERED = Duration.ofSeconds(2);

    private DisposableServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.disposeNow();
        }
    }

    @Test
    void withKeepAliveReadsEveryRequestOnTheConnectionIsAnswered() throws IOException {
        start(KeepAliveReads::install);
        try (OneConnection connection = OneConnection.to(server.port(), NEVER_ANSWERED)) {
            for (int round = 0; round < 5; round++) {
                assertThat(connection.get("/slow")).as("round %d, slow", round).isEqualTo("slow");
                assertThat(connection.get("/fast"))
                        .as("round %d, queued", round)
                        .isEqualTo("fast");
                assertThat(connection.get("/fast")).as("round %d, next", round).isEqualTo("fast");
            }
        }
    }

    /** When this fails, Reactor Netty reads on by itself: remove {@link KeepAliveReads} and this test. */
    @Test
    void theStockServerStopsReadingTheConnection() throws IOException {
        start(UnaryOperator.identity());
        try (OneConnection connection = OneConnection.to(server.port(), NEVER_ANSWERED)) {
            assertThat(connection.get("/slow")).isEqualTo("slow");
            assertThat(connection.get("/fast")).isEqualTo("fast");
            assertThatThrownBy(() -> connection.get("/fast")).isInstanceOf(SocketTimeoutException.class);
        }
    }

    private void start(UnaryOperator<HttpServer> customizer) {
        HttpServer stock = HttpServer.create().host("127.0.0.1").port(0).handle((request, response) -> {
            if (request.uri().equals("/slow")) {
                // the whole body now (the client has its answer), its last (empty) part later: the client's next
                // request comes first
                return response.header("Content-Length", "4")
                        .sendString(Flux.concat(
                                Mono.just("slow"),
                                Mono.delay(Duration.ofMillis(200)).then(Mono.<String>empty())))
                        .then();
            }
            return response.header("Content-Length", "4")
                    .sendString(Mono.just("fast"))
                    .then();
        });
        server = customizer.apply(stock).bindNow();
    }
}
