package dev.hoshi.insights.rollup.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import dev.hoshi.catalog.Catalog;
import dev.hoshi.compliance.api.management.ManagementEvents.KeyActionConfirmedEvent;
import dev.hoshi.compliance.api.securityaction.ReviewKind;
import dev.hoshi.directory.api.consent.ConsentGrantId;
import dev.hoshi.directory.api.consent.ConsentGrantedEvent;
import dev.hoshi.directory.api.consent.ConsentRevokedEvent;
import dev.hoshi.directory.api.consent.ConsentScope;
import dev.hoshi.directory.api.consent.Grantee;
import dev.hoshi.directory.api.organization.JsicDivision;
import dev.hoshi.directory.api.organization.OrganizationProfile;
import dev.hoshi.directory.api.organization.OrganizationProfileUpdatedEvent;
import dev.hoshi.directory.api.organization.OrganizationRegisteredEvent;
import dev.hoshi.directory.api.organization.Prefecture;
import dev.hoshi.directory.api.support.SupportOrganizationKind;
import dev.hoshi.directory.api.support.SupportOrganizationRegisteredEvent;
import dev.hoshi.directory.sme.SmeDefinitions;
import dev.hoshi.insights.Statuses;
import dev.hoshi.insights.api.rollup.CohortBenchmarkView;
import dev.hoshi.insights.api.rollup.FindCohortBenchmarkQuery;
import dev.hoshi.insights.api.rollup.FindSupportOrganizationRollupQuery;
import dev.hoshi.insights.api.rollup.FindSupportOrganizationRollupSeriesQuery;
import dev.hoshi.insights.api.rollup.FindSupportOrganizationRollupSeriesQuery.Interval;
import dev.hoshi.insights.api.rollup.ListSupportOrganizationMembersQuery;
import dev.hoshi.insights.api.rollup.MemberPageView.MemberView;
import dev.hoshi.insights.api.rollup.RollupFilter;
import dev.hoshi.insights.api.rollup.SupportOrganizationRollupView;
import dev.hoshi.insights.api.rollup.SuppressionReason;
import dev.hoshi.insights.rollup.subscription.MemberStatusChanges;
import dev.hoshi.insights.rollup.subscription.MemberStatusFeed;
import dev.hoshi.kernel.id.SupportOrganizationId;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.kernel.id.UserId;
import dev.hoshi.kernel.time.BusinessTime;
import dev.hoshi.testsupport.MutableClock;
import dev.hoshi.testsupport.TestMongo;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The attacks a security review played on the rollups and the cohort benchmark, played again. Each test builds two
 * worlds that differ only in one member's hidden value, lets the attacker read everything the attack needs in each,
 * and checks that the attacker cannot tell the worlds apart (or cannot compute the difference at all). Threshold 5.
 */
class DisclosureAttacksIT {

    private static final Instant SEPTEMBER = Instant.parse("2026-09-10T00:00:00Z");
    private static final Instant OCTOBER = Instant.parse("2026-10-10T00:00:00Z");
    private static final Instant NOVEMBER = Instant.parse("2026-11-10T00:00:00Z");
    private static final LocalDate SHEET_ON = LocalDate.parse("2026-09-03");
    private static final LocalDate DUE = LocalDate.parse("2026-11-01");
    private static final SupportOrganizationId S = SupportOrganizationId.of("assoc-s");
    private static final UserId ANALYST = UserId.of("ana");
    private static final RollupFilter E = new RollupFilter("E", null, null);
    private static final RollupFilter G = new RollupFilter("G", null, null);

    private final TestMongo mongo = TestMongo.get();

    /** (1) Unfiltered reviewsOverdue minus industry E's, where the one member outside E shows its level only. */
    @Test
    void subtractingTheFilteredOverdueFigureDoesNotRevealALevelOnlyMembersOverdueFlag() {
        List<Object> overdue = overdueWorld(true);
        List<Object> notOverdue = overdueWorld(false);

        assertThat(overdue).as("what the analyst sees").isEqualTo(notOverdue);
    }

    private List<Object> overdueWorld(boolean xOverdue) {
        World w = new World();
        for (int i = 1; i <= 9; i++) {
            w.member("m" + i, ConsentScope.LEVEL_AND_SCORES, JsicDivision.E, SEPTEMBER);
        }
        w.member("x", ConsentScope.LEVEL_ONLY, JsicDivision.G, SEPTEMBER);
        for (int i = 1; i <= 9; i++) {
            Statuses.Builder status = Statuses.oneStarEligible().sheet(10 + i, SHEET_ON);
            w.status("m" + i, i <= 2 ? status.overdue(ReviewKind.SELF_ASSESSMENT, DUE) : status, NOVEMBER);
        }
        Statuses.Builder x = Statuses.oneStarEligible().sheet(20, SHEET_ON);
        w.status("x", xOverdue ? x.overdue(ReviewKind.BASIC_POLICY, DUE) : x, NOVEMBER);

        SupportOrganizationRollupView all = w.rollup(null, RollupFilter.NONE);
        assertThat(all.reviewsOverdue()).as("the members whose scope shows it").isEqualTo(2L);
        return List.of(all, w.rollup(null, E), w.rollup(null, G), w.list());
    }

    /** (2) Unfiltered declined minus industry E's: the one member outside E declined or not. */
    @Test
    void subtractingTheFilteredDeclinedFigureDoesNotRevealOneMembersDecline() {
        for (boolean xDeclined : List.of(true, false)) {
            World w = new World();
            for (int i = 1; i <= 9; i++) {
                w.member("m" + i, ConsentScope.LEVEL_AND_SCORES, JsicDivision.E, SEPTEMBER);
                w.status("m" + i, Statuses.twoStarsEligible().sheet(20, SHEET_ON), SEPTEMBER);
            }
            w.member("x", ConsentScope.LEVEL_AND_SCORES, JsicDivision.G, SEPTEMBER);
            w.status(
                    "x",
                    xDeclined
                            ? Statuses.twoStarsEligible().sheet(20, SHEET_ON)
                            : Statuses.oneStarEligible().sheet(20, SHEET_ON),
                    SEPTEMBER);
            for (String down : List.of("m1", "m2")) { // two members of E go down in November
                w.status(down, Statuses.oneStarEligible().sheet(20, SHEET_ON), NOVEMBER);
            }
            w.status("x", Statuses.oneStarEligible().sheet(20, SHEET_ON), NOVEMBER);

            LocalDate endOfNovember = LocalDate.parse("2026-11-30");
            SupportOrganizationRollupView all = w.rollup(endOfNovember, RollupFilter.NONE);
            assertThat(all.declined())
                    .as("the whole group still shows its figure")
                    .isEqualTo(xDeclined ? 3L : 2L);
            for (RollupFilter filter : List.of(E, G)) {
                Long filtered = w.rollup(endOfNovember, filter).declined();
                assertThat(filtered)
                        .as("declined of %s beside the unfiltered %s: the difference is one member", filter, all)
                        .isNull();
                List<SupportOrganizationRollupView> series =
                        w.series(YearMonth.parse("2026-09"), YearMonth.parse("2026-11"), Interval.MONTH, filter);
                assertThat(series).allSatisfy(p -> assertThat(p.declined()).isNull());
            }
        }
    }

    /** (3) A monthly series where one member joins in October (and leaves again in November). */
    @Test
    void aSeriesStepWhenOneMemberJoinsDoesNotRevealItsScore() {
        List<Object> high = joinerWorld(25);
        List<Object> low = joinerWorld(5);

        assertThat(high).as("what the analyst sees").isEqualTo(low);
    }

    private List<Object> joinerWorld(int joinerDone) {
        World w = new World();
        for (int i = 1; i <= 10; i++) {
            w.member("m" + i, ConsentScope.LEVEL_AND_SCORES, JsicDivision.E, SEPTEMBER);
            w.status("m" + i, Statuses.oneStarEligible().sheet(10 + i, SHEET_ON), SEPTEMBER);
        }
        w.member("y", ConsentScope.LEVEL_AND_SCORES, JsicDivision.E, OCTOBER);
        w.status("y", Statuses.oneStarEligible().sheet(joinerDone, SHEET_ON), OCTOBER);
        w.projection.on(
                new ConsentRevokedEvent(
                        ConsentGrantId.of("grant-y"),
                        TenantId.of("y"),
                        Grantee.supportOrganization(S),
                        ConsentScope.LEVEL_AND_SCORES,
                        LocalDate.parse("2026-09-01"),
                        null,
                        LocalDate.parse("2026-11-05")),
                NOVEMBER);

        List<SupportOrganizationRollupView> months =
                w.series(YearMonth.parse("2026-08"), YearMonth.parse("2026-11"), Interval.MONTH, RollupFilter.NONE);
        assertThat(months.get(1).scores().mean())
                .as("September, before the step")
                .isNotNull();
        assertThat(months.get(3).scores().mean()).as("November, y gone again").isNotNull();
        return List.of(
                months,
                w.series(YearMonth.parse("2026-10"), YearMonth.parse("2026-10"), Interval.MONTH, RollupFilter.NONE),
                w.series(YearMonth.parse("2026-07"), YearMonth.parse("2026-12"), Interval.QUARTER, RollupFilter.NONE),
                w.rollup(LocalDate.parse("2026-10-31"), RollupFilter.NONE),
                w.rollup(null, RollupFilter.NONE),
                w.list());
    }

    /** (4) An SME reads its cohort benchmark, a sixth organisation joins the cohort, it reads it again. */
    @Test
    void aNewcomerToTheCohortDoesNotRevealItsScore() {
        List<CohortBenchmarkView> high = cohortWorld(25);
        List<CohortBenchmarkView> low = cohortWorld(5);

        assertThat(high.get(0).cohortMean()).as("five members: published").isNotNull();
        assertThat(high).as("what the SME sees").isEqualTo(low);
    }

    private List<CohortBenchmarkView> cohortWorld(int newcomerDone) {
        World w = new World();
        for (int i = 1; i <= 5; i++) {
            w.member("c" + i, ConsentScope.LEVEL_AND_SCORES, JsicDivision.E, SEPTEMBER);
            w.status("c" + i, Statuses.oneStarEligible().sheet(10 + i, SHEET_ON), SEPTEMBER);
        }
        List<CohortBenchmarkView> seen = new ArrayList<>();
        seen.add(w.benchmark("c1"));
        w.member("n", ConsentScope.LEVEL_AND_SCORES, JsicDivision.E, OCTOBER);
        w.status("n", Statuses.oneStarEligible().sheet(newcomerDone, SHEET_ON), OCTOBER);
        seen.add(w.benchmark("c1"));
        w.clock.advance(Duration.ofDays(8));
        seen.add(w.benchmark("c1"));
        w.clock.advance(Duration.ofDays(40));
        seen.add(w.benchmark("c1"));
        return seen;
    }

    @Test
    void theCohortsPublicationMovesOnOnlyOnceEnoughMembersChangedAndAtMostOnceAWeek() {
        World w = new World();
        for (int i = 1; i <= 5; i++) {
            w.member("c" + i, ConsentScope.LEVEL_AND_SCORES, JsicDivision.E, SEPTEMBER);
            w.status("c" + i, Statuses.oneStarEligible().sheet(10, SHEET_ON), SEPTEMBER);
        }
        CohortBenchmarkView first = w.benchmark("c1");
        assertThat(first.cohortMembers()).isEqualTo(5);
        assertThat(first.cohortMean()).isEqualTo(40.0);
        assertThat(first.publishedOn()).isEqualTo("2026-11-20");

        for (int i = 6; i <= 10; i++) { // five newcomers, each scoring 100
            w.member("c" + i, ConsentScope.LEVEL_AND_SCORES, JsicDivision.E, OCTOBER);
            w.status("c" + i, Statuses.oneStarEligible().sheet(25, SHEET_ON), OCTOBER);
        }
        assertThat(w.benchmark("c1")).as("the same week: as published").isEqualTo(first);

        w.clock.advance(Duration.ofDays(3)); // Monday 23 November, Japan: a new week
        CohortBenchmarkView next = w.benchmark("c1");
        assertThat(next.cohortMembers()).isEqualTo(10);
        assertThat(next.cohortMean()).isEqualTo(70.0);
        assertThat(next.percentile()).isEqualTo(25.0); // 40 among five 40s and five 100s
        assertThat(next.publishedOn()).isEqualTo("2026-11-23");

        // one member's new sheet alone is not enough for a new publication, next week or later
        w.status("c2", Statuses.oneStarEligible().sheet(25, SHEET_ON), NOVEMBER);
        w.clock.advance(Duration.ofDays(7));
        assertThat(w.benchmark("c1")).isEqualTo(next);
    }

    /** One store with its projection and queries; the clock stands in late November 2026. */
    /**
     * (K) Key-action rates, unfiltered minus industry E's: the one member outside E confirmed K1 or not. Where that
     * member's grant is not full detail its confirmation counts nowhere (the worlds look the same); where it is, the
     * filter that leaves it alone out is withheld (complement rule) and its own industry is too small to show.
     */
    @Test
    void subtractingTheFilteredKeyActionRatesDoesNotRevealOneMembersConfirmation() {
        List<List<Object>> seen = new ArrayList<>();
        for (boolean xConfirmed : List.of(true, false)) {
            World w = keyActionWorld(ConsentScope.LEVEL_AND_SCORES, xConfirmed);
            seen.add(List.of(w.rollup(null, RollupFilter.NONE), w.rollup(null, E), w.rollup(null, G), w.list()));
        }
        assertThat(seen.get(0)).as("a member showing no detail").isEqualTo(seen.get(1));

        World w = keyActionWorld(ConsentScope.FULL_DETAIL, true);
        SupportOrganizationRollupView all = w.rollup(null, RollupFilter.NONE);
        assertThat(all.keyActions().members()).isEqualTo(10L);
        assertThat(all.keyActions().actions().get(0).confirmed()).isEqualTo(4L);
        SupportOrganizationRollupView e = w.rollup(null, E);
        assertThat(e.keyActions().suppressed()).isTrue();
        assertThat(e.keyActions().suppressedReason()).isEqualTo(SuppressionReason.SMALL_COMPLEMENT);
        assertThat(e.keyActions().actions()).isNull();
        assertThat(w.rollup(null, G).keyActions().suppressedReason()).isEqualTo(SuppressionReason.SMALL_GROUP);
    }

    private World keyActionWorld(ConsentScope xScope, boolean xConfirmed) {
        World w = new World();
        for (int i = 1; i <= 9; i++) {
            w.member("m" + i, ConsentScope.FULL_DETAIL, JsicDivision.E, SEPTEMBER);
        }
        w.member("x", xScope, JsicDivision.G, SEPTEMBER);
        for (String confirming : xConfirmed ? List.of("m1", "m2", "m3", "x") : List.of("m1", "m2", "m3")) {
            w.projection.on(
                    new KeyActionConfirmedEvent(
                            TenantId.of(confirming), "K1", "owner-" + confirming, null, "3.1", SHEET_ON),
                    OCTOBER);
        }
        return w;
    }

    private final class World {

        final MutableClock clock = new MutableClock(Instant.parse("2026-11-20T03:00:00Z"));
        final MongoDatabase db = mongo.client().getDatabase(mongo.freshDatabaseName("insights"));
        final SupportOrganizationRollupProjection projection = new SupportOrganizationRollupProjection(
                db, SmeDefinitions.load(), Catalog.load(), clock, new MemberStatusChanges(new MemberStatusFeed()));
        final SupportOrganizationRollupQueries queries =
                new SupportOrganizationRollupQueries(db, 5, clock, Catalog.load());

        World() {
            projection.on(new SupportOrganizationRegisteredEvent(
                    S, "工業会", null, SupportOrganizationKind.INDUSTRY_ASSOCIATION, ANALYST));
        }

        void member(String id, ConsentScope scope, JsicDivision industry, Instant at) {
            TenantId org = TenantId.of(id);
            projection.on(new OrganizationRegisteredEvent(org, id, null, null, UserId.of("owner-" + id)), at);
            projection.on(
                    new OrganizationProfileUpdatedEvent(
                            org, new OrganizationProfile(industry, null, 10, null, Prefecture.TOKYO, null)),
                    at);
            projection.on(
                    new ConsentGrantedEvent(
                            ConsentGrantId.of("grant-" + id),
                            org,
                            Grantee.supportOrganization(S),
                            scope,
                            LocalDate.parse("2026-09-01"),
                            null),
                    at);
        }

        void status(String id, Statuses.Builder status, Instant at) {
            projection.on(status.event(id, LocalDate.ofInstant(at, BusinessTime.ZONE)), at);
        }

        SupportOrganizationRollupView rollup(LocalDate asOf, RollupFilter filter) {
            return queries.handle(new FindSupportOrganizationRollupQuery(S, ANALYST, asOf, filter))
                    .orElseThrow();
        }

        List<SupportOrganizationRollupView> series(
                YearMonth from, YearMonth to, Interval interval, RollupFilter filter) {
            return queries.handle(new FindSupportOrganizationRollupSeriesQuery(S, ANALYST, from, to, interval, filter))
                    .orElseThrow()
                    .periods();
        }

        List<MemberView> list() {
            return queries.handle(new ListSupportOrganizationMembersQuery(S, ANALYST, null, null, null, null, 0, 100))
                    .orElseThrow()
                    .members();
        }

        CohortBenchmarkView benchmark(String organization) {
            return queries.handle(
                            new FindCohortBenchmarkQuery(TenantId.of(organization), UserId.of("owner-" + organization)))
                    .orElseThrow();
        }
    }
}
