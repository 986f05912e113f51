package dev.hoshi.insights.config;

import dev.hoshi.catalog.Catalog;
import dev.hoshi.directory.sme.SmeDefinitions;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The reference data insights reads: the SME definitions (to group organisations by size class the way directory
 * classifies them) and the guideline catalog (its control chapters). Both are checked at start-up. Also a clock, and
 * scheduling for the re-evaluation of grants on the days they start or end ({@code GrantCalendar}).
 */
@Configuration
@EnableScheduling
class InsightsConfiguration {

    @Bean
    SmeDefinitions smeDefinitions() {
        return SmeDefinitions.load();
    }

    @Bean
    Catalog catalog() {
        return Catalog.load();
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
