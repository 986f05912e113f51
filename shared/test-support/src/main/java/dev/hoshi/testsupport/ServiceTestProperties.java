package dev.hoshi.testsupport;

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
}
