package dev.hoshi.compliance.config;

import dev.hoshi.catalog.Catalog;
import dev.hoshi.platform.axon.BoundedAggregateCache;
import java.time.Clock;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** What compliance adds to the platform: the catalog, a clock, snapshots, and the daily due-date check. */
@Configuration
@EnableScheduling
class ComplianceConfiguration {

    /** Loaded and checked at start-up: unsound catalog data stops the service with a message naming the fault. */
    @Bean
    Catalog catalog() {
        return Catalog.load();
    }

    static final int AGGREGATES_CACHED = 1_000;

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * A SECURITY ACTION record grows by a few events a year; snapshot every 50 to keep loads short anyway (the state
     * is compact: what the rules need, see {@code SecurityActionState}).
     */
    @Bean
    SnapshotTriggerDefinition securityActionSnapshots(Snapshotter snapshotter) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, 50);
    }

    /**
     * Loaded aggregates stay in memory between commands, the {@value #AGGREGATES_CACHED} most recently used of each
     * type (a few kilobytes each: their state is compact). A replica whose copy is stale fails its append on the
     * sequence number, which evicts the copy; the retry loads afresh.
     */
    @Bean
    Cache securityActionCache() {
        return new BoundedAggregateCache(AGGREGATES_CACHED);
    }

    @Bean
    Cache controlPlanCache() {
        return new BoundedAggregateCache(AGGREGATES_CACHED);
    }

    @Bean
    SnapshotTriggerDefinition controlPlanSnapshots(Snapshotter snapshotter) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, 100);
    }

    /** A risk register's state is the register itself (at most 1,000 assets): snapshot every 100 changes. */
    @Bean
    SnapshotTriggerDefinition riskRegisterSnapshots(Snapshotter snapshotter) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, 100);
    }

    /** The incident playbook: contacts and incidents with their phases; every 100 changes. */
    @Bean
    SnapshotTriggerDefinition incidentPlaybookSnapshots(Snapshotter snapshotter) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, 100);
    }

    /** The key-action checklist: the confirmations in force (at most one per key action); every 100 changes. */
    @Bean
    SnapshotTriggerDefinition managementChecklistSnapshots(Snapshotter snapshotter) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, 100);
    }
}
