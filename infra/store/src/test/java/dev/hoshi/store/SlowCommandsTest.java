package dev.hoshi.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.bwaldvogel.mongo.bson.Document;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlowCommandsTest {

    @Test
    void anUpdateIsDescribedByItsCollectionAndItsFiltersShapeWithoutValues() {
        Document update = new Document("update", "rollups")
                .append(
                        "updates",
                        List.of(
                                new Document("q", new Document("_id", "secret-member").append("rev", 7))
                                        .append("u", new Document("$inc", new Document("n", 1))),
                                new Document("q", new Document("_id", "other"))));

        String described = SlowCommands.describe("hoshi_insights", "update", update);

        assertThat(described)
                .isEqualTo("update hoshi_insights.rollups filter {_id: ?, rev: ?} (2 statements, the first's filter)");
        assertThat(described).doesNotContain("secret-member");
    }

    @Test
    void aFindShowsItsOperatorsAndNestedFields() {
        Document find = new Document("find", "trackingtokens")
                .append(
                        "filter",
                        new Document("processorName", "p")
                                .append("segment", new Document("$in", List.of(0, 1)))
                                .append("$or", List.of(new Document("owner", null), new Document("owner", "me"))));

        assertThat(SlowCommands.describe("hoshi_directory", "find", find))
                .isEqualTo("find hoshi_directory.trackingtokens filter"
                        + " {processorName: ?, segment: {$in: [?, …]}, $or: [{owner: ?}, …]}");
    }

    @Test
    void aThresholdThatIsNotANumberSaysWhatItMustBe() {
        System.setProperty("hoshi.store.slowMs", "fast");
        try {
            assertThatThrownBy(SlowCommands::fromEnvironment)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("HOSHI_STORE_SLOW_MS must be a whole number");
        } finally {
            System.clearProperty("hoshi.store.slowMs");
        }
    }
}
