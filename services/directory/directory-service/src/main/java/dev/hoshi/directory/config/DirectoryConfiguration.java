package dev.hoshi.directory.config;

import dev.hoshi.directory.sme.SmeDefinitions;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;

/** What directory adds to the platform: the SME definitions, a clock, and the GraphQL scalar for yen. */
@Configuration
class DirectoryConfiguration {

    /** Loaded and checked at start-up: unsound data stops the service with a message naming every fault. */
    @Bean
    SmeDefinitions smeDefinitions() {
        return SmeDefinitions.load();
    }

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    RuntimeWiringConfigurer yenScalar() {
        return wiring -> wiring.scalar(YenScalar.TYPE);
    }
}
