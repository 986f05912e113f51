package dev.hoshi.insights.rollup.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import dev.hoshi.kernel.context.Actor;
import dev.hoshi.kernel.context.CurrentContext;
import dev.hoshi.kernel.context.RequestContext;
import dev.hoshi.testsupport.ServiceTestProperties;
import dev.hoshi.testsupport.axon.ReadModels;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.convention.TestBean;

/**
 * A rollup batch cut short (its process or the store died between the member states and the {@code $inc}s) leaves
 * its marker and rollups that no redelivery corrects; {@link RollupRepair} sees the stale marker and rebuilds the
 * projection, after which the read model equals the one built live before the damage. A marker of a batch still
 * being written (fresh) is left alone.
 */
@SpringBootTest
class RollupRepairIT {

    private static final Set<String> NOT_READ_MODELS = Set.of(
            "trackingtokens",
            "insights_layout",
            "insights_disclosed_sizes",
            "insights_cohort_publications",
            "insights_rollup_inflight");
    private static final ReadModels.Canon CANON = new ReadModels.Canon(
            Set.of("rev", "version", "since"), Set.of("organizations", "supportOrganizations"), true);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ServiceTestProperties.register(registry);
        registry.add("hoshi.insights.grant-calendar.initial-delay", () -> "PT1H");
        registry.add("hoshi.insights.rollup-repair.initial-delay", () -> "PT1H"); // the test runs it
        // the monthly digest's first run (2 minutes after start) writes its own collections, which no rebuild makes
        registry.add("hoshi.insights.digest.schedule.initial-delay", () -> "PT1H");
    }

    @TestBean
    Clock clock;

    static Clock clock() {
        return Clock.fixed(Instant.parse("2026-12-31T03:00:00Z"), ZoneOffset.UTC);
    }

    @Autowired
    EventStore eventStore;

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    @Qualifier("serviceDatabase")
    MongoDatabase db;

    @Autowired
    RollupRepair repair;

    @Test
    void aStaleMarkerRebuildsTheRollupsToWhatTheEventsSayAndAFreshOneIsLeftAlone() {
        List<EventMessage<?>> year = RollupHistory.year(12);
        CurrentContext.runWith(RequestContext.withoutTenant(Actor.user("directory")), () -> eventStore.publish(year));
        ReadModels.awaitCaughtUp(processing, eventStore, Duration.ofSeconds(120));
        ReadModels.Contents live = ReadModels.contents(db, NOT_READ_MODELS, CANON);
        MongoCollection<Document> inflight = db.getCollection("insights_rollup_inflight");
        assertThat(inflight.countDocuments())
                .as("markers after every batch finished")
                .isZero();

        // a batch being written now: not a crash
        inflight.insertOne(new Document("_id", "writing").append("since", new Date()));
        assertThat(repair.repairIfInterrupted()).isFalse();
        inflight.deleteOne(new Document("_id", "writing"));

        // a batch cut short two minutes ago: its states written, one slice's $inc lost
        Document rollup = db.getCollection("insights_rollups").find().first();
        assertThat(rollup).isNotNull();
        String counter = rollup.entrySet().stream()
                .filter(e -> e.getValue() instanceof Number
                        && !Set.of("rev", "since").contains(e.getKey()))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow();
        db.getCollection("insights_rollups")
                .updateOne(new Document("_id", rollup.get("_id")), new Document("$inc", new Document(counter, 3)));
        inflight.insertOne(new Document("_id", "cut-short")
                .append("since", Date.from(Instant.now().minus(RollupRepair.STALE.plusSeconds(60)))));
        assertThat(ReadModels.contents(db, NOT_READ_MODELS, CANON).hashes()).isNotEqualTo(live.hashes());

        assertThat(repair.repairIfInterrupted()).isTrue();

        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(
                                ReadModels.contents(db, NOT_READ_MODELS, CANON).differencesFrom(live))
                        .isEmpty());
        assertThat(inflight.countDocuments(new Document("_id", "cut-short"))).isZero();
    }
}
