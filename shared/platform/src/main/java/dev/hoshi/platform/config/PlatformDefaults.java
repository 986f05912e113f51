package dev.hoshi.platform.config;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Defaults every service gets before its own {@code application.yml} is read; any of them can be overridden there.
 * Also switches off Axon's update checker, which would call a host outside (and fail here).
 */
public class PlatformDefaults implements EnvironmentPostProcessor, Ordered {

    static final String SOURCE_NAME = "hoshiPlatformDefaults";
    static final String UPDATE_CHECKER_SYSTEM_PROPERTY = "axoniq.update-checker.disabled";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (System.getProperty(UPDATE_CHECKER_SYSTEM_PROPERTY) == null) {
            // read by Axon outside Spring too (configurer modules), so it must be a system property
            System.setProperty(UPDATE_CHECKER_SYSTEM_PROPERTY, "true");
        }
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, defaults()));
    }

    static Map<String, Object> defaults() {
        Map<String, Object> d = new LinkedHashMap<>();
        // MongoDB: MONGODB_URI selects a real server; the local runner's embedded store otherwise
        d.put("spring.data.mongodb.uri", "${MONGODB_URI:mongodb://127.0.0.1:27017}");
        // Axon: no Axon Server, Jackson everywhere, no calls home, no janitor thread keeping the JVM alive
        d.put("axon.axonserver.enabled", "false");
        d.put("axon.update-check.disabled", "true");
        d.put("axon.serializer.general", "jackson");
        d.put("axon.serializer.events", "jackson");
        d.put("axon.serializer.messages", "jackson");
        d.put("axon.timeout.enabled", "false");
        d.put("axon.metrics.micrometer.dimensional", "true");
        // GraphQL at /graphql; GraphiQL only where a service (or the demo profile) turns it on
        d.put("spring.graphql.path", "/graphql");
        d.put("spring.graphql.graphiql.enabled", "false");
        d.put("spring.graphql.schema.printer.enabled", "false");
        // errors never carry stack traces or exception messages to clients
        d.put("server.error.include-stacktrace", "never");
        d.put("server.error.include-message", "never");
        d.put("server.error.include-exception", "false");
        // Actuator: health, info and Prometheus only; probes for Kubernetes
        d.put("management.endpoints.web.exposure.include", "health,info,prometheus");
        d.put("management.endpoint.health.probes.enabled", "true");
        d.put("management.endpoint.health.show-details", "never");
        d.put("management.info.env.enabled", "true");
        // Observations per GraphQL request (timers by operation), not per field (a profile put them at ~12% of a
        // dashboard read's CPU in the service)
        d.put("management.observations.enable.graphql.datafetcher", "false");
        d.put("spring.main.banner-mode", "off");
        return d;
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
