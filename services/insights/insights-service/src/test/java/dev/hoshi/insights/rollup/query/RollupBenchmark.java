package dev.hoshi.insights.rollup.query;

import com.mongodb.client.MongoDatabase;
import dev.hoshi.catalog.Catalog;
import dev.hoshi.directory.api.consent.ConsentGrantId;
import dev.hoshi.directory.api.consent.ConsentGrantedEvent;
import dev.hoshi.directory.api.consent.ConsentScope;
import dev.hoshi.directory.api.consent.Grantee;
import dev.hoshi.directory.api.organization.JsicDivision;
import dev.hoshi.directory.api.organization.OrganizationProfile;
import dev.hoshi.directory.api.organization.OrganizationProfileUpdatedEvent;
import dev.hoshi.directory.api.organization.Prefecture;
import dev.hoshi.directory.api.support.SupportOrganizationKind;
import dev.hoshi.directory.api.support.SupportOrganizationRegisteredEvent;
import dev.hoshi.directory.sme.SmeDefinitions;
import dev.hoshi.insights.Statuses;
import dev.hoshi.insights.api.rollup.FindSupportOrganizationRollupQuery;
import dev.hoshi.insights.api.rollup.ListSupportOrganizationMembersQuery;
import dev.hoshi.insights.api.rollup.ListSupportOrganizationMembersQuery.MemberSort;
import dev.hoshi.insights.api.rollup.RollupFilter;
import dev.hoshi.insights.api.rollup.SupportOrganizationRollupView;
import dev.hoshi.insights.rollup.subscription.MemberStatusChanges;
import dev.hoshi.insights.rollup.subscription.MemberStatusFeed;
import dev.hoshi.kernel.id.SupportOrganizationId;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.kernel.id.UserId;
import dev.hoshi.platform.axon.ProjectionBatchInterceptor;
import dev.hoshi.testsupport.TestMongo;
import dev.hoshi.testsupport.axon.Deliveries;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;

/**
 * Not a test: seeds 100 and 10,000 members through the projection's handlers in batches of 100 as the pooled processors
 * hand events over (a profile, a grant at a rotating scope and compliance's status with a sheet each) and times the
 * rollup query, unfiltered and filtered by industry and prefecture, to show that its
 * cost does not grow with the number of members, and a page of the member list (the first by score, one in the middle
 * by sheet date, the first filtered by prefecture). Prints medians. Given {@code queries}, only that. Then catches up on a year of history of 10,000
 * members and rebuilds it ({@link #catchUp}); given a number, it runs only that, for that many members. Run its {@code main} with
 * the test class path
 * ({@code infra/bench/rollups.sh} does both).
 */
public final class RollupBenchmark {

    private static final int RUNS = 2_000;
    /** Fewer: a page that reads every row takes a hundred milliseconds at 10,000 members. */
    private static final int PAGE_RUNS = 200;

    private static final int BATCH = 100;

    private RollupBenchmark() {}

    public static void main(String[] args) {
        boolean queriesOnly = args.length > 0 && args[0].equals("queries");
        if (args.length == 0 || queriesOnly) {
            run(100); // warms the JVM up; its figures are printed but the second 100-member run is the one to quote
            for (int members : new int[] {100, 10_000}) {
                run(members);
            }
        }
        if (!queriesOnly) { // a number given: the catch-up alone
            catchUp(args.length > 0 ? Integer.parseInt(args[0]) : 10_000, 20);
        }
        System.exit(0); // the embedded test server's threads would keep the JVM alive
    }

    private static void run(int members) {
        TestMongo mongo = TestMongo.get();
        MongoDatabase db = mongo.client().getDatabase(mongo.freshDatabaseName("insights-bench"));
        SupportOrganizationRollupProjection projection = new SupportOrganizationRollupProjection(
                db,
                SmeDefinitions.load(),
                Catalog.load(),
                Clock.systemUTC(),
                new MemberStatusChanges(new MemberStatusFeed()));
        SupportOrganizationRollupQueries queries =
                new SupportOrganizationRollupQueries(db, 5, Clock.systemUTC(), Catalog.load());
        SupportOrganizationId support = SupportOrganizationId.of("bench");
        UserId analyst = UserId.of("bench-analyst");
        projection.on(new SupportOrganizationRegisteredEvent(
                support, "ベンチ工業会", null, SupportOrganizationKind.INDUSTRY_ASSOCIATION, analyst));
        Instant at = Instant.parse("2026-10-01T00:00:00Z");
        List<EventMessage<?>> seed = new ArrayList<>();
        for (int i = 0; i < members; i++) {
            String org = "bench-" + i;
            seed.add(message(
                    new OrganizationProfileUpdatedEvent(
                            TenantId.of(org),
                            new OrganizationProfile(
                                    i % 2 == 0 ? JsicDivision.E : JsicDivision.G,
                                    null,
                                    5 + i % 300,
                                    null,
                                    Prefecture.values()[i % 47],
                                    null)),
                    at));
            seed.add(message(
                    new ConsentGrantedEvent(
                            ConsentGrantId.of("g-" + org),
                            TenantId.of(org),
                            Grantee.supportOrganization(support),
                            ConsentScope.values()[i % 3],
                            LocalDate.parse("2026-09-01"),
                            null),
                    at));
            LocalDate sheetOn = LocalDate.parse("2026-09-02");
            seed.add(message(Statuses.nothingYet().sheet(i % 26, sheetOn).event(org, sheetOn), at));
        }
        long seedStart = System.nanoTime();
        // as a pooled processor hands them over
        new Deliveries(projection, new ProjectionBatchInterceptor()).inBatches(seed, BATCH);
        long seedMillis = (System.nanoTime() - seedStart) / 1_000_000;
        FindSupportOrganizationRollupQuery all = new FindSupportOrganizationRollupQuery(support, analyst, null, null);
        FindSupportOrganizationRollupQuery filtered = new FindSupportOrganizationRollupQuery(
                support, analyst, null, new RollupFilter("E", null, Prefecture.TOKYO.code()));
        double allMicros = medianMicros(() -> queries.handle(all).orElseThrow());
        double filteredMicros = medianMicros(() -> queries.handle(filtered).orElseThrow());
        ListSupportOrganizationMembersQuery firstPage =
                new ListSupportOrganizationMembersQuery(support, analyst, null, null, null, MemberSort.SCORE, 0, 20);
        ListSupportOrganizationMembersQuery middlePage = new ListSupportOrganizationMembersQuery(
                support, analyst, null, null, null, MemberSort.LAST_ASSESSMENT, members / 2, 20);
        ListSupportOrganizationMembersQuery filteredPage = new ListSupportOrganizationMembersQuery(
                support,
                analyst,
                null,
                new RollupFilter(null, null, Prefecture.TOKYO.code()),
                null,
                MemberSort.LEVEL,
                0,
                20);
        double firstPageMicros = medianMicros(() -> queries.handle(firstPage).orElseThrow(), PAGE_RUNS);
        double middlePageMicros = medianMicros(() -> queries.handle(middlePage).orElseThrow(), PAGE_RUNS);
        double filteredPageMicros =
                medianMicros(() -> queries.handle(filteredPage).orElseThrow(), PAGE_RUNS);
        SupportOrganizationRollupView view = queries.handle(all).orElseThrow();
        System.out.printf(
                "members=%d seeded in %d ms (%.2f ms per member, 3 events each, batches of %d: %.0f events/s);"
                        + " rollup query median %.1f µs,"
                        + " filtered (E, Tokyo: %d members) %.1f µs, over %d runs each; consenting=%d scored=%d"
                        + " mean=%.2f median=%.1f; member list page of 20 median: first by score %.1f µs, middle"
                        + " (offset %d) by sheet date %.1f µs, filtered (Tokyo) by level %.1f µs, over %d runs each%n",
                members,
                seedMillis,
                (double) seedMillis / members,
                BATCH,
                seed.size() * 1000.0 / Math.max(1, seedMillis),
                allMicros,
                queries.handle(filtered).orElseThrow().consentingMembers(),
                filteredMicros,
                RUNS,
                view.consentingMembers(),
                view.scores().members(),
                view.scores().mean(),
                view.scores().median(),
                firstPageMicros,
                members / 2,
                middlePageMicros,
                filteredPageMicros,
                PAGE_RUNS);
    }

    /**
     * A year of history ({@link RollupHistory}, about 20 events per member) handed to the projection as a processor
     * catching up does (batches of {@value #BATCH} on one thread, one segment), then the read model emptied as a
     * reset does and rebuilt from the same events. Prints events per second of each, and of a small sample handed
     * over one event at a time (the behaviour before batching) for comparison.
     */
    private static void catchUp(int members, int oneByOneMembers) {
        TestMongo mongo = TestMongo.get();
        Clock clock = Clock.fixed(Instant.parse("2026-12-31T03:00:00Z"), ZoneOffset.UTC);
        List<EventMessage<?>> sample = RollupHistory.year(oneByOneMembers);
        SupportOrganizationRollupProjection small = projection(mongo, clock);
        long start = System.nanoTime();
        new Deliveries(small, new ProjectionBatchInterceptor()).oneByOne(sample);
        double oneByOneRate = sample.size() / seconds(start);
        List<EventMessage<?>> year = RollupHistory.year(members);
        SupportOrganizationRollupProjection projection = projection(mongo, clock);
        Deliveries deliveries = new Deliveries(projection, new ProjectionBatchInterceptor());
        start = System.nanoTime();
        deliveries.inBatches(year, BATCH);
        double catchUpSeconds = seconds(start);
        start = System.nanoTime();
        projection.reset();
        deliveries.inBatches(year, BATCH);
        double rebuildSeconds = seconds(start);
        System.out.printf(
                "catch-up: %d members, %d events (a year of history) in batches of %d: %.1f s, %.0f events/s;"
                        + " rebuild (reset + replay) %.1f s, %.0f events/s; one event at a time (%d members, %d"
                        + " events): %.0f events/s%n",
                members,
                year.size(),
                BATCH,
                catchUpSeconds,
                year.size() / catchUpSeconds,
                rebuildSeconds,
                year.size() / rebuildSeconds,
                oneByOneMembers,
                sample.size(),
                oneByOneRate);
    }

    private static SupportOrganizationRollupProjection projection(TestMongo mongo, Clock clock) {
        return new SupportOrganizationRollupProjection(
                mongo.client().getDatabase(mongo.freshDatabaseName("insights-catch-up")),
                SmeDefinitions.load(),
                Catalog.load(),
                clock,
                new MemberStatusChanges(new MemberStatusFeed()));
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static EventMessage<?> message(Object payload, Instant at) {
        return new GenericEventMessage<>(UUID.randomUUID().toString(), payload, Map.of(), at);
    }

    private static double medianMicros(Runnable query) {
        return medianMicros(query, RUNS);
    }

    private static double medianMicros(Runnable query, int runs) {
        for (int i = 0; i < Math.min(200, runs); i++) {
            query.run(); // warm up
        }
        long[] nanos = new long[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            query.run();
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        return nanos[runs / 2] / 1_000.0;
    }
}
