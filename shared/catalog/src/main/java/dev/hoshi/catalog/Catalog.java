package dev.hoshi.catalog;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Every edition Hoshi knows, loaded from the class path and checked. */
public final class Catalog {

    /** The edition new work answers unless it names another. */
    public static final String CURRENT_EDITION = "3.1";

    private final Map<String, Edition> editions;
    private final String current;

    private Catalog(Map<String, Edition> editions, String current) {
        this.editions = editions;
        this.current = current;
    }

    /** Loads {@code catalog/editions.txt} and each file it lists; any fault stops with a message naming it. */
    public static Catalog load() {
        return load("catalog/editions.txt", CURRENT_EDITION);
    }

    /**
     * Loads the editions listed in {@code index} (file names relative to the index's folder) with {@code current} as
     * the current edition: how a test (or a new edition before it becomes current) is loaded without code changes.
     */
    public static Catalog load(String index, String current) {
        String folder = index.contains("/") ? index.substring(0, index.lastIndexOf('/') + 1) : "";
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
                .registerModule(new JavaTimeModule())
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
        Map<String, Edition> editions = new LinkedHashMap<>();
        for (String file : lines(index)) {
            try (InputStream in = resource(folder + file)) {
                Edition edition = yaml.readValue(in, Edition.class);
                List<String> faults = validate(edition);
                if (!faults.isEmpty()) {
                    throw new CatalogException(folder + file + " is not valid: " + String.join("; ", faults));
                }
                if (editions.put(edition.edition(), edition) != null) {
                    throw new CatalogException("edition " + edition.edition() + " is defined twice");
                }
            } catch (IOException e) {
                throw new CatalogException(folder + file + " could not be read: " + e.getMessage(), e);
            }
        }
        if (!editions.containsKey(current)) {
            throw new CatalogException("the current edition " + current + " is missing");
        }
        return new Catalog(editions, current);
    }

    public Optional<Edition> edition(String edition) {
        return Optional.ofNullable(editions.get(edition));
    }

    public Edition current() {
        return editions.get(current);
    }

    public List<Edition> editions() {
        return List.copyOf(editions.values());
    }

    /** Every fault in {@code edition}; empty when it is sound. */
    static List<String> validate(Edition e) {
        List<String> faults = new ArrayList<>();
        require(faults, e.edition() != null && !e.edition().isBlank(), "no edition name");
        require(faults, e.citation() != null, "no citation");
        unique(
                faults,
                "article",
                e.fiveArticles().stream().map(Edition.Article::id).toList());
        unique(faults, "item", e.items().stream().map(Edition.Item::id).toList());
        unique(
                faults,
                "answer",
                e.answers().stream().map(Edition.AnswerOption::code).toList());
        unique(
                faults,
                "principle",
                e.principles().stream().map(Edition.Principle::id).toList());
        unique(
                faults,
                "key action",
                e.keyActions().stream().map(Edition.KeyAction::id).toList());
        unique(
                faults,
                "chapter",
                e.controlChapters().stream().map(Edition.ControlChapter::id).toList());
        unique(
                faults,
                "control",
                e.controlChapters().stream()
                        .flatMap(c -> c.controls().stream())
                        .map(Edition.Control::id)
                        .toList());
        Set<Integer> parts = new HashSet<>();
        e.parts().forEach(p -> parts.add(p.number()));
        for (Edition.Item item : e.items()) {
            require(faults, parts.contains(item.part()), "item " + item.id() + " is in unknown part " + item.part());
            require(faults, texts(item.title()), "item " + item.id() + " lacks a Japanese or English title");
        }
        for (Edition.ControlChapter chapter : e.controlChapters()) {
            for (Edition.Control control : chapter.controls()) {
                require(faults, !control.items().isEmpty(), "control " + control.id() + " serves no item");
                for (String item : control.items()) {
                    require(
                            faults,
                            e.item(item).isPresent(),
                            "control " + control.id() + " names unknown item " + item);
                }
            }
        }
        require(faults, !e.answers().isEmpty(), "no answers");
        if (!e.answers().isEmpty() && !e.items().isEmpty()) {
            for (int score = e.lowestScore(); score <= e.highestScore(); score++) {
                int s = score;
                long covering = e.bands().stream()
                        .filter(b -> s >= b.min() && s <= b.max())
                        .count();
                require(faults, covering == 1, "score " + score + " falls in " + covering + " bands");
            }
        }
        require(
                faults,
                e.reviews() != null
                        && e.reviews().selfAssessmentMonths() > 0
                        && e.reviews().policyMonths() > 0,
                "no review period");
        require(faults, !e.fiveArticles().isEmpty(), "no articles");
        Edition.Source source = e.source();
        require(
                faults,
                source != null
                        && texts(source.publisher())
                        && texts(source.document())
                        && texts(source.adaptation())
                        && source.url() != null
                        && source.url().startsWith("https://")
                        && e.edition().equals(source.edition()),
                "the source lacks the publisher, document, adaptation note, https URL or this edition");
        require(faults, texts(e.wording()), "no note on whose wording the texts are");
        for (String level : Edition.LEVELS) {
            require(faults, e.levels() != null && e.levels().containsKey(level), "no rule for level " + level);
        }
        if (e.levels() != null) {
            e.levels().forEach((name, level) -> {
                require(faults, Edition.LEVELS.contains(name), "unknown level " + name);
                level.requires()
                        .forEach(r -> require(
                                faults,
                                Edition.REQUIREMENTS.contains(r) && !r.equals(name),
                                "level " + name + " requires unknown " + r));
            });
        }
        require(faults, !e.declarationIdFormats().isEmpty(), "no declaration ID format");
        if (e.riskAnalysis() == null) {
            faults.add("no risk analysis (appendix 7)");
        } else {
            faults.addAll(e.riskAnalysis().faults());
        }
        if (e.incidentResponse() == null) {
            faults.add("no incident response (appendix 8)");
        } else {
            faults.addAll(e.incidentResponse().faults());
        }
        return faults;
    }

    private static boolean texts(LocalizedText text) {
        return text != null
                && text.ja() != null
                && !text.ja().isBlank()
                && text.en() != null
                && !text.en().isBlank();
    }

    private static void unique(List<String> faults, String what, List<String> ids) {
        Set<String> seen = new HashSet<>();
        for (String id : ids) {
            require(faults, id != null && seen.add(id), what + " id " + id + " is missing or repeated");
        }
    }

    private static void require(List<String> faults, boolean condition, String fault) {
        if (!condition) {
            faults.add(fault);
        }
    }

    private static List<String> lines(String resource) {
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(resource(resource), StandardCharsets.UTF_8))) {
            return reader.lines()
                    .map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .toList();
        } catch (IOException e) {
            throw new CatalogException(resource + " could not be read", e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = Catalog.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new CatalogException(name + " is not on the class path");
        }
        return in;
    }

    /** The catalog data is not sound; Hoshi does not start on it. */
    public static final class CatalogException extends RuntimeException {
        CatalogException(String message) {
            super(message);
        }

        CatalogException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
