package dev.hoshi.gateway.demo;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Demo mode's beans: the checked personas and the demo issuer (which the security chain then trusts). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnDemoMode
class DemoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DemoConfiguration.class);

    @Bean
    DemoPersonas demoPersonas(DemoProperties properties) {
        DemoPersonas personas = DemoPersonas.from(properties);
        log.warn(
                "Demo mode is ON: anyone can get a token for the personas {} at POST /demo/token."
                        + " Never turn it on where real data lives.",
                personas.names());
        return personas;
    }

    @Bean
    DemoTokenIssuer demoTokenIssuer(DemoProperties properties) {
        return new DemoTokenIssuer(properties.tokenLifetime());
    }
}
