package dev.hoshi.compliance.securityaction.graphql;

import dev.hoshi.catalog.Catalog;
import dev.hoshi.catalog.Edition;
import java.util.List;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/**
 * The guideline's content as Hoshi applies it (the 5 articles, the self-assessment's parts, items, answer choices and
 * bands, in Japanese and English), so that a client can show the questions it asks without a copy of the catalog.
 * Read-only and the same for everyone signed in.
 */
@Controller
class GuidelineController {

    private final Catalog catalog;

    GuidelineController(Catalog catalog) {
        this.catalog = catalog;
    }

    /** The named edition, or the current one when none is named; null for an edition Hoshi does not know. */
    @QueryMapping
    Edition guideline(@Argument String edition) {
        return edition == null || edition.isBlank()
                ? catalog.current()
                : catalog.edition(edition.trim()).orElse(null);
    }

    record LevelView(String level, boolean requiresAllFiveArticles, List<String> requires) {}

    /** The levels block as a list, in the order Hoshi tracks the levels. */
    @SchemaMapping(typeName = "Guideline")
    List<LevelView> levels(Edition edition) {
        return Edition.LEVELS.stream()
                .map(name -> new LevelView(
                        name,
                        edition.level(name).requiresAllFiveArticles(),
                        edition.level(name).requires()))
                .toList();
    }
}
