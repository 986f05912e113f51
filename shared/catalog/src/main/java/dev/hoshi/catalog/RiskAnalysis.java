package dev.hoshi.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Appendix 7's risk analysis sheet (付録7) as data: how importance follows from confidentiality, integrity and
 * availability, the likelihood of damage from threat likelihood and vulnerability (every cell of the table), the
 * bands of the risk value (importance × likelihood), the treatments, and how a vulnerability is proposed from the
 * controls' status. Every value is on the sheet's 1–3 scale.
 */
public record RiskAnalysis(
        Importance importance,
        List<Level> threats,
        List<Level> vulnerabilities,
        List<Cell> likelihood,
        List<Band> bands,
        List<Treatment> treatments,
        Proposal proposal) {

    /** {@code rule}: HIGHEST_OF_CIA, the only rule Hoshi applies. */
    public record Importance(String rule, boolean unconfirmed) {}

    public record Level(int value, LocalizedText label) {}

    public record Cell(int threat, int vulnerability, int value) {}

    public record Band(String code, int min, int max, LocalizedText label) {}

    public record Treatment(String code, LocalizedText label) {}

    /** The vulnerability proposed when all linked controls are implemented, some have progressed, or none. */
    public record Proposal(int allImplemented, int someProgress, int none) {}

    public static final String HIGHEST_OF_CIA = "HIGHEST_OF_CIA";

    /** Whether {@code value} is on the sheet's 1–3 scale. */
    public static boolean onScale(int value) {
        return value >= 1 && value <= 3;
    }

    /** Importance (重要度) from C, I and A, each 1–3. */
    public int importance(int confidentiality, int integrity, int availability) {
        return Math.max(confidentiality, Math.max(integrity, availability));
    }

    /** The likelihood of damage (被害発生可能性) for a threat likelihood and a vulnerability, each 1–3. */
    public int likelihood(int threat, int vulnerability) {
        return likelihood.stream()
                .filter(c -> c.threat() == threat && c.vulnerability() == vulnerability)
                .findFirst()
                .map(Cell::value)
                .orElseThrow(() -> new IllegalArgumentException(
                        "no likelihood for threat " + threat + " and vulnerability " + vulnerability));
    }

    /** The band of a risk value (importance × likelihood). */
    public Band band(int riskValue) {
        return bands.stream()
                .filter(b -> riskValue >= b.min() && riskValue <= b.max())
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no band covers the risk value " + riskValue));
    }

    public Optional<Treatment> treatment(String code) {
        return treatments.stream().filter(t -> t.code().equals(code)).findFirst();
    }

    /** Every fault in this block; empty when sound. */
    List<String> faults() {
        List<String> faults = new ArrayList<>();
        if (importance == null || !HIGHEST_OF_CIA.equals(importance.rule())) {
            faults.add("risk importance rule must be " + HIGHEST_OF_CIA);
        }
        for (int threat = 1; threat <= 3; threat++) {
            for (int vulnerability = 1; vulnerability <= 3; vulnerability++) {
                int t = threat;
                int v = vulnerability;
                List<Cell> cells = likelihood.stream()
                        .filter(c -> c.threat() == t && c.vulnerability() == v)
                        .toList();
                if (cells.size() != 1 || !onScale(cells.get(0).value())) {
                    faults.add("likelihood (" + t + "," + v + ") is given " + cells.size() + " times or off the scale");
                }
            }
        }
        for (int imp = 1; imp <= 3; imp++) {
            for (int like = 1; like <= 3; like++) {
                int value = imp * like;
                long covering = bands.stream()
                        .filter(b -> value >= b.min() && value <= b.max())
                        .count();
                if (covering != 1) {
                    faults.add("risk value " + value + " falls in " + covering + " risk bands");
                }
            }
        }
        if (treatments.isEmpty()) {
            faults.add("no risk treatments");
        }
        if (threats.size() != 3 || vulnerabilities.size() != 3) {
            faults.add("threat and vulnerability levels must be 1 to 3");
        }
        if (proposal == null
                || !onScale(proposal.allImplemented())
                || !onScale(proposal.someProgress())
                || !onScale(proposal.none())) {
            faults.add("no vulnerability proposal on the 1-3 scale");
        }
        return faults;
    }
}
