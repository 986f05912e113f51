package dev.hoshi.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Scores a self-assessment sheet under an edition: all items answered, every answer known. */
public final class Scoring {

    /**
     * @param total −25…100 for the 25-item sheet
     * @param partScores subtotal per part number
     * @param band the score band's code
     * @param followUps items answered with a follow-up answer ("don't know")
     */
    public record Score(int total, Map<Integer, Integer> partScores, String band, List<String> followUps) {}

    /** What is wrong with a sheet: unknown items, missing items, unknown answers. */
    public static final class InvalidSheet extends RuntimeException {
        private final Set<String> unknownItems;
        private final Set<String> missingItems;
        private final Set<String> unknownAnswers;

        InvalidSheet(Set<String> unknownItems, Set<String> missingItems, Set<String> unknownAnswers) {
            super("unknown items " + unknownItems + ", missing items " + missingItems + ", unknown answers "
                    + unknownAnswers);
            this.unknownItems = unknownItems;
            this.missingItems = missingItems;
            this.unknownAnswers = unknownAnswers;
        }

        public Set<String> unknownItems() {
            return unknownItems;
        }

        public Set<String> missingItems() {
            return missingItems;
        }

        public Set<String> unknownAnswers() {
            return unknownAnswers;
        }
    }

    private Scoring() {}

    /** Scores {@code answers} (item id → answer code) or throws {@link InvalidSheet} naming every fault. */
    public static Score score(Edition edition, Map<String, String> answers) {
        Set<String> unknownItems = new TreeSet<>();
        Set<String> unknownAnswers = new TreeSet<>();
        for (Map.Entry<String, String> answer : answers.entrySet()) {
            if (edition.item(answer.getKey()).isEmpty()) {
                unknownItems.add(answer.getKey());
            } else if (edition.answer(answer.getValue()).isEmpty()) {
                unknownAnswers.add(answer.getKey() + "=" + answer.getValue());
            }
        }
        Set<String> missing = new TreeSet<>(edition.itemsById().keySet());
        missing.removeAll(answers.keySet());
        if (!unknownItems.isEmpty() || !missing.isEmpty() || !unknownAnswers.isEmpty()) {
            throw new InvalidSheet(unknownItems, missing, unknownAnswers);
        }
        Map<Integer, Integer> parts = new TreeMap<>();
        edition.parts().forEach(p -> parts.put(p.number(), 0));
        int total = 0;
        List<String> followUps = new ArrayList<>();
        for (Edition.Item item : edition.items()) {
            Edition.AnswerOption option = edition.answer(answers.get(item.id())).orElseThrow();
            total += option.points();
            parts.merge(item.part(), option.points(), Integer::sum);
            if (option.followUp()) {
                followUps.add(item.id());
            }
        }
        return new Score(total, parts, edition.band(total).code(), followUps);
    }
}
