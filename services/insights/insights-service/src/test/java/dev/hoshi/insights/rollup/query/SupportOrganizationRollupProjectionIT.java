package dev.hoshi.insights.rollup.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import dev.hoshi.catalog.Catalog;
import dev.hoshi.compliance.api.securityaction.LapseReason;
import dev.hoshi.compliance.api.securityaction.ReviewKind;
import dev.hoshi.compliance.api.status.SecurityActionStatusChangedEvent;
import dev.hoshi.directory.api.consent.ConsentGrantId;
import dev.hoshi.directory.api.consent.ConsentGrantedEvent;
import dev.hoshi.directory.api.consent.ConsentRevokedEvent;
import dev.hoshi.directory.api.consent.ConsentScope;
import dev.hoshi.directory.api.consent.ConsentScopeChangedEvent;
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
import dev.hoshi.insights.api.attestation.AttestationView;
import dev.hoshi.insights.api.attestation.FindAttestationQuery;
import dev.hoshi.insights.api.rollup.CohortBenchmarkView;
import dev.hoshi.insights.api.rollup.FindCohortBenchmarkQuery;
import dev.hoshi.insights.api.rollup.FindSupportOrganizationRollupQuery;
import dev.hoshi.insights.api.rollup.FindSupportOrganizationRollupSeriesQuery;
import dev.hoshi.insights.api.rollup.FindSupportOrganizationRollupSeriesQuery.Interval;
import dev.hoshi.insights.api.rollup.ListSupportOrganizationMembersQuery;
import dev.hoshi.insights.api.rollup.ListSupportOrganizationMembersQuery.MemberSort;
import dev.hoshi.insights.api.rollup.MemberPageView;
import dev.hoshi.insights.api.rollup.MemberPageView.ItemAnswerView;
import dev.hoshi.insights.api.rollup.MemberPageView.MemberView;
import dev.hoshi.insights.api.rollup.SupportOrganizationRollupView;
import dev.hoshi.insights.api.rollup.SupportOrganizationRollupView.BandCountView;
import dev.hoshi.insights.api.rollup.SupportOrganizationRollupView.ItemRateView;
import dev.hoshi.insights.api.rollup.SupportOrganizationRollupView.LevelCountsView;
import dev.hoshi.insights.api.rollup.SuppressionReason;
import dev.hoshi.insights.rollup.subscription.MemberStatusChanges;
import dev.hoshi.insights.rollup.subscription.MemberStatusFeed;
import dev.hoshi.kernel.id.PartnerClientId;
import dev.hoshi.kernel.id.SupportOrganizationId;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.kernel.id.UserId;
import dev.hoshi.testsupport.TestMongo;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rollup projection as a plain object against the test MongoDB, checked against a hand-computed fixture. Each
 * member's SECURITY ACTION state is one status as compliance publishes it ({@link Statuses}).
 *
 * <p>Support organisation S (analyst "ana"), threshold 5. Members granting S:
 *
 * <pre>
 * member scope              status            score (DONE items)  overdue
 * m1     FULL_DETAIL        ★★ declared       100 (Q1-Q25)
 * m2     FULL_DETAIL        ★ declared         80 (Q1-Q20)
 * m3     FULL_DETAIL        ★ eligible         60 (Q1-Q15)
 * m4     FULL_DETAIL        none               40 (Q1-Q10)         self-assessment
 * m5     FULL_DETAIL        none               20 (Q1-Q5)
 * m6     LEVEL_AND_SCORES   ★ declared        100 (Q1-Q25)
 * m7     LEVEL_ONLY         ★★ declared         0
 * m8     grants T only                          70
 * m9     granted S, then revoked                70
 * </pre>
 *
 * Consenting 7; levels none 2, ★ eligible 1, ★ 2, ★★ eligible 0, ★★ 2; standing lapsed 0; overdue 1. Scores over m1-m6: 20 40 60 80 100 100: mean
 * 400/6, median (60+80)/2 = 70. Items over m1-m5: Q1-Q5 5/5, Q6-Q10 4/5, Q11-Q15 3/5, Q16-Q20 2/5, Q21-Q25 1/5.
 */
class SupportOrganizationRollupProjectionIT {

    private static final Instant SEPTEMBER = Instant.parse("2026-09-10T00:00:00Z");
    private static final Instant OCTOBER = Instant.parse("2026-10-10T00:00:00Z");
    /** Today, for the grants' dates and the current month: fixed, so the figures do not depend on the day run. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-03T03:00:00Z"), ZoneOffset.UTC);

    private static final LocalDate DECLARED_ON = LocalDate.parse("2026-09-02");
    private static final LocalDate SHEET_ON = LocalDate.parse("2026-09-03");
    private static final SupportOrganizationId S = SupportOrganizationId.of("assoc-s");
    private static final SupportOrganizationId T = SupportOrganizationId.of("assoc-t");
    private static final UserId ANALYST = UserId.of("ana");

    private final TestMongo mongo = TestMongo.get();
    private final MongoDatabase db = mongo.client().getDatabase(mongo.freshDatabaseName("insights"));
    private final SupportOrganizationRollupProjection projection = new SupportOrganizationRollupProjection(
            db, SmeDefinitions.load(), Catalog.load(), CLOCK, new MemberStatusChanges(new MemberStatusFeed()));
    private final SupportOrganizationRollupQueries queries =
            new SupportOrganizationRollupQueries(db, 5, CLOCK, Catalog.load());

    @BeforeEach
    void fixture() {
        projection.on(new SupportOrganizationRegisteredEvent(
                S, "工業会", null, SupportOrganizationKind.INDUSTRY_ASSOCIATION, ANALYST));
        member(
                "m1",
                ConsentScope.FULL_DETAIL,
                S,
                Statuses.twoStarsDeclared(DECLARED_ON).sheet(25, SHEET_ON));
        member(
                "m2",
                ConsentScope.FULL_DETAIL,
                S,
                Statuses.oneStarDeclared(DECLARED_ON).sheet(20, SHEET_ON));
        member("m3", ConsentScope.FULL_DETAIL, S, Statuses.oneStarEligible().sheet(15, SHEET_ON));
        member("m4", ConsentScope.FULL_DETAIL, S, m4Overdue());
        member("m5", ConsentScope.FULL_DETAIL, S, Statuses.nothingYet().sheet(5, SHEET_ON));
        member(
                "m6",
                ConsentScope.LEVEL_AND_SCORES,
                S,
                Statuses.oneStarDeclared(DECLARED_ON).sheet(25, SHEET_ON));
        member(
                "m7",
                ConsentScope.LEVEL_ONLY,
                S,
                Statuses.twoStarsDeclared(DECLARED_ON).sheet(0, SHEET_ON));
        member("m8", ConsentScope.FULL_DETAIL, T, Statuses.nothingYet().sheet(17, SHEET_ON));
        member("m9", ConsentScope.FULL_DETAIL, S, Statuses.nothingYet().sheet(17, SHEET_ON));
        projection.on(
                new ConsentRevokedEvent(
                        grant("m9"),
                        TenantId.of("m9"),
                        Grantee.supportOrganization(S),
                        ConsentScope.FULL_DETAIL,
                        LocalDate.parse("2026-09-01"),
                        null,
                        LocalDate.parse("2026-09-10")),
                SEPTEMBER);
    }

    @Test
    void figuresMatchTheHandComputedFixtureAndRespectEachMembersScope() {
        SupportOrganizationRollupView rollup = rollup(null);

        assertThat(rollup.consentingMembers()).isEqualTo(7);
        assertThat(rollup.suppressed()).isFalse();
        assertThat(rollup.levels()).isEqualTo(new LevelCountsView(2, 1, 2, 0, 2));
        assertThat(rollup.standingLapsed()).isZero();
        assertThat(rollup.reviewsOverdue()).isEqualTo(1L);
        assertThat(rollup.scores().members()).isEqualTo(6);
        assertThat(rollup.scores().mean()).isCloseTo(400.0 / 6, within(1e-9));
        assertThat(rollup.scores().median()).isEqualTo(70.0);
        assertThat(rollup.scores().bands())
                .containsExactly(
                        new BandCountView("B100", 2),
                        new BandCountView("B49", 2),
                        new BandCountView("B50", 1),
                        new BandCountView("B70", 1));
        assertThat(rollup.items().members()).isEqualTo(5);
        assertThat(rollup.items().rates()).hasSize(25);
        assertThat(rollup.items().rates())
                .contains(
                        new ItemRateView("Q1", 1.0),
                        new ItemRateView("Q6", 0.8),
                        new ItemRateView("Q15", 0.6),
                        new ItemRateView("Q16", 0.4),
                        new ItemRateView("Q25", 0.2));
        assertThat(rollup.items().rates().get(0).item()).isEqualTo("Q1");
    }

    @Test
    void aRedeliveredEventChangesNothing() {
        SupportOrganizationRollupView before = rollup(null);
        member(
                "m1",
                ConsentScope.FULL_DETAIL,
                S,
                Statuses.twoStarsDeclared(DECLARED_ON).sheet(25, SHEET_ON));
        member("m4", ConsentScope.FULL_DETAIL, S, m4Overdue());

        assertThat(rollup(null)).isEqualTo(before);
    }

    @Test
    void groupsBelowTheThresholdAreSuppressedAndAScopeChangeMovesTheMemberBetweenGroups() {
        // m5 now shows its level only: 5 members with scores remain, 4 with detail (below 5)
        projection.on(
                new ConsentScopeChangedEvent(
                        grant("m5"),
                        TenantId.of("m5"),
                        Grantee.supportOrganization(S),
                        ConsentScope.FULL_DETAIL,
                        ConsentScope.LEVEL_ONLY,
                        LocalDate.parse("2026-09-01"),
                        null),
                OCTOBER);

        SupportOrganizationRollupView rollup = rollup(null);
        assertThat(rollup.scores().members()).isEqualTo(5);
        assertThat(rollup.scores().median()).isEqualTo(80.0); // 40 60 80 100 100
        assertThat(rollup.items().members())
                .as("4: below the threshold, not shown")
                .isNull();
        assertThat(rollup.items().suppressed()).isTrue();
        assertThat(rollup.items().suppressedReason()).isEqualTo(SuppressionReason.SMALL_GROUP);
        assertThat(rollup.items().rates()).isNull();

        // three members revoke: 4 consenting, so the level figures are withheld too
        for (String m : List.of("m1", "m2", "m3")) {
            projection.on(
                    new ConsentRevokedEvent(
                            grant(m),
                            TenantId.of(m),
                            Grantee.supportOrganization(S),
                            ConsentScope.FULL_DETAIL,
                            LocalDate.parse("2026-09-01"),
                            null,
                            LocalDate.parse("2026-10-10")),
                    OCTOBER);
        }
        rollup = rollup(null);
        assertThat(rollup.consentingMembers()).isNull();
        assertThat(rollup.suppressed()).isTrue();
        assertThat(rollup.levels()).isNull();
        assertThat(rollup.standingLapsed()).isNull();
        assertThat(rollup.reviewsOverdue()).isNull();
        assertThat(rollup.scores().suppressed()).isTrue();
        assertThat(rollup.scores().mean()).isNull();
        assertThat(rollup.scores().median()).isNull();
    }

    @Test
    void aNewStatusReplacesTheScoreAndClearsTheOverdueReview() {
        projection.on(m4NewSheet(), OCTOBER);

        SupportOrganizationRollupView rollup = rollup(null);
        assertThat(rollup.reviewsOverdue()).isZero();
        assertThat(rollup.scores().mean()).isCloseTo(460.0 / 6, within(1e-9));
    }

    @Test
    void theLatestSheetIsTheOneCompliancePublishesEvenACorrectionDatedEarlier() {
        projection.on(m4NewSheet(), OCTOBER);
        // compliance reports a correction that supersedes the October sheet: it is the latest, whatever its date
        projection.on(
                Statuses.nothingYet()
                        .sheet(0, LocalDate.parse("2026-08-01"))
                        .event("m4", LocalDate.parse("2026-10-11")),
                OCTOBER);

        SupportOrganizationRollupView rollup = rollup(null);
        assertThat(rollup.scores().mean()).isCloseTo(360.0 / 6, within(1e-9)); // 20 0 60 80 100 100
        MemberView m4 = members(null, MemberSort.SCORE, 0, 10).members().stream()
                .filter(m -> m.organizationId().equals("m4"))
                .findFirst()
                .orElseThrow();
        assertThat(m4.score()).isZero();
        assertThat(m4.assessedOn()).isEqualTo("2026-08-01");
    }

    @Test
    void aDeclaredTwoStarsWhosePolicyIsNoLongerPublishedStaysDeclaredAndCountsAsLapsed() {
        // m1 re-adopted its policy and has not published it again: compliance reports ★★ lapsed, still declared
        projection.on(
                Statuses.twoStarsDeclared(DECLARED_ON)
                        .sheet(25, SHEET_ON)
                        .lapsed(LapseReason.POLICY_NOT_PUBLISHED, LocalDate.parse("2026-10-05"))
                        .event("m1", LocalDate.parse("2026-10-05")),
                OCTOBER);

        SupportOrganizationRollupView october = rollup(LocalDate.parse("2026-10-31"));
        assertThat(october.levels()).isEqualTo(new LevelCountsView(2, 1, 2, 0, 2));
        assertThat(october.standingLapsed()).isEqualTo(1L);
        assertThat(october.declined()).as("good to lapsed is a decline").isEqualTo(1L);
        MemberView m1 = members(null, MemberSort.LEVEL, 0, 10).members().get(0);
        assertThat(m1.organizationId()).isEqualTo("m1");
        assertThat(m1.level()).isEqualTo("TWO_STARS_DECLARED");
        assertThat(m1.declaredLevel()).isEqualTo("TWO_STARS");
        assertThat(m1.standing()).isEqualTo("PREREQUISITES_LAPSED");
        assertThat(m1.lapseReason()).isEqualTo("POLICY_NOT_PUBLISHED");
        assertThat(m1.lapsedOn()).isEqualTo("2026-10-05");
        assertThat(members("TWO_STARS_DECLARED", MemberSort.SCORE, 0, 10).members())
                .extracting(MemberView::organizationId)
                .containsExactly("m1", "m7");

        // published again: good standing, no longer counted; the decline stays noted for October
        projection.on(
                Statuses.twoStarsDeclared(DECLARED_ON).sheet(25, SHEET_ON).event("m1", LocalDate.parse("2026-10-20")),
                OCTOBER);
        october = rollup(LocalDate.parse("2026-10-31"));
        assertThat(october.standingLapsed()).isZero();
        assertThat(october.declined()).isEqualTo(1L);
        MemberView good = members(null, MemberSort.LEVEL, 0, 10).members().get(0);
        assertThat(good.standing()).isEqualTo("GOOD");
        assertThat(good.lapseReason()).isNull();
        assertThat(good.lapsedOn()).isNull();

        // m7 shows its level only: its standing goes with the level, but not why or since when it lapsed, which
        // tells the state of its policy
        projection.on(
                Statuses.twoStarsDeclared(DECLARED_ON)
                        .sheet(0, SHEET_ON)
                        .lapsed(LapseReason.POLICY_WITHDRAWN, LocalDate.parse("2026-10-21"))
                        .event("m7", LocalDate.parse("2026-10-21")),
                OCTOBER);
        MemberView m7 = members("TWO_STARS_DECLARED", MemberSort.SCORE, 0, 10).members().stream()
                .filter(m -> m.organizationId().equals("m7"))
                .findFirst()
                .orElseThrow();
        assertThat(m7.scope()).isEqualTo("LEVEL_ONLY");
        assertThat(m7.standing()).isEqualTo("PREREQUISITES_LAPSED");
        assertThat(m7.lapseReason()).isNull();
        assertThat(m7.lapsedOn()).isNull();
    }

    @Test
    void asOfADateGivesTheFiguresAtTheEndOfItsMonth() {
        projection.on(m4NewSheet(), OCTOBER);

        SupportOrganizationRollupView september = rollup(LocalDate.parse("2026-09-30"));
        assertThat(september.period()).isEqualTo("2026-09");
        assertThat(september.scores().mean()).isCloseTo(400.0 / 6, within(1e-9));
        SupportOrganizationRollupView december = rollup(LocalDate.parse("2026-12-01"));
        assertThat(december.scores().mean()).isCloseTo(460.0 / 6, within(1e-9));
        SupportOrganizationRollupView before = rollup(LocalDate.parse("2026-08-31"));
        assertThat(before.consentingMembers()).isNull();
        assertThat(before.suppressed()).isTrue();
    }

    @Test
    void theSeriesHasOneRollupPerMonthAndAQuietMonthRepeatsTheOneBefore() {
        projection.on(m4NewSheet(), OCTOBER);

        List<SupportOrganizationRollupView> months = queries.handle(new FindSupportOrganizationRollupSeriesQuery(
                        S, ANALYST, YearMonth.parse("2026-08"), YearMonth.parse("2026-11"), Interval.MONTH, null))
                .orElseThrow()
                .periods();
        assertThat(months)
                .extracting(SupportOrganizationRollupView::period)
                .containsExactly("2026-08", "2026-09", "2026-10", "2026-11");
        assertThat(months.get(0).consentingMembers()).isNull();
        assertThat(months.get(1).scores().mean()).isCloseTo(400.0 / 6, within(1e-9));
        assertThat(months.get(2).scores().mean()).isCloseTo(460.0 / 6, within(1e-9));
        assertThat(months.get(3).scores()).isEqualTo(months.get(2).scores());
        assertThat(queries.handle(new FindSupportOrganizationRollupSeriesQuery(
                        S,
                        UserId.of("someone"),
                        YearMonth.parse("2026-08"),
                        YearMonth.parse("2026-11"),
                        Interval.MONTH,
                        null)))
                .isEmpty();
    }

    @Test
    void aMonthsChangeHandledAfterAnotherMembersLaterChangeCountsInItsMonthAndTheLaterOnes() {
        // segments run at their own pace: m4's October sheet handled before m10's September grant and sheet
        projection.on(m4NewSheet(), OCTOBER);
        member("m10", ConsentScope.FULL_DETAIL, S, Statuses.nothingYet().sheet(10, SHEET_ON));

        assertThat(rollup(LocalDate.parse("2026-09-30")).scores().mean()).isCloseTo(440.0 / 7, within(1e-9));
        assertThat(rollup(LocalDate.parse("2026-10-31")).scores().mean()).isCloseTo(500.0 / 7, within(1e-9));
        assertThat(rollup(LocalDate.parse("2026-10-31")))
                .usingRecursiveComparison()
                .ignoringFields("period")
                .isEqualTo(rollup(null));
    }

    @Test
    void aMembersChangeHandledAfterItsOwnLaterChangeCountsFromTheLaterMonth() {
        List<Document> septemberAndBefore = monthsUpTo("2026-09");
        // m11's grant (directory, dated October) handled before its status (compliance, dated September): September
        // knew nothing of m11 in this order, so it stays as it was; October counts m11 with its sheet
        projection.on(
                new ConsentGrantedEvent(
                        grant("m11"),
                        TenantId.of("m11"),
                        Grantee.supportOrganization(S),
                        ConsentScope.FULL_DETAIL,
                        LocalDate.parse("2026-10-01"),
                        null),
                OCTOBER);
        projection.on(Statuses.nothingYet().sheet(10, SHEET_ON).event("m11", SHEET_ON), SEPTEMBER);

        assertThat(monthsUpTo("2026-09")).isEqualTo(septemberAndBefore).isNotEmpty();
        SupportOrganizationRollupView october = rollup(LocalDate.parse("2026-10-31"));
        assertThat(october.scores().mean()).isCloseTo(440.0 / 7, within(1e-9));
        assertThat(october).usingRecursiveComparison().ignoringFields("period").isEqualTo(rollup(null));
    }

    @Test
    void aReevaluationThatChangesNoFigureLeavesTheMembersLaterHandledChangesInTheirOwnMonth() {
        // the grant calendar re-evaluates m4 today (December): its grant began long ago, so nothing changes ...
        projection.reevaluate(TenantId.of("m4"));
        // ... and m4's October sheet, handled after it, still counts in October, not in December
        projection.on(m4NewSheet(), OCTOBER);

        assertThat(rollup(LocalDate.parse("2026-10-31")).scores().mean()).isCloseTo(460.0 / 6, within(1e-9));
        assertThat(db.getCollection("insights_rollup_history").countDocuments(new Document("month", "2026-12")))
                .isZero();
    }

    /** The history's documents of every slice up to {@code month}, as stored. */
    private List<Document> monthsUpTo(String month) {
        return db.getCollection("insights_rollup_history")
                .find(new Document("month", new Document("$lte", month)))
                .sort(new Document("_id", 1))
                .into(new ArrayList<>());
    }

    @Test
    void theMemberListShowsEachMemberOnlyAtItsScopeAndSortsHiddenScoresLast() {
        MemberPageView all = members(null, MemberSort.SCORE, 0, 10);
        assertThat(all.members())
                .extracting(MemberView::organizationId)
                .containsExactly("m1", "m6", "m2", "m3", "m4", "m5", "m7");
        assertThat(all.hasNext()).isFalse();
        MemberView m1 = all.members().get(0);
        assertThat(m1.score()).isEqualTo(100);
        assertThat(m1.declaredLevel()).isEqualTo("TWO_STARS");
        assertThat(m1.standing()).isEqualTo("GOOD");
        assertThat(m1.lapseReason()).isNull();
        assertThat(m1.answers()).hasSize(25);
        assertThat(m1.answers().get(0)).isEqualTo(new ItemAnswerView("Q1", "DONE"));
        MemberView m6 = all.members().get(1);
        assertThat(m6.scope()).isEqualTo("LEVEL_AND_SCORES");
        assertThat(m6.score()).isEqualTo(100);
        assertThat(m6.answers()).isNull();
        MemberView m7 = all.members().get(6);
        assertThat(m7.level()).isEqualTo("TWO_STARS_DECLARED");
        assertThat(m7.standing())
                .as("the standing qualifies the level: shown at every scope")
                .isEqualTo("GOOD");
        assertThat(m7.score()).isNull();
        assertThat(m7.band()).isNull();
        assertThat(m7.reviewOverdue()).isNull();
        assertThat(all.members().get(4).reviewOverdue()).isTrue();
        MemberView m3 = all.members().get(3);
        assertThat(m3.level()).isEqualTo("ONE_STAR_ELIGIBLE");
        assertThat(m3.declaredLevel()).isEqualTo("NONE");
        assertThat(m3.standing()).isEqualTo("NOT_DECLARED");

        assertThat(members(null, MemberSort.LEVEL, 0, 10).members())
                .extracting(MemberView::organizationId)
                .containsExactly("m1", "m7", "m6", "m2", "m3", "m4", "m5");
        assertThat(members("ONE_STAR_DECLARED", MemberSort.SCORE, 0, 10).members())
                .extracting(MemberView::organizationId)
                .containsExactly("m6", "m2");
        MemberPageView first = members(null, MemberSort.SCORE, 0, 3);
        assertThat(first.members()).extracting(MemberView::organizationId).containsExactly("m1", "m6", "m2");
        assertThat(first.hasNext()).isTrue();
        assertThat(members(null, MemberSort.SCORE, 6, 3).members())
                .extracting(MemberView::organizationId)
                .containsExactly("m7");

        // narrowing the scope hides the score at once; revoking removes the member
        projection.on(
                new ConsentScopeChangedEvent(
                        grant("m1"),
                        TenantId.of("m1"),
                        Grantee.supportOrganization(S),
                        ConsentScope.FULL_DETAIL,
                        ConsentScope.LEVEL_ONLY,
                        LocalDate.parse("2026-09-01"),
                        null),
                OCTOBER);
        projection.on(
                new ConsentRevokedEvent(
                        grant("m2"),
                        TenantId.of("m2"),
                        Grantee.supportOrganization(S),
                        ConsentScope.FULL_DETAIL,
                        LocalDate.parse("2026-09-01"),
                        null,
                        LocalDate.parse("2026-10-10")),
                OCTOBER);
        List<MemberView> after = members(null, MemberSort.SCORE, 0, 10).members();
        assertThat(after).extracting(MemberView::organizationId).doesNotContain("m2");
        MemberView m1After = after.stream()
                .filter(m -> m.organizationId().equals("m1"))
                .findFirst()
                .orElseThrow();
        assertThat(m1After.score()).isNull();
        assertThat(m1After.answers()).isNull();

        assertThat(queries.handle(new ListSupportOrganizationMembersQuery(
                        S, UserId.of("someone"), null, null, null, MemberSort.SCORE, 0, 10)))
                .isEmpty();
    }

    private MemberPageView members(String level, MemberSort sort, int offset, int limit) {
        return queries.handle(
                        new ListSupportOrganizationMembersQuery(S, ANALYST, level, null, null, sort, offset, limit))
                .orElseThrow();
    }

    @Test
    void anOrganisationSeesWhereItStandsInItsIndustryFromConsentingScoresOnly() {
        for (String m : List.of("m1", "m2", "m3", "m4", "m5", "m6", "m7", "m9")) {
            projection.on(
                    new OrganizationRegisteredEvent(TenantId.of(m), m, null, null, UserId.of("owner-" + m)), SEPTEMBER);
            projection.on(
                    new OrganizationProfileUpdatedEvent(
                            TenantId.of(m),
                            new OrganizationProfile(JsicDivision.E, null, 20, 10_000_000L, Prefecture.AOMORI, null)),
                    SEPTEMBER);
        }
        // m1-m6 count (m7 shows its level only, m9 revoked): 20 40 60 80 100 100
        CohortBenchmarkView m3 = queries.handle(new FindCohortBenchmarkQuery(TenantId.of("m3"), UserId.of("owner-m3")))
                .orElseThrow();
        assertThat(m3.industry()).isEqualTo("E");
        assertThat(m3.smeClass()).isEqualTo("SMALL"); // construction, 20 employees
        assertThat(m3.score()).isEqualTo(60);
        assertThat(m3.cohortMembers()).isEqualTo(6);
        assertThat(m3.cohortMean()).isCloseTo(400.0 / 6, within(1e-9));
        assertThat(m3.cohortMedian()).isEqualTo(70.0);
        assertThat(m3.percentile()).isCloseTo(100 * 2.5 / 6, within(1e-9));
        assertThat(m3.parts().get(0).part()).isEqualTo(1);
        assertThat(m3.parts().get(0).score()).isEqualTo(30);
        assertThat(m3.parts().get(0).cohortMean()).isCloseTo(200.0 / 6, within(1e-9));

        // someone outside the organisation sees nothing
        assertThat(queries.handle(new FindCohortBenchmarkQuery(TenantId.of("m3"), UserId.of("owner-m4"))))
                .isEmpty();

        // two revoke: 4 left, below the threshold, but only 2 changed since the publication, so it stays
        for (String m : List.of("m1", "m2")) {
            projection.on(
                    new ConsentRevokedEvent(
                            grant(m),
                            TenantId.of(m),
                            Grantee.supportOrganization(S),
                            ConsentScope.FULL_DETAIL,
                            LocalDate.parse("2026-09-01"),
                            null,
                            LocalDate.parse("2026-10-10")),
                    OCTOBER);
        }
        assertThat(queries.handle(new FindCohortBenchmarkQuery(TenantId.of("m3"), UserId.of("owner-m3")))
                        .orElseThrow())
                .isEqualTo(m3);
    }

    @Test
    void aPartnerWithALiveGrantGetsTheStatusAtItsScopeAndNobodyElseDoes() {
        LocalDate today = LocalDate.parse("2026-10-15");
        Grantee bank = Grantee.partnerClient(PartnerClientId.of("bank"));
        projection.on(
                new ConsentGrantedEvent(
                        ConsentGrantId.of("p-m1"), TenantId.of("m1"), bank, ConsentScope.LEVEL_ONLY, today, null),
                OCTOBER);
        FindAttestationQuery query =
                new FindAttestationQuery(TenantId.of("m1"), null, PartnerClientId.of("bank"), today);

        AttestationView levelOnly = queries.handle(query).orElseThrow();
        assertThat(levelOnly.level()).isEqualTo("TWO_STARS");
        assertThat(levelOnly.declarationId()).isEqualTo("51234567890");
        assertThat(levelOnly.declaredOn()).isEqualTo("2026-09-02");
        assertThat(levelOnly.standing()).isEqualTo("GOOD");
        assertThat(levelOnly.lapseReason()).isNull();
        assertThat(levelOnly.lapsedOn()).isNull();
        assertThat(levelOnly.band()).isNull();
        assertThat(levelOnly.assessedOn()).isNull();

        projection.on(
                new ConsentScopeChangedEvent(
                        ConsentGrantId.of("p-m1"),
                        TenantId.of("m1"),
                        bank,
                        ConsentScope.LEVEL_ONLY,
                        ConsentScope.LEVEL_AND_SCORES,
                        today,
                        null),
                OCTOBER);
        assertThat(queries.handle(query).orElseThrow().band()).isEqualTo("B100");
        // compliance reports the ★★ lapsed (its sheet expired): the attestation keeps the declared level beside it
        projection.on(
                Statuses.twoStarsDeclared(DECLARED_ON)
                        .sheet(25, SHEET_ON)
                        .lapsed(LapseReason.ASSESSMENT_EXPIRED, today)
                        .event("m1", today),
                OCTOBER);
        AttestationView lapsed = queries.handle(query).orElseThrow();
        assertThat(lapsed.level()).isEqualTo("TWO_STARS");
        assertThat(lapsed.declarationId()).isEqualTo("51234567890");
        assertThat(lapsed.standing()).isEqualTo("PREREQUISITES_LAPSED");
        assertThat(lapsed.lapseReason()).isEqualTo("ASSESSMENT_EXPIRED");
        assertThat(lapsed.lapsedOn()).isEqualTo("2026-10-15");
        // not yet started, another partner, another organisation: nothing
        assertThat(queries.handle(new FindAttestationQuery(
                        TenantId.of("m1"), null, PartnerClientId.of("bank"), today.minusDays(1))))
                .isEmpty();
        assertThat(queries.handle(
                        new FindAttestationQuery(TenantId.of("m1"), null, PartnerClientId.of("other"), today)))
                .isEmpty();
        assertThat(queries.handle(new FindAttestationQuery(TenantId.of("m2"), null, PartnerClientId.of("bank"), today)))
                .isEmpty();
        // a partner's grant adds nothing to a support organisation's rollup
        assertThat(rollup(null).consentingMembers()).isEqualTo(7);

        projection.on(
                new ConsentRevokedEvent(
                        ConsentGrantId.of("p-m1"),
                        TenantId.of("m1"),
                        bank,
                        ConsentScope.LEVEL_AND_SCORES,
                        today,
                        null,
                        today),
                OCTOBER);
        assertThat(queries.handle(query)).isEmpty();
    }

    @Test
    void onlyTheSupportOrganisationsAnalystsSeeItsRollup() {
        assertThat(queries.handle(new FindSupportOrganizationRollupQuery(S, UserId.of("someone"), null, null)))
                .isEmpty();
        assertThat(queries.handle(new FindSupportOrganizationRollupQuery(T, ANALYST, null, null)))
                .isEmpty();
    }

    @Test
    void documentsOfAnOlderLayoutAreRemovedOnceBeforeTheReplay() {
        MongoDatabase older = mongo.client().getDatabase(mongo.freshDatabaseName("insights"));
        older.getCollection("insights_layout")
                .insertOne(new Document("_id", "rollups").append("processingGroup", "insights-rollups-v2"));
        older.getCollection("insights_rollups").insertOne(new Document("_id", "assoc-s").append("members", 7));
        // layout v7's compare-and-set index of its month snapshots
        older.getCollection("insights_rollup_history")
                .createIndex(new Document("_id", 1).append("rev", 1), new IndexOptions().unique(true));

        newProjection(older);
        assertThat(older.getCollection("insights_rollups").countDocuments()).isZero();
        assertThat(older.getCollection("insights_rollup_history").listIndexes())
                .extracting(index -> index.get("key", Document.class).keySet())
                .containsExactly(Set.of("_id"));

        older.getCollection("insights_rollups").insertOne(new Document("_id", "kept"));
        newProjection(older); // same layout now: nothing is removed
        assertThat(older.getCollection("insights_rollups").countDocuments()).isEqualTo(1);
    }

    private static void newProjection(MongoDatabase db) {
        new SupportOrganizationRollupProjection(
                db, SmeDefinitions.load(), Catalog.load(), CLOCK, new MemberStatusChanges(new MemberStatusFeed()));
    }

    @Test
    void theMedianComesFromTheHistogram() {
        long[] counts = new long[126];
        counts[25 + 10] = 1;
        assertThat(SupportOrganizationRollupQueries.median(counts, 1)).isEqualTo(10.0);
        counts[25 - 25] = 2;
        counts[25 + 100] = 1;
        // -25 -25 10 100
        assertThat(SupportOrganizationRollupQueries.median(counts, 4)).isEqualTo(-7.5);
    }

    private SupportOrganizationRollupView rollup(LocalDate asOf) {
        return queries.handle(new FindSupportOrganizationRollupQuery(S, ANALYST, asOf, null))
                .orElseThrow();
    }

    /** A grant from {@code id} to {@code to} at {@code scope}, then compliance's status for it. */
    private void member(String id, ConsentScope scope, SupportOrganizationId to, Statuses.Builder status) {
        TenantId org = TenantId.of(id);
        projection.on(
                new ConsentGrantedEvent(
                        grant(id), org, Grantee.supportOrganization(to), scope, LocalDate.parse("2026-09-01"), null),
                SEPTEMBER);
        projection.on(status.event(id, SHEET_ON), SEPTEMBER);
    }

    /** m4: nothing declared, a sheet of 40 whose review compliance reports overdue. */
    private static Statuses.Builder m4Overdue() {
        return Statuses.nothingYet()
                .sheet(10, SHEET_ON)
                .overdue(ReviewKind.SELF_ASSESSMENT, LocalDate.parse("2026-09-05"));
    }

    /** m4's new sheet of 100 in October, as compliance reports it: its review no longer overdue. */
    private static SecurityActionStatusChangedEvent m4NewSheet() {
        return Statuses.nothingYet()
                .sheet(25, LocalDate.parse("2026-10-01"))
                .event("m4", LocalDate.parse("2026-10-01"));
    }

    private static ConsentGrantId grant(String member) {
        return ConsentGrantId.of("grant-" + member);
    }
}
