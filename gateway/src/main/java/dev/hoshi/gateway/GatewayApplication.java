package dev.hoshi.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Hoshi's edge: proves who is calling (OIDC, demo personas), replaces the caller's credential with a short-lived
 * internal token signed by the gateway, and routes {@code /directory}, {@code /compliance} and {@code /insights} to
 * the services. See {@code gateway/README.md} and {@code docs/gateway.md}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GatewayApplication {

    public static void main(String[] args) {
        SpringApplication.run(GatewayApplication.class, args);
    }
}
