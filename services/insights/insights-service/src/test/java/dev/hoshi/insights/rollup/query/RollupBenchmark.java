package dev.hoshi.insights.rollup.query;

import dev.hoshi.directory.api.consent.ConsentGrantId;
import dev.hoshi.directory.api.consent.ConsentGrantedEvent;
import dev.hoshi.directory.api.consent.ConsentScope;
import dev.hoshi.directory.api.consent.Grantee;
import dev.hoshi.directory.api.support.SupportOrganizationKind;
import dev.hoshi.directory.api.support.SupportOrganizationRegisteredEvent;
import dev.hoshi.insights.api.rollup.FindSupportOrganizationRollupQuery;
import dev.hoshi.insights.api.rollup.SupportOrganizationRollupView;
import dev.hoshi.insights.rollup.subscription.MemberStatusChanges;
import dev.hoshi.insights.rollup.subscription.MemberStatusFeed;
import dev.hoshi.kernel.id.SupportOrganizationId;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.kernel.id.UserId;
import dev.hoshi.testsupport.TestMongo;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Not a test: seeds 100 and 10,000 members through the projection's handlers and times the rollup query, to show that
 * its cost does not grow with the number of members. Run its {@code main} with the test class path.
 */
public final class RollupBenchmark {

    private RollupBenchmark() {}

    public static void main(String[] args) {
        for (int members : new int[] {100, 10_000}) {
            run(members);
        }
    }

    private static void run(int members) {
        TestMongo mongo = TestMongo.get();
        SupportOrganizationRollupProjection projection = new SupportOrganizationRollupProjection(
                mongo.client().getDatabase(mongo.freshDatabaseName("insights-bench")),
                5,
                new MemberStatusChanges(new MemberStatusFeed()));
        SupportOrganizationId support = SupportOrganizationId.of("bench");
        UserId analyst = UserId.of("bench-analyst");
        projection.on(new SupportOrganizationRegisteredEvent(
                support, "ベンチ工業会", null, SupportOrganizationKind.INDUSTRY_ASSOCIATION, analyst));
        Instant at = Instant.parse("2026-10-01T00:00:00Z");
        long seedStart = System.nanoTime();
        for (int i = 0; i < members; i++) {
            String org = "bench-" + i;
            projection.on(
                    new ConsentGrantedEvent(
                            ConsentGrantId.of("g-" + org),
                            TenantId.of(org),
                            Grantee.supportOrganization(support),
                            ConsentScope.values()[i % 3],
                            LocalDate.parse("2026-09-01"),
                            null),
                    at);
            projection.on(SupportOrganizationRollupProjectionIT.sheet(org, i % 26, LocalDate.parse("2026-09-02")), at);
        }
        long seedMillis = (System.nanoTime() - seedStart) / 1_000_000;
        FindSupportOrganizationRollupQuery query = new FindSupportOrganizationRollupQuery(support, analyst, null);
        for (int i = 0; i < 200; i++) {
            projection.handle(query); // warm up
        }
        int runs = 2_000;
        long start = System.nanoTime();
        SupportOrganizationRollupView view = null;
        for (int i = 0; i < runs; i++) {
            view = projection.handle(query).orElseThrow();
        }
        double micros = (System.nanoTime() - start) / 1_000.0 / runs;
        System.out.printf(
                "members=%d seeded in %d ms (%.2f ms per member, 2 events each); rollup query %.1f µs on average"
                        + " over %d runs; consenting=%d scored=%d mean=%.2f median=%.1f%n",
                members,
                seedMillis,
                (double) seedMillis / members,
                micros,
                runs,
                view.consentingMembers(),
                view.scores().members(),
                view.scores().mean(),
                view.scores().median());
    }
}
