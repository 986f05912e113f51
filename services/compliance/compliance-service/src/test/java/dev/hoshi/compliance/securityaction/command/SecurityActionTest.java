package dev.hoshi.compliance.securityaction.command;

import dev.hoshi.catalog.Catalog;
import dev.hoshi.compliance.api.securityaction.AssessmentId;
import dev.hoshi.compliance.api.securityaction.LapseReason;
import dev.hoshi.compliance.api.securityaction.ReviewKind;
import dev.hoshi.compliance.api.securityaction.SecurityActionCommands.AdoptBasicPolicyCommand;
import dev.hoshi.compliance.api.securityaction.SecurityActionCommands.CheckDueDatesCommand;
import dev.hoshi.compliance.api.securityaction.SecurityActionCommands.CombineUnitAssessmentsCommand;
import dev.hoshi.compliance.api.securityaction.SecurityActionCommands.CommitToFiveArticlesCommand;
import dev.hoshi.compliance.api.securityaction.SecurityActionCommands.CompleteReviewCommand;
import dev.hoshi.compliance.api.securityaction.SecurityActionCommands.PublishBasicPolicyCommand;
import dev.hoshi.compliance.api.securityaction.SecurityActionCommands.RecordDeclarationCommand;
import dev.hoshi.compliance.api.securityaction.SecurityActionCommands.SetReviewCadenceCommand;
import dev.hoshi.compliance.api.securityaction.SecurityActionCommands.StopDeclarationCommand;
import dev.hoshi.compliance.api.securityaction.SecurityActionCommands.SubmitSelfAssessmentCommand;
import dev.hoshi.compliance.api.securityaction.SecurityActionCommands.WithdrawBasicPolicyCommand;
import dev.hoshi.compliance.api.securityaction.SecurityActionEvents.BasicPolicyAdoptedEvent;
import dev.hoshi.compliance.api.securityaction.SecurityActionEvents.BasicPolicyPublishedEvent;
import dev.hoshi.compliance.api.securityaction.SecurityActionEvents.BasicPolicyWithdrawnEvent;
import dev.hoshi.compliance.api.securityaction.SecurityActionEvents.DeclarationRecordedEvent;
import dev.hoshi.compliance.api.securityaction.SecurityActionEvents.DeclarationStoppedEvent;
import dev.hoshi.compliance.api.securityaction.SecurityActionEvents.FiveArticlesCommittedEvent;
import dev.hoshi.compliance.api.securityaction.SecurityActionEvents.ReviewCompletedEvent;
import dev.hoshi.compliance.api.securityaction.SecurityActionEvents.ReviewOverdueEvent;
import dev.hoshi.compliance.api.securityaction.SecurityActionEvents.SecurityActionLevelLapsedEvent;
import dev.hoshi.compliance.api.securityaction.SecurityActionEvents.SelfAssessmentSubmittedEvent;
import dev.hoshi.compliance.api.securityaction.SecurityActionId;
import dev.hoshi.compliance.api.status.SecurityActionLevel;
import dev.hoshi.compliance.api.status.SecurityActionStatus;
import dev.hoshi.compliance.api.status.SecurityActionStatusChangedEvent;
import dev.hoshi.compliance.api.status.Standing;
import dev.hoshi.compliance.securityaction.domain.SecurityActionState;
import dev.hoshi.kernel.error.HoshiException;
import dev.hoshi.kernel.id.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.matchers.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SecurityActionTest {

    private static final TenantId SATO = TenantId.of("sato-seisakusho");
    private static final SecurityActionId ID = SecurityActionId.of(SATO);
    /** 2026-11-26 in Japan. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T03:00:00Z"), ZoneOffset.UTC);

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 26);

    private static final List<String> ALL = List.of("A1", "A2", "A3", "A4", "A5");
    private static final FiveArticlesCommittedEvent COMMITTED =
            new FiveArticlesCommittedEvent(SATO, ALL, "3.1", LocalDate.of(2026, 1, 10));
    private static final DeclarationRecordedEvent ONE_STAR = new DeclarationRecordedEvent(
            SATO, SecurityActionLevel.ONE_STAR, "51234567890", "CURRENT", LocalDate.of(2026, 1, 20));
    private static final BasicPolicyAdoptedEvent ADOPTED = new BasicPolicyAdoptedEvent(SATO, LocalDate.of(2026, 3, 1));
    private static final BasicPolicyPublishedEvent PUBLISHED =
            new BasicPolicyPublishedEvent(SATO, "https://sato.example.jp/policy", LocalDate.of(2026, 3, 5));

    private static final SecurityActionState.Rules RULES =
            SecurityActionState.Rules.of(Catalog.load().current());

    private FixtureConfiguration<SecurityAction> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(SecurityAction.class);
        fixture.registerInjectableResource(Catalog.load());
        fixture.registerInjectableResource(CLOCK);
    }

    // ------------------------------------------------------------------ ★

    @Test
    void committingToTheFiveArticlesIsRecordedWithItsDate() {
        fixture.givenNoPriorActivity()
                .when(new CommitToFiveArticlesCommand(
                        ID, Set.of("A5", "A1", "A3", "A2", "A4"), LocalDate.of(2026, 1, 10)))
                .expectEventsMatching(facts(COMMITTED))
                .expectResultMessagePayloadMatching(
                        Matchers.predicate(status(s -> s.eligibleLevel() == SecurityActionLevel.ONE_STAR
                                && s.standing() == Standing.NOT_DECLARED
                                && s.missingForNextStar().equals(List.of("DECLARATION")))));
    }

    @Test
    void anArticleOutsideTheFiveIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new CommitToFiveArticlesCommand(ID, Set.of("A1", "A6"), null))
                .expectException(Matchers.predicate(
                        e -> e instanceof HoshiException h && h.code().equals("UNKNOWN_ARTICLE")))
                .expectNoEvents();
    }

    @Test
    void aFactDatedInTheFutureIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new CommitToFiveArticlesCommand(ID, Set.copyOf(ALL), TODAY.plusDays(1)))
                .expectException(Matchers.predicate(
                        e -> e instanceof HoshiException h && h.code().equals("DATE_IN_FUTURE")))
                .expectNoEvents();
    }

    @Test
    void cannotDeclareOneStarBeforeCommittingToAllFiveArticles() {
        fixture.given(new FiveArticlesCommittedEvent(SATO, List.of("A1", "A2"), "3.1", LocalDate.of(2026, 1, 10)))
                .when(new RecordDeclarationCommand(ID, SecurityActionLevel.ONE_STAR, "51234567890", null))
                .expectException(Matchers.predicate(e -> e instanceof HoshiException h
                        && h.code().equals("ONE_STAR_NOT_ELIGIBLE")
                        && h.getMessage().contains("[A3, A4, A5]")))
                .expectNoEvents();
    }

    @Test
    void oneStarIsRecordedOnceAllFiveArticlesAreCommitted() {
        fixture.given(COMMITTED)
                .when(new RecordDeclarationCommand(
                        ID, SecurityActionLevel.ONE_STAR, "51234567890", LocalDate.of(2026, 1, 20)))
                .expectEventsMatching(facts(ONE_STAR));
    }

    @Test
    void aDeclarationIdThatIsNoNumberIsRefused() {
        for (String bad : new String[] {"5123456789X", "", "  ", "512-345-678"}) {
            fixture.given(COMMITTED)
                    .when(new RecordDeclarationCommand(ID, SecurityActionLevel.ONE_STAR, bad, null))
                    .expectException(Matchers.predicate(
                            e -> e instanceof HoshiException h && h.code().equals("INVALID_DECLARATION_ID")))
                    .expectNoEvents();
        }
    }

    @Test
    void aDeclarationIdOfAnUnreportedFormatIsRecordedAsUnrecognisedNotRefused() {
        for (String unusual : new String[] {"61234567890", "5123456789"}) {
            fixture.given(COMMITTED)
                    .when(new RecordDeclarationCommand(
                            ID, SecurityActionLevel.ONE_STAR, unusual, LocalDate.of(2026, 1, 20)))
                    .expectEventsMatching(facts(new DeclarationRecordedEvent(
                            SATO,
                            SecurityActionLevel.ONE_STAR,
                            unusual,
                            SecurityAction.UNRECOGNISED_FORMAT,
                            LocalDate.of(2026, 1, 20))));
        }
    }

    @Test
    void aLegacyDeclarationIdIsAccepted() {
        fixture.given(COMMITTED)
                .when(new RecordDeclarationCommand(
                        ID, SecurityActionLevel.ONE_STAR, "41234567890", LocalDate.of(2026, 1, 20)))
                .expectEventsMatching(facts(new DeclarationRecordedEvent(
                        SATO, SecurityActionLevel.ONE_STAR, "41234567890", "LEGACY", LocalDate.of(2026, 1, 20))));
    }

    // ------------------------------------------------------------------ self-assessment

    @Test
    void aCompleteSheetIsScoredUnderItsEdition() {
        AssessmentId sheet = AssessmentId.of("sheet-1");
        fixture.givenNoPriorActivity()
                .when(new SubmitSelfAssessmentCommand(
                        ID, sheet, "3.1", null, answers("DONE"), LocalDate.of(2026, 2, 1), null))
                .expectEventsMatching(Matchers.payloadsMatching(Matchers.exactSequenceOf(
                        Matchers.predicate(e -> e instanceof SelfAssessmentSubmittedEvent s
                                && s.score() == 100
                                && s.band().equals("ENTRY_LEVEL_ACHIEVED")
                                && s.edition().equals("3.1")
                                && s.partScores().equals(Map.of(1, 20, 2, 52, 3, 28))),
                        Matchers.predicate(e -> e instanceof SecurityActionStatusChangedEvent s
                                && s.status().latestAssessment().score() == 100
                                && s.status().latestAssessment().band().equals("ENTRY_LEVEL_ACHIEVED")),
                        Matchers.andNoMore())));
    }

    @Test
    void ofTwoSheetsCompletedTheSameDayTheOneRecordedLastCounts() {
        LocalDate day = LocalDate.of(2026, 2, 1);
        fixture.given(submitted("morning", 80, day))
                .when(new SubmitSelfAssessmentCommand(
                        ID, AssessmentId.of("evening"), null, null, answers("PARTLY"), day, null))
                .expectEventsMatching(
                        lastStatus(s -> s.latestAssessment().assessmentId().equals("evening")
                                && s.latestAssessment().score() == 50
                                && s.latestAssessment().answers().equals(answers("PARTLY"))));
    }

    @Test
    void anIncompleteSheetIsRefusedNamingTheMissingItems() {
        Map<String, String> answers = answers("DONE");
        answers.remove("Q7");
        fixture.givenNoPriorActivity()
                .when(new SubmitSelfAssessmentCommand(ID, AssessmentId.of("s"), null, null, answers, null, null))
                .expectException(Matchers.predicate(e -> e instanceof HoshiException h
                        && h.code().equals("INVALID_SELF_ASSESSMENT")
                        && h.getMessage().contains("Q7")))
                .expectNoEvents();
    }

    @Test
    void anUnknownEditionIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new SubmitSelfAssessmentCommand(
                        ID, AssessmentId.of("s"), "9.9", null, answers("DONE"), null, null))
                .expectException(Matchers.predicate(
                        e -> e instanceof HoshiException h && h.code().equals("UNKNOWN_EDITION")))
                .expectNoEvents();
    }

    @Test
    void aSubmittedSheetIsNeverChangedOnlySuperseded() {
        SelfAssessmentSubmittedEvent first = submitted("s1", 100, LocalDate.of(2026, 2, 1));
        fixture.given(first)
                .when(new SubmitSelfAssessmentCommand(
                        ID, AssessmentId.of("s1"), null, null, answers("PARTLY"), null, null))
                .expectException(Matchers.predicate(
                        e -> e instanceof HoshiException h && h.code().equals("ASSESSMENT_EXISTS")))
                .expectNoEvents();
        fixture.given(first)
                .when(new SubmitSelfAssessmentCommand(
                        ID, AssessmentId.of("s2"), null, null, answers("PARTLY"), null, AssessmentId.of("nope")))
                .expectException(Matchers.predicate(
                        e -> e instanceof HoshiException h && h.code().equals("UNKNOWN_ASSESSMENT")))
                .expectNoEvents();
        fixture.given(first)
                .when(new SubmitSelfAssessmentCommand(
                        ID,
                        AssessmentId.of("s2"),
                        null,
                        null,
                        answers("PARTLY"),
                        LocalDate.of(2026, 2, 2),
                        AssessmentId.of("s1")))
                .expectEventsMatching(Matchers.payloadsMatching(Matchers.exactSequenceOf(
                        Matchers.predicate(e -> e instanceof SelfAssessmentSubmittedEvent s
                                && s.score() == 50
                                && AssessmentId.of("s1").equals(s.supersedes())),
                        Matchers.predicate(e -> e instanceof SecurityActionStatusChangedEvent s
                                && s.status().latestAssessment().assessmentId().equals("s2")
                                && s.status().latestAssessment().supersedes().equals("s1")),
                        Matchers.andNoMore())));
    }

    @Test
    void unitSheetsCombineIntoTheOrganisationsSheetTakingTheWeakestAnswer() {
        Map<String, String> factory = answers("DONE");
        factory.put("Q15", "NOT_DONE");
        Map<String, String> office = answers("DONE");
        office.put("Q3", "UNKNOWN");
        fixture.given(unitSubmitted("factory", factory), unitSubmitted("office", office))
                .when(new CombineUnitAssessmentsCommand(
                        ID,
                        AssessmentId.of("whole"),
                        List.of(AssessmentId.of("factory"), AssessmentId.of("office")),
                        null))
                .expectEventsMatching(Matchers.payloadsMatching(Matchers.exactSequenceOf(
                        Matchers.predicate(e -> e instanceof SelfAssessmentSubmittedEvent s
                                && s.unit() == null
                                && s.answers().get("Q15").equals("NOT_DONE")
                                && s.answers().get("Q3").equals("UNKNOWN")
                                && s.score() == 100 - 4 - 5
                                && s.combinedFrom().size() == 2),
                        Matchers.predicate(e -> e instanceof SecurityActionStatusChangedEvent s
                                && s.status().latestAssessment().assessmentId().equals("whole")),
                        Matchers.andNoMore())));
    }

    // ------------------------------------------------------------------ policy and ★★

    @Test
    void cannotPublishAPolicyThatWasNotAdopted() {
        fixture.given(COMMITTED)
                .when(new PublishBasicPolicyCommand(ID, "https://sato.example.jp/policy", null))
                .expectException(Matchers.predicate(
                        e -> e instanceof HoshiException h && h.code().equals("POLICY_NOT_ADOPTED")))
                .expectNoEvents();
    }

    @Test
    void aPolicyUrlMustBeAFullWebAddress() {
        for (String bad :
                new String[] {"sato.example.jp/policy", "ftp://sato.example.jp/p", "javascript:alert(1)", " "}) {
            fixture.given(ADOPTED)
                    .when(new PublishBasicPolicyCommand(ID, bad, null))
                    .expectException(Matchers.predicate(
                            e -> e instanceof HoshiException h && h.code().equals("INVALID_URL")))
                    .expectNoEvents();
        }
    }

    @Test
    void cannotDeclareTwoStarsWithoutAPublishedPolicy() {
        fixture.given(COMMITTED, ONE_STAR, submitted("s1", 80, LocalDate.of(2026, 2, 1)), ADOPTED)
                .when(new RecordDeclarationCommand(ID, SecurityActionLevel.TWO_STARS, "51234567890", null))
                .expectException(Matchers.predicate(e -> e instanceof HoshiException h
                        && h.code().equals("TWO_STARS_NOT_ELIGIBLE")
                        && h.getMessage().contains("POLICY_PUBLISHED")
                        && !h.getMessage().contains("POLICY_ADOPTED")))
                .expectNoEvents();
    }

    @Test
    void cannotDeclareTwoStarsWithAnAssessmentOlderThanTheReviewPeriod() {
        fixture.given(COMMITTED, ONE_STAR, submitted("s1", 80, LocalDate.of(2025, 10, 1)), ADOPTED, PUBLISHED)
                .when(new RecordDeclarationCommand(ID, SecurityActionLevel.TWO_STARS, "51234567890", null))
                .expectException(Matchers.predicate(e -> e instanceof HoshiException h
                        && h.getMessage().contains("SELF_ASSESSMENT_WITHIN_REVIEW_PERIOD")))
                .expectNoEvents();
    }

    @Test
    void twoStarsAreRecordedWhenEveryPrerequisiteHolds() {
        fixture.given(COMMITTED, ONE_STAR, submitted("s1", 80, LocalDate.of(2026, 2, 1)), ADOPTED, PUBLISHED)
                .when(new RecordDeclarationCommand(
                        ID, SecurityActionLevel.TWO_STARS, "51234567890", LocalDate.of(2026, 4, 1)))
                .expectEventsMatching(facts(new DeclarationRecordedEvent(
                        SATO, SecurityActionLevel.TWO_STARS, "51234567890", "CURRENT", LocalDate.of(2026, 4, 1))))
                .expectResultMessagePayloadMatching(
                        Matchers.predicate(status(s -> s.declaredLevel() == SecurityActionLevel.TWO_STARS
                                && s.standing() == Standing.GOOD
                                && s.missingForNextStar().isEmpty())));
    }

    @Test
    void withdrawingThePolicyKeepsTwoStarsDeclaredAndLapsesItsStandingSayingWhy() {
        fixture.given(
                        COMMITTED,
                        ONE_STAR,
                        submitted("s1", 80, LocalDate.of(2026, 2, 1)),
                        ADOPTED,
                        PUBLISHED,
                        twoStars())
                .when(new WithdrawBasicPolicyCommand(ID, "rewriting it", LocalDate.of(2026, 6, 1)))
                .expectEventsMatching(
                        facts(new BasicPolicyWithdrawnEvent(SATO, "rewriting it", LocalDate.of(2026, 6, 1))))
                .expectEventsMatching(lastStatus(s -> s.declaredLevel() == SecurityActionLevel.TWO_STARS
                        && "51234567890".equals(s.declarationId())
                        && s.standing() == Standing.PREREQUISITES_LAPSED
                        && s.lapseReason() == LapseReason.POLICY_WITHDRAWN
                        && s.lapsedOn().equals(LocalDate.of(2026, 6, 1))
                        && s.eligibleLevel() == SecurityActionLevel.ONE_STAR
                        && s.missingForNextStar().equals(List.of("POLICY_ADOPTED", "POLICY_PUBLISHED"))));
    }

    @Test
    void reAdoptingThePolicyLapsesTwoStarsUntilItIsPublishedAgain() {
        fixture.given(
                        COMMITTED,
                        ONE_STAR,
                        submitted("s1", 80, LocalDate.of(2026, 2, 1)),
                        ADOPTED,
                        PUBLISHED,
                        twoStars())
                .when(new AdoptBasicPolicyCommand(ID, LocalDate.of(2026, 9, 1)))
                .expectEventsMatching(lastStatus(s -> s.declaredLevel() == SecurityActionLevel.TWO_STARS
                        && s.standing() == Standing.PREREQUISITES_LAPSED
                        && s.lapseReason() == LapseReason.POLICY_NOT_PUBLISHED
                        && s.lapsedOn().equals(LocalDate.of(2026, 9, 1))
                        && s.policy().adopted()
                        && !s.policy().published()));
    }

    @Test
    void twoStarsRegainGoodStandingOnceThePolicyIsBackWithoutDeclaringAgain() {
        fixture.given(
                        COMMITTED,
                        ONE_STAR,
                        submitted("s1", 80, LocalDate.of(2026, 2, 1)),
                        ADOPTED,
                        PUBLISHED,
                        twoStars(),
                        new BasicPolicyWithdrawnEvent(SATO, null, LocalDate.of(2026, 6, 1)),
                        new BasicPolicyAdoptedEvent(SATO, LocalDate.of(2026, 7, 1)))
                .when(new PublishBasicPolicyCommand(ID, "https://sato.example.jp/policy-v2", LocalDate.of(2026, 7, 2)))
                .expectEventsMatching(lastStatus(s -> s.declaredLevel() == SecurityActionLevel.TWO_STARS
                        && s.standing() == Standing.GOOD
                        && s.lapseReason() == null
                        && s.policy().publicUrl().equals("https://sato.example.jp/policy-v2")));
    }

    @Test
    void aLapseWrittenByAnEarlierVersionNoLongerLowersTheDeclaredLevel() {
        fixture.given(
                        COMMITTED,
                        ONE_STAR,
                        submitted("s1", 80, LocalDate.of(2026, 2, 1)),
                        ADOPTED,
                        PUBLISHED,
                        twoStars(),
                        new BasicPolicyWithdrawnEvent(SATO, null, LocalDate.of(2026, 6, 1)),
                        legacyLapse(LapseReason.POLICY_WITHDRAWN, LocalDate.of(2026, 6, 1)))
                .when(new CheckDueDatesCommand(ID, TODAY))
                .expectEventsMatching(lastStatus(s -> s.declaredLevel() == SecurityActionLevel.TWO_STARS
                        && s.standing() == Standing.PREREQUISITES_LAPSED
                        && s.lapseReason() == LapseReason.POLICY_WITHDRAWN));
    }

    @Test
    void aBackdatedWithdrawalTakesItsPlaceInHistory() {
        // withdrawn on 3 March, recorded after the 5 March publication: the publication found no policy in force
        fixture.given(COMMITTED, ADOPTED, PUBLISHED)
                .when(new WithdrawBasicPolicyCommand(ID, null, LocalDate.of(2026, 3, 3)))
                .expectEventsMatching(
                        lastStatus(s -> !s.policy().adopted() && !s.policy().published()));
    }

    @Test
    void aStoppedDeclarationLeavesNothingDeclared() {
        fixture.given(COMMITTED, ONE_STAR)
                .when(new StopDeclarationCommand(ID, "closing the shop", LocalDate.of(2026, 10, 1)))
                .expectEventsMatching(facts(new DeclarationStoppedEvent(
                        SATO,
                        SecurityActionLevel.ONE_STAR,
                        "51234567890",
                        "closing the shop",
                        LocalDate.of(2026, 10, 1))))
                .expectEventsMatching(lastStatus(s -> s.declaredLevel() == SecurityActionLevel.NONE
                        && s.declarationId() == null
                        && s.standing() == Standing.NOT_DECLARED
                        && s.eligibleLevel() == SecurityActionLevel.ONE_STAR));
        fixture.given(COMMITTED)
                .when(new StopDeclarationCommand(ID, null, null))
                .expectException(Matchers.predicate(
                        e -> e instanceof HoshiException h && h.code().equals("NOT_DECLARED")))
                .expectNoEvents();
    }

    @Test
    void aChangeOfLevelIsANewDeclaration() {
        fixture.given(
                        COMMITTED,
                        ONE_STAR,
                        submitted("s1", 80, LocalDate.of(2026, 2, 1)),
                        ADOPTED,
                        PUBLISHED,
                        twoStars())
                .when(new RecordDeclarationCommand(
                        ID, SecurityActionLevel.ONE_STAR, "51234567890", LocalDate.of(2026, 8, 1)))
                .expectEventsMatching(lastStatus(s -> s.declaredLevel() == SecurityActionLevel.ONE_STAR
                        && s.eligibleLevel() == SecurityActionLevel.TWO_STARS
                        && s.missingForNextStar().equals(List.of("DECLARATION"))));
    }

    @Test
    void theStatusIsPublishedOnlyWhenItChanges() {
        SecurityActionState state = new SecurityActionState(RULES);
        state.apply(COMMITTED);
        fixture.given(COMMITTED, new SecurityActionStatusChangedEvent(SATO, state.statusOn(TODAY), TODAY))
                .when(new CheckDueDatesCommand(ID, TODAY))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void recordingTheDeclarationAlreadyHeldIsRefused() {
        fixture.given(COMMITTED, ONE_STAR)
                .when(new RecordDeclarationCommand(ID, SecurityActionLevel.ONE_STAR, "51234567890", null))
                .expectException(Matchers.predicate(
                        e -> e instanceof HoshiException h && h.code().equals("ALREADY_DECLARED")))
                .expectNoEvents();
    }

    // ------------------------------------------------------------------ reviews

    @Test
    void theDailyCheckMarksAnOverdueReviewOnceAndLapsesTheStandingOfAnExpiredTwoStars() {
        SelfAssessmentSubmittedEvent old = submitted("s1", 80, LocalDate.of(2025, 11, 1));
        FiveArticlesCommittedEvent committed =
                new FiveArticlesCommittedEvent(SATO, ALL, "3.1", LocalDate.of(2025, 10, 1));
        fixture.given(
                        committed,
                        old,
                        new BasicPolicyAdoptedEvent(SATO, LocalDate.of(2025, 11, 10)),
                        new BasicPolicyPublishedEvent(
                                SATO, "https://sato.example.jp/policy", LocalDate.of(2025, 11, 11)),
                        new DeclarationRecordedEvent(
                                SATO,
                                SecurityActionLevel.TWO_STARS,
                                "51234567890",
                                "CURRENT",
                                LocalDate.of(2025, 12, 1)))
                .when(new CheckDueDatesCommand(ID, TODAY))
                .expectEventsMatching(facts(
                        new ReviewOverdueEvent(SATO, ReviewKind.SELF_ASSESSMENT, LocalDate.of(2026, 11, 1), TODAY),
                        new ReviewOverdueEvent(SATO, ReviewKind.BASIC_POLICY, LocalDate.of(2026, 11, 10), TODAY)))
                .expectEventsMatching(lastStatus(s -> s.declaredLevel() == SecurityActionLevel.TWO_STARS
                        && s.standing() == Standing.PREREQUISITES_LAPSED
                        && s.lapseReason() == LapseReason.ASSESSMENT_EXPIRED
                        && s.lapsedOn().equals(LocalDate.of(2026, 11, 2))
                        && s.eligibleLevel() == SecurityActionLevel.ONE_STAR
                        && s.anyReviewOverdue()));

        fixture.given(
                        committed,
                        old,
                        new ReviewOverdueEvent(SATO, ReviewKind.SELF_ASSESSMENT, LocalDate.of(2026, 11, 1), TODAY),
                        new SecurityActionStatusChangedEvent(SATO, statusOn(TODAY.plusDays(1), committed, old), TODAY))
                .when(new CheckDueDatesCommand(ID, TODAY.plusDays(1)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aPolicyReviewSetsTheNextDueDateAndASelfAssessmentReviewNeedsASheet() {
        fixture.given(ADOPTED)
                .when(new CompleteReviewCommand(ID, ReviewKind.BASIC_POLICY, "still fits", LocalDate.of(2026, 9, 1)))
                .expectEventsMatching(facts(new ReviewCompletedEvent(
                        SATO,
                        ReviewKind.BASIC_POLICY,
                        "still fits",
                        LocalDate.of(2027, 9, 1),
                        LocalDate.of(2026, 9, 1))));
        fixture.given(ADOPTED)
                .when(new CompleteReviewCommand(ID, ReviewKind.SELF_ASSESSMENT, null, null))
                .expectException(Matchers.predicate(
                        e -> e instanceof HoshiException h && h.code().equals("REVIEW_BY_SUBMISSION")))
                .expectNoEvents();
    }

    @Test
    void theReviewCadenceStaysWithinThreeYears() {
        fixture.givenNoPriorActivity()
                .when(new SetReviewCadenceCommand(ID, 0))
                .expectException(Matchers.predicate(
                        e -> e instanceof HoshiException h && h.code().equals("INVALID_CADENCE")));
        fixture.givenNoPriorActivity().when(new SetReviewCadenceCommand(ID, 37)).expectException(HoshiException.class);
    }

    // ------------------------------------------------------------------ fixtures

    /** The facts a command recorded, in order, leaving aside the status it published. */
    private static org.hamcrest.Matcher<List<EventMessage<?>>> facts(Object... expected) {
        return Matchers.predicate(events -> events.stream()
                .map(EventMessage::getPayload)
                .filter(p -> !(p instanceof SecurityActionStatusChangedEvent))
                .toList()
                .equals(List.of(expected)));
    }

    /** The status the command published last; fails when it published none. */
    private static org.hamcrest.Matcher<List<EventMessage<?>>> lastStatus(Predicate<SecurityActionStatus> expected) {
        return Matchers.predicate(events -> events.stream()
                .map(EventMessage::getPayload)
                .filter(SecurityActionStatusChangedEvent.class::isInstance)
                .map(e -> ((SecurityActionStatusChangedEvent) e).status())
                .reduce((a, b) -> b)
                .filter(expected)
                .isPresent());
    }

    /** The status a command answered with. */
    private static Predicate<Object> status(Predicate<SecurityActionStatus> expected) {
        return result -> result instanceof SecurityActionStatus s && expected.test(s);
    }

    private static SecurityActionStatus statusOn(LocalDate day, Object... events) {
        return SecurityActionState.fold(List.of(events), day, RULES).statusOn(day);
    }

    @SuppressWarnings("deprecation")
    private static SecurityActionLevelLapsedEvent legacyLapse(LapseReason reason, LocalDate on) {
        return new SecurityActionLevelLapsedEvent(
                SATO, SecurityActionLevel.TWO_STARS, SecurityActionLevel.ONE_STAR, reason, on);
    }

    private static DeclarationRecordedEvent twoStars() {
        return new DeclarationRecordedEvent(
                SATO, SecurityActionLevel.TWO_STARS, "51234567890", "CURRENT", LocalDate.of(2026, 4, 1));
    }

    private static SelfAssessmentSubmittedEvent submitted(String id, int score, LocalDate on) {
        return new SelfAssessmentSubmittedEvent(
                SATO,
                AssessmentId.of(id),
                "3.1",
                null,
                answers("DONE"),
                score,
                Map.of(1, 20, 2, 52, 3, 28),
                "WEAK_SPOTS",
                List.of(),
                null,
                List.of(),
                on);
    }

    private static SelfAssessmentSubmittedEvent unitSubmitted(String id, Map<String, String> answers) {
        return new SelfAssessmentSubmittedEvent(
                SATO,
                AssessmentId.of(id),
                "3.1",
                id,
                answers,
                0,
                Map.of(),
                "AT_RISK",
                List.of(),
                null,
                List.of(),
                LocalDate.of(2026, 2, 1));
    }

    private static Map<String, String> answers(String answer) {
        Map<String, String> answers = new HashMap<>();
        for (int i = 1; i <= 25; i++) {
            answers.put("Q" + i, answer);
        }
        return answers;
    }
}
