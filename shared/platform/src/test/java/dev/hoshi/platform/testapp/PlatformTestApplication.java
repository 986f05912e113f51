package dev.hoshi.platform.testapp;

import dev.hoshi.testsupport.InternalTokens;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

@SpringBootApplication
public class PlatformTestApplication {

    /** Stands in for the gateway: tests mint internal tokens with this key, served as a JWK set. */
    public static final InternalTokens TOKENS = InternalTokens.shared();

    @Bean
    SnapshotTriggerDefinition tallySnapshots(Snapshotter snapshotter) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, Tally.SNAPSHOT_THRESHOLD);
    }
}
