package dev.hoshi.insights.rollup.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import dev.hoshi.kernel.context.Actor;
import dev.hoshi.kernel.context.CurrentContext;
import dev.hoshi.kernel.context.RequestContext;
import dev.hoshi.testsupport.ServiceTestProperties;
import dev.hoshi.testsupport.axon.ReadModels;
import dev.hoshi.testsupport.axon.RebuildEquals;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.MultiEventHandlerInvoker;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.convention.TestBean;

/**
 * Every projection of insights, rebuilt on the running service by the operators' {@code rebuildProjection}, leaves
 * the read model it built live: a year of 80 members (about 1,650 events, more than a processor batch of 100, the
 * member list's page of 100 and the rollups' 36-month series cap) stored in the event store, projected live as it
 * arrives, then each projection reset and replayed from the store. Ignored: the write counters ({@code rev} of
 * rollups and their months, {@code version} of member states), a rollup's {@code since} (its first month written, which
 * depends on how batches were cut) and counters at 0 (see {@code RollupBatchIT}); the grant calendar's and the
 * analysts' lists are sets ({@code $addToSet}, in the order batches wrote them). The grant calendar's scheduled run
 * is held off: its {@code lastRun} marks work done by the scheduler, not by events.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class InsightsRebuildEqualsIT {

    private static final int MEMBERS = 80;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ServiceTestProperties.register(registry);
        registry.add("hoshi.insights.grant-calendar.initial-delay", () -> "PT1H");
        // as in production: a member's streams (organisation, grants, compliance) could go to different segments
        registry.add("hoshi.processing.initial-segment-count", () -> "4");
    }

    /** The last day of the year the events span, as RollupBatchIT has it. */
    @TestBean
    Clock clock;

    static Clock clock() {
        return Clock.fixed(Instant.parse("2026-12-31T03:00:00Z"), ZoneOffset.UTC);
    }

    @LocalServerPort
    int port;

    @Autowired
    EventStore eventStore;

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    @Qualifier("serviceDatabase")
    MongoDatabase db;

    @Test
    void everyProjectionRebuiltFromTheStoreEqualsTheReadModelBuiltLive() {
        List<EventMessage<?>> year = RollupHistory.year(MEMBERS);
        CurrentContext.runWith(RequestContext.withoutTenant(Actor.user("directory")), () -> {
            for (int from = 0; from < year.size(); from += 50) {
                eventStore.publish(year.subList(from, Math.min(year.size(), from + 50)));
            }
        });
        RebuildEquals check = RebuildEquals.of(port, processing, eventStore, db)
                .skipping("insights_layout", "insights_disclosed_sizes", "insights_cohort_publications")
                .ignoring("rev", "version", "since")
                .unordered("organizations", "supportOrganizations")
                .zeroIsAbsent();

        ReadModels.Contents live = check.caughtUp();
        assertThat(year).hasSizeGreaterThan(1_500);
        assertThat(live.collections().get("insights_member_state")).hasSize(MEMBERS);
        assertThat(live.collections().get("insights_rollup_history")).hasSizeGreaterThan(500);
        assertThat(check.projections()).contains(SupportOrganizationRollupProjection.PROCESSING_GROUP);
        // the policy the processor's handlers are invoked with, not only the configuration's
        PooledStreamingEventProcessor rollups = processing
                .eventProcessor(
                        SupportOrganizationRollupProjection.PROCESSING_GROUP, PooledStreamingEventProcessor.class)
                .orElseThrow();
        assertThat(((MultiEventHandlerInvoker) rollups.eventHandlerInvoker()).delegates())
                .allSatisfy(invoker -> assertThat(((SimpleEventHandlerInvoker) invoker).getSequencingPolicy())
                        .isInstanceOf(MemberSequencing.class));

        check.assertEveryRebuildEquals(live, 4, year.size());
    }
}
