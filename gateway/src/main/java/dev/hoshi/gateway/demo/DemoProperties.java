package dev.hoshi.gateway.demo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Demo mode, configured under {@code hoshi.gateway.demo}; the personas ship in {@code application-demo.yml}.
 *
 * @param enabled whether demo mode is on; off by default, and then nothing in this package exists
 * @param tokenLifetime how long a demo token is valid
 * @param personas by name, the name being what {@code POST /demo/token} takes
 */
@ConfigurationProperties("hoshi.gateway.demo")
public record DemoProperties(
        boolean enabled, @DefaultValue("12h") Duration tokenLifetime, @DefaultValue Map<String, Persona> personas) {

    /**
     * @param subject {@code sub} of the persona's tokens; {@code partner:<clientId>} makes it a partner client
     * @param displayName the name shown for the persona
     * @param description who the persona is, in one sentence
     * @param roles platform roles carried in its tokens, such as {@code platform_operator}
     * @param organization the demo organisation it belongs to, if any
     */
    public record Persona(
            String subject,
            LocalizedText displayName,
            LocalizedText description,
            List<String> roles,
            Organization organization) {}

    /**
     * @param id the organisation's id, decided by the code that seeds the demo data; empty until that is known
     * @param name the organisation's name
     */
    public record Organization(String id, LocalizedText name) {}
}
