package dev.hoshi.insights.rollup.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import dev.hoshi.catalog.Catalog;
import dev.hoshi.compliance.api.control.ControlStatus;
import dev.hoshi.compliance.api.control.ControlStatusUpdatedEvent;
import dev.hoshi.compliance.api.management.ManagementEvents.KeyActionConfirmedEvent;
import dev.hoshi.compliance.api.management.ManagementEvents.KeyActionWithdrawnEvent;
import dev.hoshi.compliance.api.securityaction.LapseReason;
import dev.hoshi.compliance.api.securityaction.ReviewKind;
import dev.hoshi.compliance.api.status.SecurityActionLevel;
import dev.hoshi.directory.api.consent.ConsentGrantId;
import dev.hoshi.directory.api.consent.ConsentGrantedEvent;
import dev.hoshi.directory.api.consent.ConsentScope;
import dev.hoshi.directory.api.consent.Grantee;
import dev.hoshi.directory.api.organization.CorporateNumber;
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
import dev.hoshi.insights.api.rollup.MemberPageView.MemberView;
import dev.hoshi.insights.api.rollup.RollupFilter;
import dev.hoshi.insights.api.rollup.SupportOrganizationRollupView;
import dev.hoshi.insights.api.rollup.SupportOrganizationRollupView.ChapterRateView;
import dev.hoshi.insights.api.rollup.SupportOrganizationRollupView.KeyActionRateView;
import dev.hoshi.insights.api.rollup.SupportOrganizationRollupView.KeyActionRatesView;
import dev.hoshi.insights.api.rollup.SupportOrganizationRollupView.LevelCountsView;
import dev.hoshi.insights.api.rollup.SuppressionReason;
import dev.hoshi.insights.rollup.subscription.MemberStatusChanges;
import dev.hoshi.insights.rollup.subscription.MemberStatusFeed;
import dev.hoshi.kernel.id.PartnerClientId;
import dev.hoshi.kernel.id.SupportOrganizationId;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.kernel.id.UserId;
import dev.hoshi.kernel.time.BusinessTime;
import dev.hoshi.testsupport.TestMongo;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Filters (industry, SME class, prefecture), the five level buckets, declines in a period, controls by chapter,
 * quarterly series, the member list's filters and sorts, cohorts by SME class and attestations by corporate number,
 * against a hand-computed fixture. Threshold 5. The SECURITY ACTION column is compliance's status as it publishes it
 * (its eligible level included): insights stores it and applies no level rule of its own.
 *
 * <pre>
 * member scope        industry pref employees  September (compliance's status)      November
 * a1     FULL_DETAIL  E        13   10 SMALL   ★★ eligible, 80 (policy published)  policy review overdue
 * a2     FULL_DETAIL  E        13   10 SMALL   ★ eligible, 60 (policy unpublished)
 * a3     SCORES       E        13   100 MEDIUM ★ declared, ★★ eligible, 40
 * a4     FULL_DETAIL  E        27   100 MEDIUM ★★ declared, good, 100
 * a5     LEVEL_ONLY   E        13   10 SMALL   ★★ eligible, 100                    sheet overdue: ★ eligible
 * a6     FULL_DETAIL  G        13   3          nothing
 * a7     FULL_DETAIL  E        13   10 SMALL   ★ eligible, 72                      new sheet 48 (score down)
 * a8     LEVEL_ONLY   G        13   3          nothing declared, 92                new sheet 32 (hidden: level only)
 * </pre>
 *
 * Levels now: none 2 (a6, a8), ★ eligible 3 (a2, a5, a7), ★ declared 0, ★★ eligible 2 (a1, a3), ★★ declared 1 (a4).
 * Declined in November: a5 (level) and a7 (score) = 2. Controls (FULL_DETAIL members that track one: a1, a2, a4, a6,
 * a7): C01 (2 controls) implemented a1 1 + a2 1 + a6 1 = 3 of 2+1+2+2+2 = 9 applicable (a2 marks C01-02 not
 * applicable); C02 (2 controls) implemented a7 1 of 10.
 */
class RollupSlicesIT {

    private static final Instant SEPTEMBER = Instant.parse("2026-09-10T00:00:00Z");
    private static final Instant NOVEMBER = Instant.parse("2026-11-10T00:00:00Z");
    private static final LocalDate SHEET_ON = LocalDate.parse("2026-09-03");
    private static final LocalDate DECLARED_ON = LocalDate.parse("2026-09-02");
    private static final LocalDate NEW_SHEET_ON = LocalDate.parse("2026-11-05");
    private static final LocalDate DUE = LocalDate.parse("2026-11-01");
    private static final SupportOrganizationId S = SupportOrganizationId.of("assoc-s");
    private static final UserId ANALYST = UserId.of("ana");
    private static final String A1_NUMBER = CorporateNumber.checkDigit("234567890123") + "234567890123";

    private final TestMongo mongo = TestMongo.get();
    private final MongoDatabase db = mongo.client().getDatabase(mongo.freshDatabaseName("insights"));
    private final SupportOrganizationRollupProjection projection = new SupportOrganizationRollupProjection(
            db,
            SmeDefinitions.load(),
            Catalog.load(),
            Clock.systemUTC(),
            new MemberStatusChanges(new MemberStatusFeed()));
    private final SupportOrganizationRollupQueries queries =
            new SupportOrganizationRollupQueries(db, 5, Clock.systemUTC(), Catalog.load());

    @BeforeEach
    void fixture() {
        projection.on(new SupportOrganizationRegisteredEvent(
                S, "工業会", null, SupportOrganizationKind.INDUSTRY_ASSOCIATION, ANALYST));
        member("a1", ConsentScope.FULL_DETAIL, JsicDivision.E, Prefecture.TOKYO, 10);
        status("a1", Statuses.twoStarsEligible().sheet(20, SHEET_ON), SEPTEMBER);
        member("a2", ConsentScope.FULL_DETAIL, JsicDivision.E, Prefecture.TOKYO, 10);
        status("a2", Statuses.oneStarEligible().sheet(15, SHEET_ON).policy(true, false), SEPTEMBER);
        member("a3", ConsentScope.LEVEL_AND_SCORES, JsicDivision.E, Prefecture.TOKYO, 100);
        status("a3", a3(), SEPTEMBER);
        member("a4", ConsentScope.FULL_DETAIL, JsicDivision.E, Prefecture.OSAKA, 100);
        status("a4", Statuses.twoStarsDeclared(DECLARED_ON).sheet(25, SHEET_ON), SEPTEMBER);
        member("a5", ConsentScope.LEVEL_ONLY, JsicDivision.E, Prefecture.TOKYO, 10);
        status("a5", Statuses.twoStarsEligible().sheet(25, SHEET_ON), SEPTEMBER);
        member("a6", ConsentScope.FULL_DETAIL, JsicDivision.G, Prefecture.TOKYO, 3);
        member("a7", ConsentScope.FULL_DETAIL, JsicDivision.E, Prefecture.TOKYO, 10);
        status("a7", Statuses.oneStarEligible().sheet(18, SHEET_ON), SEPTEMBER);
        member("a8", ConsentScope.LEVEL_ONLY, JsicDivision.G, Prefecture.TOKYO, 3);
        status("a8", Statuses.nothingYet().sheet(23, SHEET_ON), SEPTEMBER);

        control("a1", "C01-01", ControlStatus.IMPLEMENTED);
        control("a2", "C01-01", ControlStatus.IMPLEMENTED);
        control("a2", "C01-02", ControlStatus.NOT_APPLICABLE);
        control("a4", "C01-01", ControlStatus.IN_PROGRESS);
        control("a6", "C01-02", ControlStatus.IMPLEMENTED);
        control("a7", "C02-01", ControlStatus.IMPLEMENTED);

        // November: compliance's daily check finds two reviews overdue (a5's sheet, so it can no longer declare ★★);
        // a7 and a8 answer a new sheet
        status("a1", Statuses.twoStarsEligible().sheet(20, SHEET_ON).overdue(ReviewKind.BASIC_POLICY, DUE), NOVEMBER);
        status(
                "a5",
                Statuses.oneStarEligible()
                        .sheet(25, SHEET_ON)
                        .policy(true, true)
                        .overdue(ReviewKind.SELF_ASSESSMENT, DUE),
                NOVEMBER);
        status("a7", Statuses.oneStarEligible().sheet(12, NEW_SHEET_ON), NOVEMBER);
        status("a8", Statuses.nothingYet().sheet(8, NEW_SHEET_ON), NOVEMBER);
    }

    @Test
    void theFiveLevelBucketsAndTheDeclinesOfThePeriodMatchTheFixture() {
        SupportOrganizationRollupView november = rollup(LocalDate.parse("2026-11-30"), RollupFilter.NONE);

        assertThat(november.period()).isEqualTo("2026-11");
        assertThat(november.consentingMembers()).isEqualTo(8);
        assertThat(november.levels()).isEqualTo(new LevelCountsView(2, 3, 0, 2, 1));
        assertThat(november.standingLapsed()).isZero();
        assertThat(november.declined()).isEqualTo(2L);
        // a1 (policy); a5's sheet is overdue too, but a5 shows its level only, so it is not counted
        assertThat(november.reviewsOverdue()).isEqualTo(1L);
        assertThat(november.reviewsOverdueMembers()).isEqualTo(6); // all but a5 and a8
        // in September nobody had gone down yet, and a5 was still ★★ eligible
        SupportOrganizationRollupView september = rollup(LocalDate.parse("2026-09-30"), RollupFilter.NONE);
        assertThat(september.declined()).isZero();
        assertThat(september.levels()).isEqualTo(new LevelCountsView(2, 2, 0, 3, 1));
    }

    @Test
    void aWithdrawnPolicyTakesTheMemberOutOfTwoStarsEligibleAndCountsAsADecline() {
        // compliance reports a1 can declare ★ only, once its policy is withdrawn
        status("a1", Statuses.oneStarEligible().sheet(20, SHEET_ON), NOVEMBER);

        SupportOrganizationRollupView rollup = rollup(LocalDate.parse("2026-11-30"), RollupFilter.NONE);
        assertThat(rollup.levels().twoStarsEligible()).isEqualTo(1); // a3
        assertThat(rollup.levels().oneStarEligible()).isEqualTo(4);
        assertThat(rollup.declined()).isEqualTo(3L);
    }

    @Test
    void aDeclaredTwoStarsWhoseSheetExpiredStaysInItsBucketAndCountsAsLapsedInEachSliceItIsIn() {
        status(
                "a4",
                Statuses.twoStarsDeclared(DECLARED_ON)
                        .sheet(25, SHEET_ON)
                        .lapsed(LapseReason.ASSESSMENT_EXPIRED, LocalDate.parse("2026-11-25")),
                NOVEMBER);

        SupportOrganizationRollupView november = rollup(LocalDate.parse("2026-11-30"), RollupFilter.NONE);
        assertThat(november.levels()).isEqualTo(new LevelCountsView(2, 3, 0, 2, 1));
        assertThat(november.standingLapsed()).isEqualTo(1L);
        assertThat(november.declined()).as("a5, a7 and now a4").isEqualTo(3L);
        assertThat(november.reviewsOverdue()).isEqualTo(2L); // a1 and a4
        SupportOrganizationRollupView osaka = rollup(null, new RollupFilter(null, null, "27"));
        assertThat(osaka.consentingMembers()).isNull();
        assertThat(osaka.standingLapsed())
                .as("suppressed like the other level figures")
                .isNull();
        // E (6 members) and Tokyo (7) leave out 2 and 1 of the 8: subtracting would show them
        for (RollupFilter filter : List.of(new RollupFilter("E", null, null), new RollupFilter(null, null, "13"))) {
            SupportOrganizationRollupView filtered = rollup(null, filter);
            assertThat(filtered.standingLapsed()).isNull();
            assertThat(filtered.suppressedReason()).isEqualTo(SuppressionReason.SMALL_COMPLEMENT);
        }
        // in September it stood in good standing
        assertThat(rollup(LocalDate.parse("2026-09-30"), RollupFilter.NONE).standingLapsed())
                .isZero();
    }

    @Test
    void eachFilterIsJudgedOnItsGroupAndOnWhatItLeavesOut() {
        SupportOrganizationRollupView e = rollup(null, new RollupFilter("E", null, null));
        assertThat(e.consentingMembers()).isEqualTo(6);
        assertThat(e.filter()).isEqualTo(new RollupFilter("E", null, null));
        assertThat(e.levels()).as("a6 and a8 are left out: too few").isNull();
        assertThat(e.suppressedReason()).isEqualTo(SuppressionReason.SMALL_COMPLEMENT);

        SupportOrganizationRollupView tokyo = rollup(null, new RollupFilter(null, null, "13"));
        assertThat(tokyo.consentingMembers()).isEqualTo(7);
        assertThat(tokyo.levels()).as("only a4 is left out").isNull();

        SupportOrganizationRollupView smallE = rollup(null, new RollupFilter("E", "SMALL", null));
        assertThat(smallE.consentingMembers())
                .as("a1, a2, a5, a7: too few to show")
                .isNull();
        assertThat(smallE.suppressed()).isTrue();
        assertThat(smallE.suppressedReason()).isEqualTo(SuppressionReason.SMALL_GROUP);
        assertThat(smallE.levels()).isNull();
        assertThat(smallE.declined()).isNull();

        SupportOrganizationRollupView osaka = rollup(null, new RollupFilter("E", "MEDIUM", "27"));
        assertThat(osaka.consentingMembers()).isNull();
        assertThat(osaka.suppressed()).isTrue();
        assertThat(rollup(null, new RollupFilter("A", null, null)).consentingMembers())
                .isNull();
        // the unfiltered rollup is shown
        assertThat(rollup(null, RollupFilter.NONE).levels()).isEqualTo(new LevelCountsView(2, 3, 0, 2, 1));
    }

    @Test
    void aProfileChangeMovesTheMemberBetweenSlices() {
        projection.on(
                new OrganizationProfileUpdatedEvent(
                        TenantId.of("a4"),
                        new OrganizationProfile(JsicDivision.E, null, 100, null, Prefecture.TOKYO, null)),
                NOVEMBER);

        assertThat(rollup(null, new RollupFilter(null, null, "27")).consentingMembers())
                .isNull();
        assertThat(rollup(null, new RollupFilter(null, null, "13")).consentingMembers())
                .isEqualTo(8);
        assertThat(rollup(null, RollupFilter.NONE).consentingMembers()).isEqualTo(8);
    }

    @Test
    void controlsImplementedByChapterCountEachApplicableControl() {
        SupportOrganizationRollupView rollup = rollup(null, RollupFilter.NONE);

        assertThat(rollup.controls().members()).isEqualTo(5);
        assertThat(rollup.controls().suppressed()).isFalse();
        assertThat(rollup.controls().chapters()).hasSize(10);
        assertThat(rollup.controls().chapters().get(0)).isEqualTo(new ChapterRateView("C01", 3, 9, 3.0 / 9));
        assertThat(rollup.controls().chapters().get(1)).isEqualTo(new ChapterRateView("C02", 1, 10, 0.1));
        assertThat(rollup.controls().chapters())
                .filteredOn(c -> c.chapter().equals("C08"))
                .containsExactly(new ChapterRateView("C08", 0, 5, 0.0));
        // a control of another edition, or one the catalog does not know, changes nothing
        control("a1", "C99-01", ControlStatus.IMPLEMENTED);
        assertThat(rollup(null, RollupFilter.NONE).controls()).isEqualTo(rollup.controls());
    }

    @Test
    void aChapterWhoseOnlyControlEveryMemberMarkedNotApplicableIsNotListed() {
        for (String member : List.of("a1", "a2", "a4", "a6", "a7")) {
            control(member, "C08-01", ControlStatus.NOT_APPLICABLE);
        }

        List<ChapterRateView> chapters =
                rollup(null, RollupFilter.NONE).controls().chapters();
        assertThat(chapters).extracting(ChapterRateView::chapter).hasSize(9).doesNotContain("C08");
        // the month's figures read from the history agree with the rollup now
        assertThat(rollup(LocalDate.parse("2026-12-31"), RollupFilter.NONE)
                        .controls()
                        .chapters())
                .isEqualTo(chapters);
    }

    /**
     * Key actions over the five FULL_DETAIL members (a1, a2, a4, a6, a7): K1 confirmed by a1, a2 and a4, K2 by a1, K3
     * by a7 and withdrawn. a3's confirmation (LEVEL_AND_SCORES) is not theirs to show; another edition's action, or
     * an action the catalog does not know, changes nothing.
     */
    @Test
    void keyActionsConfirmedAreCountedOverTheFullDetailMembersForEveryActionOfTheEdition() {
        for (String id : List.of("a1", "a2", "a4", "a3")) {
            keyAction(id, "K1", "3.1", true);
        }
        keyAction("a1", "K2", "3.1", true);
        keyAction("a7", "K3", "3.1", true);
        keyAction("a7", "K3", "3.1", false);
        keyAction("a6", "K4", "2.9", true);
        keyAction("a6", "K9", "3.1", true);

        SupportOrganizationRollupView rollup = rollup(null, RollupFilter.NONE);

        assertThat(rollup.keyActions().members()).isEqualTo(5);
        assertThat(rollup.keyActions().suppressed()).isFalse();
        assertThat(rollup.keyActions().actions())
                .containsExactly(
                        new KeyActionRateView("K1", 3, 0.6),
                        new KeyActionRateView("K2", 1, 0.2),
                        new KeyActionRateView("K3", 0, 0.0),
                        new KeyActionRateView("K4", 0, 0.0),
                        new KeyActionRateView("K5", 0, 0.0),
                        new KeyActionRateView("K6", 0, 0.0),
                        new KeyActionRateView("K7", 0, 0.0));
        // industry E holds four of them: too few to show, and the group's size is withheld too
        KeyActionRatesView e = rollup(null, new RollupFilter("E", null, null)).keyActions();
        assertThat(e.suppressed()).isTrue();
        assertThat(e.suppressedReason()).isEqualTo(SuppressionReason.SMALL_GROUP);
        assertThat(e.members()).isNull();
        assertThat(e.actions()).isNull();
    }

    @Test
    void aQuarterlySeriesReadsEachQuarterAtItsLastMonth() {
        List<SupportOrganizationRollupView> quarters = queries.handle(new FindSupportOrganizationRollupSeriesQuery(
                        S, ANALYST, YearMonth.parse("2026-07"), YearMonth.parse("2026-11"), Interval.QUARTER, null))
                .orElseThrow()
                .periods();

        assertThat(quarters).extracting(SupportOrganizationRollupView::period).containsExactly("2026-Q3", "2026-Q4");
        assertThat(quarters.get(0).consentingMembers()).isEqualTo(8);
        assertThat(quarters.get(0).declined()).isZero();
        assertThat(quarters.get(1).declined()).isEqualTo(2L);
        assertThat(quarters.get(1).levels()).isEqualTo(new LevelCountsView(2, 3, 0, 2, 1));
    }

    @Test
    void theListFiltersAndSortsByWhatEachScopeShows() {
        assertThat(list(new RollupFilter(null, null, "27"), null, MemberSort.SCORE))
                .extracting(MemberView::organizationId)
                .containsExactly("a4");
        MemberView a4 =
                list(new RollupFilter(null, null, "27"), null, MemberSort.SCORE).get(0);
        assertThat(a4.industry()).isEqualTo("E");
        assertThat(a4.smeClass()).isEqualTo("MEDIUM");
        assertThat(a4.prefecture()).isEqualTo("27");
        // a7's November sheet is the latest, then by score; members without a date they may show come last
        assertThat(list(RollupFilter.NONE, null, MemberSort.LAST_ASSESSMENT))
                .extracting(MemberView::organizationId)
                .containsExactly("a7", "a4", "a1", "a2", "a3", "a5", "a6", "a8");
    }

    @Test
    void overdueFiltersAndSortsOnlyWhereTheScopeShowsIt() {
        assertThat(list(RollupFilter.NONE, true, MemberSort.SCORE))
                .extracting(MemberView::organizationId)
                .containsExactly("a1"); // a5 is overdue too, but shows its level only
        assertThat(list(RollupFilter.NONE, null, MemberSort.OVERDUE).get(0).organizationId())
                .isEqualTo("a1");
        assertThat(list(new RollupFilter("E", "SMALL", null), null, MemberSort.SCORE))
                .extracting(MemberView::organizationId)
                .containsExactly("a1", "a2", "a7", "a5");
    }

    @Test
    void theCohortIsTheSameIndustryAndSmeClass() {
        CohortBenchmarkView a1 = queries.handle(new FindCohortBenchmarkQuery(TenantId.of("a1"), UserId.of("owner-a1")))
                .orElseThrow();

        assertThat(a1.industry()).isEqualTo("E");
        assertThat(a1.smeClass()).isEqualTo("SMALL");
        // E and small with scores in scope: a1, a2, a7 (a5 shows its level only); E alone would be 5
        assertThat(a1.cohortMembers()).as("3: too few to show").isNull();
        assertThat(a1.suppressed()).isTrue();
    }

    @Test
    void aPartnerNamesTheOrganisationByItsCorporateNumber() {
        LocalDate today = LocalDate.parse("2026-11-15");
        projection.on(
                new ConsentGrantedEvent(
                        ConsentGrantId.of("p-a1"),
                        TenantId.of("a1"),
                        Grantee.partnerClient(PartnerClientId.of("bank")),
                        ConsentScope.LEVEL_ONLY,
                        today,
                        null),
                NOVEMBER);

        AttestationView byNumber = queries.handle(
                        new FindAttestationQuery(null, A1_NUMBER, PartnerClientId.of("bank"), today))
                .orElseThrow();
        assertThat(byNumber.organizationId()).isEqualTo("a1");
        assertThat(queries.handle(new FindAttestationQuery(null, A1_NUMBER, PartnerClientId.of("other"), today)))
                .isEmpty();
        String unknown = CorporateNumber.checkDigit("999999999999") + "999999999999";
        assertThat(queries.handle(new FindAttestationQuery(null, unknown, PartnerClientId.of("bank"), today)))
                .isEmpty();
    }

    private SupportOrganizationRollupView rollup(LocalDate asOf, RollupFilter filter) {
        return queries.handle(new FindSupportOrganizationRollupQuery(S, ANALYST, asOf, filter))
                .orElseThrow();
    }

    private List<MemberView> list(RollupFilter filter, Boolean overdue, MemberSort sort) {
        return queries.handle(new ListSupportOrganizationMembersQuery(S, ANALYST, null, filter, overdue, sort, 0, 20))
                .orElseThrow()
                .members();
    }

    private void member(String id, ConsentScope scope, JsicDivision industry, Prefecture prefecture, int employees) {
        TenantId org = TenantId.of(id);
        projection.on(
                new OrganizationRegisteredEvent(
                        org,
                        id,
                        null,
                        id.equals("a1") ? CorporateNumber.of(A1_NUMBER) : null,
                        UserId.of("owner-" + id)),
                SEPTEMBER);
        projection.on(
                new OrganizationProfileUpdatedEvent(
                        org, new OrganizationProfile(industry, null, employees, null, prefecture, null)),
                SEPTEMBER);
        projection.on(
                new ConsentGrantedEvent(
                        ConsentGrantId.of("grant-" + id),
                        org,
                        Grantee.supportOrganization(S),
                        scope,
                        LocalDate.parse("2026-09-01"),
                        null),
                SEPTEMBER);
    }

    /** Compliance's status of member {@code id}, published at {@code at}. */
    private void status(String id, Statuses.Builder status, Instant at) {
        projection.on(status.event(id, LocalDate.ofInstant(at, BusinessTime.ZONE)), at);
    }

    /** ★ declared, and compliance reports ★★ eligible too (a current sheet of 40, a published policy). */
    private static Statuses.Builder a3() {
        return Statuses.oneStarDeclared(DECLARED_ON)
                .sheet(10, SHEET_ON)
                .policy(true, true)
                .eligible(SecurityActionLevel.TWO_STARS)
                .missing(List.of("DECLARATION"));
    }

    private void keyAction(String id, String action, String edition, boolean confirmed) {
        if (confirmed) {
            projection.on(
                    new KeyActionConfirmedEvent(
                            TenantId.of(id), action, "owner-" + id, null, edition, LocalDate.parse("2026-09-07")),
                    SEPTEMBER);
        } else {
            projection.on(
                    new KeyActionWithdrawnEvent(
                            TenantId.of(id), action, "owner-" + id, null, LocalDate.parse("2026-09-08")),
                    SEPTEMBER);
        }
    }

    private void control(String id, String control, ControlStatus status) {
        projection.on(
                new ControlStatusUpdatedEvent(
                        TenantId.of(id),
                        "3.1",
                        control,
                        status,
                        null,
                        null,
                        null,
                        null,
                        status == ControlStatus.NOT_APPLICABLE ? "該当する業務がない" : null,
                        LocalDate.parse("2026-09-06")),
                SEPTEMBER);
    }
}
