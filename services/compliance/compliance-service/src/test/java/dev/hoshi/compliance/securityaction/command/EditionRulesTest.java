package dev.hoshi.compliance.securityaction.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoshi.catalog.Catalog;
import dev.hoshi.compliance.api.securityaction.AssessmentId;
import dev.hoshi.compliance.api.securityaction.ReviewKind;
import dev.hoshi.compliance.api.securityaction.SecurityActionCommands.CommitToFiveArticlesCommand;
import dev.hoshi.compliance.api.securityaction.SecurityActionCommands.CompleteReviewCommand;
import dev.hoshi.compliance.api.securityaction.SecurityActionCommands.RecordDeclarationCommand;
import dev.hoshi.compliance.api.securityaction.SecurityActionEvents.BasicPolicyAdoptedEvent;
import dev.hoshi.compliance.api.securityaction.SecurityActionEvents.FiveArticlesCommittedEvent;
import dev.hoshi.compliance.api.securityaction.SecurityActionEvents.ReviewCompletedEvent;
import dev.hoshi.compliance.api.securityaction.SecurityActionEvents.SelfAssessmentSubmittedEvent;
import dev.hoshi.compliance.api.securityaction.SecurityActionId;
import dev.hoshi.compliance.api.status.SecurityActionLevel;
import dev.hoshi.compliance.api.status.SecurityActionStatus;
import dev.hoshi.compliance.api.status.SecurityActionStatusChangedEvent;
import dev.hoshi.compliance.securityaction.domain.SecurityActionState;
import dev.hoshi.kernel.error.HoshiException;
import dev.hoshi.kernel.id.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.matchers.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A new edition is data: a made-up edition (test resources, not IPA's) with a sixth article and 6-month reviews,
 * loaded as the current one, changes what ★ needs and when reviews fall due without a code change.
 */
class EditionRulesTest {

    private static final Catalog MADE_UP = Catalog.load("made-up-catalog/editions.txt", "9.0");
    private static final SecurityActionState.Rules RULES = SecurityActionState.Rules.of(MADE_UP.current());
    private static final TenantId SATO = TenantId.of("sato-seisakusho");
    private static final SecurityActionId ID = SecurityActionId.of(SATO);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T03:00:00Z"), ZoneOffset.UTC);
    private static final LocalDate JAN = LocalDate.of(2026, 1, 10);
    private static final FiveArticlesCommittedEvent FIVE =
            new FiveArticlesCommittedEvent(SATO, List.of("A1", "A2", "A3", "A4", "A5"), "9.0", JAN);

    private FixtureConfiguration<SecurityAction> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(SecurityAction.class);
        fixture.registerInjectableResource(MADE_UP);
        fixture.registerInjectableResource(CLOCK);
    }

    @Test
    void theRulesAreTheEditionsSixArticlesAndSixMonths() {
        assertThat(RULES.articles()).containsExactly("A1", "A2", "A3", "A4", "A5", "A6");
        assertThat(RULES.selfAssessmentMonths()).isEqualTo(6);
        assertThat(RULES.policyMonths()).isEqualTo(6);
    }

    @Test
    void oneStarNeedsTheSixthArticle() {
        fixture.given(FIVE)
                .when(new RecordDeclarationCommand(ID, SecurityActionLevel.ONE_STAR, "51234567890", null))
                .expectException(Matchers.predicate(e -> e instanceof HoshiException h
                        && h.code().equals("ONE_STAR_NOT_ELIGIBLE")
                        && h.getMessage().contains("[A6]")))
                .expectNoEvents();

        fixture.given(FIVE)
                .when(new CommitToFiveArticlesCommand(ID, Set.of("A6"), JAN))
                .expectEventsMatching(Matchers.predicate((List<EventMessage<?>> events) -> events.stream()
                        .map(EventMessage::getPayload)
                        .filter(SecurityActionStatusChangedEvent.class::isInstance)
                        .map(e -> ((SecurityActionStatusChangedEvent) e).status())
                        .anyMatch(s -> s.eligibleLevel() == SecurityActionLevel.ONE_STAR)));
    }

    @Test
    void aSeventhArticleIsStillUnknown() {
        fixture.givenNoPriorActivity()
                .when(new CommitToFiveArticlesCommand(ID, Set.of("A7"), null))
                .expectException(Matchers.predicate(e -> e instanceof HoshiException h
                        && h.code().equals("UNKNOWN_ARTICLE")
                        && h.getMessage().contains("A1〜A6")))
                .expectNoEvents();
    }

    @Test
    void aSheetHoldsForSixMonthsAndReviewsFallDueAfterSix() {
        LocalDate completed = LocalDate.of(2026, 1, 31);
        SelfAssessmentSubmittedEvent sheet = new SelfAssessmentSubmittedEvent(
                SATO,
                AssessmentId.of("s1"),
                "9.0",
                null,
                Map.of(),
                100,
                Map.of(1, 20, 2, 52, 3, 28),
                "ENTRY_LEVEL_ACHIEVED",
                List.of(),
                null,
                List.of(),
                completed);
        SecurityActionState state = SecurityActionState.fold(List.of(FIVE, sheet), LocalDate.MAX, RULES);

        assertThat(state.assessmentValidOn(LocalDate.of(2026, 7, 31))).isTrue();
        assertThat(state.assessmentValidOn(LocalDate.of(2026, 8, 1))).isFalse();
        assertThat(state.dueOn(ReviewKind.SELF_ASSESSMENT)).hasValue(LocalDate.of(2026, 7, 31));
        SecurityActionStatus status = state.statusOn(LocalDate.of(2026, 8, 1));
        assertThat(status.reviewMonths()).isEqualTo(6);
        assertThat(status.missingForNextStar()).containsExactly("ARTICLE_A6");

        fixture.given(FIVE, new BasicPolicyAdoptedEvent(SATO, LocalDate.of(2026, 3, 1)))
                .when(new CompleteReviewCommand(ID, ReviewKind.BASIC_POLICY, null, LocalDate.of(2026, 4, 1)))
                .expectEventsMatching(Matchers.predicate((List<EventMessage<?>> events) -> events.stream()
                        .map(EventMessage::getPayload)
                        .anyMatch(e -> e instanceof ReviewCompletedEvent r
                                && r.nextDueOn().equals(LocalDate.of(2026, 10, 1)))));
    }
}
