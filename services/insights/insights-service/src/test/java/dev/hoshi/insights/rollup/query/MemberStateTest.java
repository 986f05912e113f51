package dev.hoshi.insights.rollup.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoshi.catalog.Catalog;
import dev.hoshi.catalog.Edition;
import dev.hoshi.compliance.api.securityaction.LapseReason;
import dev.hoshi.compliance.api.securityaction.ReviewKind;
import dev.hoshi.compliance.api.status.SecurityActionLevel;
import dev.hoshi.directory.api.consent.ConsentScope;
import dev.hoshi.insights.Statuses;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * A member's level bucket, standing and declines come from compliance's status as stored, with no rule of insights'
 * own: each bucket is the highest that holds of ★★ declared, ★★ eligible, ★ declared, ★ eligible, none.
 */
class MemberStateTest {

    private static final Edition EDITION = Catalog.load().current();
    private static final LocalDate DECLARED_ON = LocalDate.parse("2026-04-01");
    private static final LocalDate SHEET_ON = LocalDate.parse("2026-04-02");
    private static final LocalDate LAPSED_ON = LocalDate.parse("2026-10-05");
    private static final Instant OCTOBER = Instant.parse("2026-10-05T03:00:00Z");

    @Test
    void eachStatusFallsInTheHighestBucketThatHolds() {
        assertThat(MemberState.levelOf(null)).isEqualTo("NONE");
        assertThat(bucket(Statuses.nothingYet().sheet(20, SHEET_ON))).isEqualTo("NONE");
        assertThat(bucket(Statuses.oneStarEligible())).isEqualTo("ONE_STAR_ELIGIBLE");
        assertThat(bucket(Statuses.oneStarDeclared(DECLARED_ON))).isEqualTo("ONE_STAR_DECLARED");
        assertThat(bucket(Statuses.twoStarsEligible().sheet(25, SHEET_ON))).isEqualTo("TWO_STARS_ELIGIBLE");
        assertThat(bucket(Statuses.oneStarDeclared(DECLARED_ON)
                        .sheet(25, SHEET_ON)
                        .policy(true, true)
                        .eligible(SecurityActionLevel.TWO_STARS)))
                .as("★ declared, and compliance says ★★ could be declared")
                .isEqualTo("TWO_STARS_ELIGIBLE");
        assertThat(bucket(Statuses.twoStarsDeclared(DECLARED_ON).sheet(25, SHEET_ON)))
                .isEqualTo("TWO_STARS_DECLARED");
    }

    @Test
    void aDeclaredTwoStarsWhosePrerequisitesLapsedStaysDeclaredAndCountsAsLapsed() {
        Document state = state(Statuses.twoStarsDeclared(DECLARED_ON)
                .sheet(25, SHEET_ON)
                .lapsed(LapseReason.POLICY_NOT_PUBLISHED, LAPSED_ON));

        assertThat(MemberState.levelOf(state)).isEqualTo("TWO_STARS_DECLARED");
        assertThat(MemberState.standingOf(state)).isEqualTo("PREREQUISITES_LAPSED");
        assertThat(MemberState.lapsed(state)).isTrue();
        assertThat(state.getString("lapseReason")).isEqualTo("POLICY_NOT_PUBLISHED");
        assertThat(state.getString("lapsedOn")).isEqualTo("2026-10-05");
        assertThat(MemberState.contribution(state, ConsentScope.LEVEL_ONLY, EDITION))
                .containsEntry("level.TWO_STARS_DECLARED", 1L)
                .containsEntry("standingLapsed", 1L)
                .doesNotContainKey("level.ONE_STAR_ELIGIBLE");
        // in good standing it is not counted as lapsed
        assertThat(MemberState.contribution(
                        state(Statuses.twoStarsDeclared(DECLARED_ON).sheet(25, SHEET_ON)),
                        ConsentScope.LEVEL_ONLY,
                        EDITION))
                .containsEntry("level.TWO_STARS_DECLARED", 1L)
                .doesNotContainKey("standingLapsed");
    }

    @Test
    void overdueIsComplianceSayingAnyReviewIsOverdue() {
        Document state = state(Statuses.twoStarsEligible()
                .sheet(25, SHEET_ON)
                .overdue(ReviewKind.BASIC_POLICY, LocalDate.parse("2026-09-30")));

        assertThat(MemberState.overdue(state)).isTrue();
        assertThat(MemberState.levelOf(state))
                .as("the bucket is compliance's eligible level, not a rule about which review is overdue")
                .isEqualTo("TWO_STARS_ELIGIBLE");
        assertThat(MemberState.overdue(state(Statuses.twoStarsEligible().sheet(25, SHEET_ON))))
                .isFalse();
    }

    @Test
    void goingFromGoodToLapsedIsADeclineThoughTheBucketStays() {
        Document good = state(Statuses.twoStarsDeclared(DECLARED_ON).sheet(25, SHEET_ON));
        Document lapsed = state(Statuses.twoStarsDeclared(DECLARED_ON)
                .sheet(25, SHEET_ON)
                .lapsed(LapseReason.ASSESSMENT_EXPIRED, LAPSED_ON));

        MemberState.recordDecline(good, lapsed, OCTOBER);
        assertThat(lapsed.getList("levelDown", String.class)).containsExactly("2026-10", "2026-Q4");

        // back to good standing, or lapsed for another reason, or declaring for the first time: no decline
        Document again = state(Statuses.twoStarsDeclared(DECLARED_ON).sheet(25, SHEET_ON));
        MemberState.recordDecline(lapsed, again, OCTOBER);
        assertThat(again.get("levelDown")).isNull();
        Document otherReason = state(Statuses.twoStarsDeclared(DECLARED_ON)
                .sheet(25, SHEET_ON)
                .lapsed(LapseReason.POLICY_WITHDRAWN, LAPSED_ON));
        MemberState.recordDecline(
                state(Statuses.twoStarsDeclared(DECLARED_ON)
                        .sheet(25, SHEET_ON)
                        .lapsed(LapseReason.ASSESSMENT_EXPIRED, LAPSED_ON)),
                otherReason,
                OCTOBER);
        assertThat(otherReason.get("levelDown")).isNull();
        Document declared = state(Statuses.oneStarDeclared(DECLARED_ON));
        MemberState.recordDecline(state(Statuses.oneStarEligible()), declared, OCTOBER);
        assertThat(declared.get("levelDown")).isNull();
    }

    @Test
    void aLowerBucketIsADecline() {
        Document eligible = state(Statuses.twoStarsEligible().sheet(25, SHEET_ON));
        Document oneStar = state(Statuses.oneStarEligible().sheet(25, SHEET_ON));

        MemberState.recordDecline(eligible, oneStar, OCTOBER);

        assertThat(oneStar.getList("levelDown", String.class)).containsExactly("2026-10", "2026-Q4");
    }

    @Test
    void theStatusReplacesWhatTheLastOneSaidIncludingItsSheet() {
        Document state = new Document("_id", "m1").append("name", "佐藤製作所");
        MemberState.record(
                state,
                Statuses.twoStarsDeclared(DECLARED_ON)
                        .sheet(25, SHEET_ON)
                        .lapsed(LapseReason.POLICY_NOT_PUBLISHED, LAPSED_ON)
                        .build());

        assertThat(state)
                .containsEntry("name", "佐藤製作所")
                .containsEntry("declared", "TWO_STARS")
                .containsEntry("declarationId", Statuses.DECLARATION_ID)
                .containsEntry("declaredOn", "2026-04-01")
                .containsEntry("eligible", "ONE_STAR")
                .containsEntry("score", 100)
                .containsEntry("band", "B100")
                .containsEntry("sheetOn", "2026-04-02")
                .containsEntry("parts", new Document(Map.of("1", 50, "2", 25, "3", 25)));
        assertThat(state.get("answers", Document.class)).hasSize(25).containsEntry("Q1", "DONE");

        // the organisation stopped its declaration and compliance knows no sheet: nothing of either is left
        MemberState.record(state, Statuses.nothingYet().build());
        assertThat(state)
                .containsEntry("declared", "NONE")
                .containsEntry("standing", "NOT_DECLARED")
                .containsEntry("overdue", false)
                .doesNotContainKeys(
                        "declarationId",
                        "declaredOn",
                        "lapseReason",
                        "lapsedOn",
                        "score",
                        "band",
                        "sheetOn",
                        "parts",
                        "answers");
        assertThat(MemberState.levelOf(state)).isEqualTo("NONE");
        assertThat(state.keySet()).doesNotContainAnyElementsOf(List.of("articles", "policyAdopted", "policyPublished"));
    }

    private static String bucket(Statuses.Builder status) {
        return MemberState.levelOf(state(status));
    }

    private static Document state(Statuses.Builder status) {
        Document state = new Document("_id", "m1");
        MemberState.record(state, status.build());
        return state;
    }
}
