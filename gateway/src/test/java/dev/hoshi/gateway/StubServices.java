package dev.hoshi.gateway;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Three tiny HTTP servers on 127.0.0.1 standing in for directory, compliance and insights. Each records every
 * request it receives (with its body) and answers 200 with a small GraphQL-shaped JSON body, or with what a test's
 * {@link #answerWith responder} says.
 */
public final class StubServices {

    public static final List<String> NAMES = List.of("directory", "compliance", "insights");

    /** One request as a service received it; header names are case-insensitive. */
    public record Received(
            String service, String method, String path, String query, Map<String, List<String>> headers, String body) {

        public String header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    private final Map<String, HttpServer> servers = new LinkedHashMap<>();
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private volatile java.util.function.BiFunction<String, String, String> responder = (service, body) -> null;

    private StubServices() {}

    public static StubServices start() {
        StubServices stubs = new StubServices();
        for (String name : NAMES) {
            try {
                HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
                server.createContext("/", exchange -> {
                    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                    exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, List.copyOf(v)));
                    String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                    stubs.received.add(new Received(
                            name,
                            exchange.getRequestMethod(),
                            exchange.getRequestURI().getRawPath(),
                            exchange.getRequestURI().getRawQuery(),
                            headers,
                            request));
                    String answer = stubs.responder.apply(name, request);
                    byte[] body = (answer != null ? answer : "{\"data\":{\"service\":\"" + name + "\"}}")
                            .getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                    exchange.close();
                });
                server.start();
                stubs.servers.put(name, server);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return stubs;
    }

    /** Points {@code hoshi.gateway.services.*} at the stubs. */
    public void register(DynamicPropertyRegistry registry) {
        servers.forEach((name, server) -> registry.add(
                "hoshi.gateway.services." + name,
                () -> "http://127.0.0.1:" + server.getAddress().getPort()));
    }

    /** The next request any stub received, waiting a little for it; fails if none arrives. */
    public Received take() {
        try {
            Received next = received.poll(30, TimeUnit.SECONDS);
            if (next == null) {
                throw new AssertionError("no request reached the services");
            }
            return next;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Everything received so far, after a short grace period for requests still in flight. */
    public List<Received> drain(Duration grace) {
        try {
            Thread.sleep(grace.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Received> all = new ArrayList<>();
        received.drainTo(all);
        return all;
    }

    /**
     * Answers each request with what {@code responder} returns for its service and body (JSON), or the default body
     * where it returns null; {@link #clear()} goes back to the default.
     */
    public void answerWith(java.util.function.BiFunction<String, String, String> responder) {
        this.responder = responder;
    }

    public void clear() {
        received.clear();
        responder = (service, body) -> null;
    }

    public void stop() {
        servers.values().forEach(server -> server.stop(0));
    }
}
