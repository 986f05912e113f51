package dev.hoshi.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * What a Spring Boot test of a Hoshi service needs: the test MongoDB, fresh event-store and service databases, and
 * the shared test key standing in for the gateway's. Use from a {@code @DynamicPropertySource} method.
 */
public final class ServiceTestProperties {

    private ServiceTestProperties() {}

    public static void register(DynamicPropertyRegistry registry) {
        TestMongo mongo = TestMongo.get();
        String events = mongo.freshDatabaseName("events");
        String service = mongo.freshDatabaseName("service");
        registry.add("spring.data.mongodb.uri", mongo::connectionString);
        registry.add("hoshi.eventstore.database", () -> events);
        registry.add("hoshi.service.database", () -> service);
        registry.add("hoshi.security.jwks-uri", InternalTokens.shared()::jwksUri);
        // tests should see projections quickly
        registry.add("hoshi.processing.token-claim-interval", () -> "500ms");
        registry.add("hoshi.processing.initial-segment-count", () -> "1");
    }

    /**
     * Puts the Actuator on a separate management port, as the chart does: a fixed free one, since the platform opens
     * metrics only on a configured port ({@code 0} would not count).
     */
    public static void managementOnFreePort(DynamicPropertyRegistry registry) {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = socket.getLocalPort();
            registry.add("management.server.port", () -> port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
