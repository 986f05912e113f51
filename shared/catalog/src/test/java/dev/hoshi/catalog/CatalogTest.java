package dev.hoshi.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CatalogTest {

    private final Edition edition = Catalog.load().current();

    @Test
    void theCurrentEditionHasTheGuidelinesStructure() {
        assertThat(edition.edition()).isEqualTo("3.1");
        assertThat(edition.fiveArticles()).hasSize(5);
        assertThat(edition.items()).hasSize(25);
        assertThat(edition.items().stream().filter(i -> i.part() == 1)).hasSize(5);
        assertThat(edition.items().stream().filter(i -> i.part() == 2)).hasSize(13);
        assertThat(edition.items().stream().filter(i -> i.part() == 3)).hasSize(7);
        assertThat(edition.principles()).hasSize(3);
        assertThat(edition.keyActions()).hasSize(7);
        assertThat(edition.controlChapters()).hasSize(10);
        assertThat(edition.citation().ja()).contains("IPA").contains("第3.1版");
        assertThat(edition.lowestScore()).isEqualTo(-25);
        assertThat(edition.highestScore()).isEqualTo(100);
    }

    @Test
    void theSourceIsCitedAsTheGuidelinesTermsAsk() {
        Edition.Source source = edition.source();

        assertThat(source.publisher().ja()).contains("IPA");
        assertThat(source.document().ja()).isEqualTo("中小企業の情報セキュリティ対策ガイドライン");
        assertThat(source.edition()).isEqualTo("3.1");
        assertThat(source.url()).startsWith("https://www.ipa.go.jp/");
        assertThat(source.adaptation().ja()).endsWith("を基に作成");
        assertThat(source.unconfirmed()).containsExactly("url");
        assertThat(edition.wording().en()).contains("Hoshi's translation");
        assertThat(edition.declarationIdFormats()).allMatch(Edition.DeclarationIdFormat::unconfirmed);
    }

    @Test
    void appendixEightsPhasesComeInOrderWithTheirContacts() {
        IncidentResponse incidents = edition.incidentResponse();

        assertThat(incidents.phases())
                .extracting(IncidentResponse.Phase::code)
                .containsExactly("DETECT", "REPORT", "RECOVER");
        assertThat(incidents.next("DETECT"))
                .hasValueSatisfying(p -> assertThat(p.code()).isEqualTo("REPORT"));
        assertThat(incidents.next("RECOVER")).isEmpty();
        assertThat(incidents.knowsContactKind("PPC")).isTrue();
        assertThat(incidents.knowsContactKind("FRIEND")).isFalse();
        assertThat(incidents.dueDaysUnconfirmed()).isTrue();
        IncidentResponse backwards = new IncidentResponse(
                List.of(incidents.phases().get(1), incidents.phases().get(0)), incidents.contactKinds(), true);
        assertThat(backwards.faults()).anyMatch(f -> f.contains("is due before the phase before it"));
    }

    @Test
    void levelsAndReviewsAreReadFromTheData() {
        assertThat(edition.level("ONE_STAR").requiresAllFiveArticles()).isTrue();
        assertThat(edition.level("TWO_STARS").requires())
                .containsExactly(
                        "ONE_STAR", "SELF_ASSESSMENT_WITHIN_REVIEW_PERIOD", "POLICY_ADOPTED", "POLICY_PUBLISHED");
        assertThat(edition.reviews()).isEqualTo(new Edition.Reviews(12, 12));
        assertThat(edition.articleIds()).containsExactly("A1", "A2", "A3", "A4", "A5");
    }

    @Test
    void anIndexNamesTheEditionsAndTheCurrentOne() {
        assertThat(Catalog.load("catalog/editions.txt", "3.1").current().edition())
                .isEqualTo("3.1");
        assertThatThrownBy(() -> Catalog.load("catalog/editions.txt", "9.9"))
                .hasMessageContaining("the current edition 9.9 is missing");
    }

    @Test
    void everyItemIsServedByAtLeastOneControl() {
        List<String> served = edition.controlChapters().stream()
                .flatMap(c -> c.controls().stream())
                .flatMap(c -> c.items().stream())
                .toList();
        assertThat(served).containsAll(edition.itemsById().keySet());
    }

    @Test
    void declarationIdsAreRecognisedByTheirFormat() {
        assertThat(edition.declarationIdFormat("51234567890"))
                .hasValueSatisfying(f -> assertThat(f.code()).isEqualTo("CURRENT"));
        assertThat(edition.declarationIdFormat("41234567890"))
                .hasValueSatisfying(f -> assertThat(f.code()).isEqualTo("LEGACY"));
        assertThat(edition.declarationIdFormat("61234567890")).isEmpty();
        assertThat(edition.declarationIdFormat("5123456789")).isEmpty();
        assertThat(edition.declarationIdFormat("5123456789a")).isEmpty();
    }

    @Test
    void validationNamesEveryFault() {
        Edition.ControlChapter broken = new Edition.ControlChapter(
                "C99",
                new LocalizedText("壊れた章", "Broken"),
                List.of(new Edition.Control("X-1", true, List.of("Q99"), new LocalizedText("x", "x"))));
        List<Edition.Band> gappyBands = edition.bands().subList(0, 2);
        List<Edition.Item> repeated = new java.util.ArrayList<>(edition.items());
        repeated.add(edition.items().get(0));
        Edition bad = new Edition(
                edition.edition(),
                edition.title(),
                edition.citation(),
                edition.source(),
                edition.wording(),
                edition.publishedOn(),
                edition.fiveArticles(),
                edition.answers(),
                gappyBands,
                edition.parts(),
                repeated,
                edition.principles(),
                edition.keyActions(),
                List.of(broken),
                Map.of("TWO_STARS", new Edition.Level(false, List.of("ONE_STAR", "A_GOOD_FEELING"))),
                new Edition.Reviews(0, 12),
                edition.declarationIdFormats(),
                edition.riskAnalysis(),
                edition.incidentResponse());

        assertThat(Catalog.validate(bad))
                .anyMatch(f -> f.contains("item id Q1 is missing or repeated"))
                .anyMatch(f -> f.contains("control X-1 names unknown item Q99"))
                .anyMatch(f -> f.contains("falls in 0 bands"))
                .anyMatch(f -> f.contains("no rule for level ONE_STAR"))
                .anyMatch(f -> f.contains("level TWO_STARS requires unknown A_GOOD_FEELING"))
                .anyMatch(f -> f.contains("no review period"));
        assertThat(Catalog.validate(edition)).isEmpty();
    }

    @Test
    void allDontKnowScoresMinus25AndIsAllFollowUps() {
        Scoring.Score score = Scoring.score(edition, sheet("UNKNOWN"));

        assertThat(score.total()).isEqualTo(-25);
        assertThat(score.band()).isEqualTo("AT_RISK");
        assertThat(score.followUps()).hasSize(25);
        assertThat(score.partScores())
                .containsEntry(1, -5)
                .containsEntry(2, -13)
                .containsEntry(3, -7);
    }

    @Test
    void allDoneScores100AndReachesTheEntryLevel() {
        Scoring.Score score = Scoring.score(edition, sheet("DONE"));

        assertThat(score.total()).isEqualTo(100);
        assertThat(score.band()).isEqualTo("ENTRY_LEVEL_ACHIEVED");
        assertThat(score.followUps()).isEmpty();
        assertThat(score.partScores()).containsEntry(1, 20).containsEntry(2, 52).containsEntry(3, 28);
    }

    @Test
    void aMixedSheetAddsUpPerPartAndFallsInItsBand() {
        Map<String, String> answers = sheet("DONE");
        answers.put("Q1", "PARTLY"); // part 1: 20 - 2 = 18
        answers.put("Q5", "UNKNOWN"); // part 1: 18 - 5 = 13
        answers.put("Q11", "NOT_DONE"); // part 2: 52 - 4 = 48
        answers.put("Q24", "NOT_DONE"); // part 3: 28 - 4 = 24
        answers.put("Q25", "PARTLY"); // part 3: 24 - 2 = 22

        Scoring.Score score = Scoring.score(edition, answers);

        assertThat(score.partScores()).containsEntry(1, 13).containsEntry(2, 48).containsEntry(3, 22);
        assertThat(score.total()).isEqualTo(83);
        assertThat(score.band()).isEqualTo("WEAK_SPOTS");
        assertThat(score.followUps()).containsExactly("Q5");
    }

    @Test
    void bandBoundariesFollowTheGuideline() {
        assertThat(edition.band(99).code()).isEqualTo("WEAK_SPOTS");
        assertThat(edition.band(70).code()).isEqualTo("WEAK_SPOTS");
        assertThat(edition.band(69).code()).isEqualTo("NOT_THOROUGH");
        assertThat(edition.band(50).code()).isEqualTo("NOT_THOROUGH");
        assertThat(edition.band(49).code()).isEqualTo("AT_RISK");
    }

    @Test
    void anIncompleteOrUnknownSheetIsRefusedNamingEveryFault() {
        Map<String, String> answers = sheet("DONE");
        answers.remove("Q7");
        answers.remove("Q8");
        answers.put("Q26", "DONE");
        answers.put("Q3", "SOMETIMES");

        assertThatThrownBy(() -> Scoring.score(edition, answers))
                .isInstanceOfSatisfying(Scoring.InvalidSheet.class, e -> {
                    assertThat(e.missingItems()).containsExactly("Q7", "Q8");
                    assertThat(e.unknownItems()).containsExactly("Q26");
                    assertThat(e.unknownAnswers()).containsExactly("Q3=SOMETIMES");
                });
    }

    private Map<String, String> sheet(String answer) {
        Map<String, String> answers = new HashMap<>();
        edition.items().forEach(i -> answers.put(i.id(), answer));
        return answers;
    }
}
