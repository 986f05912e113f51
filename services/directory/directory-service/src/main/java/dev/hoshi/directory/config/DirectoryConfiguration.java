package dev.hoshi.directory.config;

import dev.hoshi.directory.sme.SmeDefinitions;
import java.time.Clock;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;

/** What directory adds to the platform: the SME definitions, a clock, snapshots, and the GraphQL scalar for yen. */
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

    /** An organisation grows with its people, profile and consent grants: a few events a month at most. */
    @Bean
    SnapshotTriggerDefinition organizationSnapshots(Snapshotter snapshotter) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, 100);
    }

    /** A chamber of commerce may gather thousands of members, two or three events each. */
    @Bean
    SnapshotTriggerDefinition supportOrganizationSnapshots(Snapshotter snapshotter) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, 100);
    }

    /** A partner client only issues and revokes keys, and keeps at most three: its snapshot is tiny. */
    @Bean
    SnapshotTriggerDefinition partnerClientSnapshots(Snapshotter snapshotter) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, 50);
    }

    @Bean
    RuntimeWiringConfigurer yenScalar() {
        return wiring -> wiring.scalar(YenScalar.TYPE);
    }
}
