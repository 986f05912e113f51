package dev.hoshi.catalog;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** One edition of the guideline, as loaded from its YAML file. */
public record Edition(
        String edition,
        LocalizedText title,
        LocalizedText citation,
        Source source,
        LocalizedText wording,
        LocalDate publishedOn,
        List<Article> fiveArticles,
        List<AnswerOption> answers,
        List<Band> bands,
        List<Part> parts,
        List<Item> items,
        List<Principle> principles,
        List<KeyAction> keyActions,
        List<ControlChapter> controlChapters,
        Map<String, Level> levels,
        Reviews reviews,
        List<DeclarationIdFormat> declarationIdFormats,
        RiskAnalysis riskAnalysis,
        IncidentResponse incidentResponse) {

    public record Article(String id, LocalizedText title, LocalizedText summary) {}

    public record AnswerOption(String code, int points, LocalizedText label, boolean followUp) {}

    public record Band(String code, int min, int max, LocalizedText label) {}

    public record Part(int number, LocalizedText title) {}

    public record Item(String id, int part, LocalizedText title) {}

    public record Principle(String id, LocalizedText title) {}

    public record KeyAction(String id, LocalizedText title) {}

    public record ControlChapter(String id, LocalizedText title, List<Control> controls) {}

    public record Control(String id, boolean provisional, List<String> items, LocalizedText title) {}

    public record Reviews(int selfAssessmentMonths, int policyMonths) {}

    /**
     * The guideline as IPA published it, for the citation the guideline's terms ask for (出典: publisher, document
     * name, edition, URL; 「～を基に作成」 where Hoshi rewords). {@code unconfirmed} names the fields not checked
     * against IPA's own pages.
     */
    public record Source(
            LocalizedText publisher,
            LocalizedText document,
            String edition,
            LocalDate publishedOn,
            String url,
            LocalizedText adaptation,
            List<String> unconfirmed) {}

    /**
     * What a level needs: {@code requiresAllFiveArticles} for a level resting on the articles, {@code requires} the
     * levels and conditions (see {@link #REQUIREMENTS}) it rests on.
     */
    public record Level(boolean requiresAllFiveArticles, List<String> requires) {
        public Level {
            requires = requires == null ? List.of() : List.copyOf(requires);
        }
    }

    /** The levels Hoshi tracks (SECURITY ACTION ★ and ★★). */
    public static final List<String> LEVELS = List.of("ONE_STAR", "TWO_STARS");

    /** What a level may require: another level, or one of the conditions the compliance rules know. */
    public static final List<String> REQUIREMENTS =
            List.of("ONE_STAR", "SELF_ASSESSMENT_WITHIN_REVIEW_PERIOD", "POLICY_ADOPTED", "POLICY_PUBLISHED");

    public record DeclarationIdFormat(String code, String pattern, boolean unconfirmed) {}

    /** The level rule named {@code level} ({@link #LEVELS}); validated on load, so present. */
    public Level level(String level) {
        return levels.get(level);
    }

    /** The ids of the 5 articles (or however many this edition has), in the catalog's order. */
    public List<String> articleIds() {
        return fiveArticles.stream().map(Article::id).toList();
    }

    public Optional<Item> item(String id) {
        return items.stream().filter(i -> i.id().equals(id)).findFirst();
    }

    public Optional<AnswerOption> answer(String code) {
        return answers.stream().filter(a -> a.code().equals(code)).findFirst();
    }

    public Optional<Control> control(String id) {
        return controlChapters.stream()
                .flatMap(c -> c.controls().stream())
                .filter(c -> c.id().equals(id))
                .findFirst();
    }

    public Map<String, Item> itemsById() {
        return items.stream().collect(Collectors.toMap(Item::id, Function.identity()));
    }

    /** The band a total score falls in. */
    public Band band(int score) {
        return bands.stream()
                .filter(b -> score >= b.min() && score <= b.max())
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no band covers the score " + score));
    }

    /** Which format a SECURITY ACTION declaration ID has, if any. */
    public Optional<DeclarationIdFormat> declarationIdFormat(String declarationId) {
        return declarationIdFormats.stream()
                .filter(f -> declarationId != null && Pattern.matches(f.pattern(), declarationId))
                .findFirst();
    }

    public int lowestScore() {
        return answers.stream().mapToInt(AnswerOption::points).min().orElseThrow() * items.size();
    }

    public int highestScore() {
        return answers.stream().mapToInt(AnswerOption::points).max().orElseThrow() * items.size();
    }
}
