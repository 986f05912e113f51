package dev.hoshi.catalog;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Appendix 8's incident response (付録8) as data: the phases an incident goes through, in order, each with the days
 * from detection by which Hoshi expects it done (Hoshi's defaults, not the guideline's: {@code dueDaysUnconfirmed}),
 * and the kinds of contact an organisation keeps for them.
 */
public record IncidentResponse(List<Phase> phases, List<ContactKind> contactKinds, boolean dueDaysUnconfirmed) {

    public record Phase(String code, int dueDays, LocalizedText title, LocalizedText summary) {}

    public record ContactKind(String code, LocalizedText label) {}

    public Optional<Phase> phase(String code) {
        return phases.stream().filter(p -> p.code().equals(code)).findFirst();
    }

    /** The phase after {@code code}; empty after the last. */
    public Optional<Phase> next(String code) {
        for (int i = 0; i < phases.size() - 1; i++) {
            if (phases.get(i).code().equals(code)) {
                return Optional.of(phases.get(i + 1));
            }
        }
        return Optional.empty();
    }

    public boolean knowsContactKind(String code) {
        return contactKinds.stream().anyMatch(k -> k.code().equals(code));
    }

    List<String> faults() {
        List<String> faults = new ArrayList<>();
        if (phases.isEmpty() || contactKinds.isEmpty()) {
            faults.add("incident response needs phases and contact kinds");
        }
        Set<String> seen = new HashSet<>();
        int due = 0;
        for (Phase phase : phases) {
            if (!seen.add(phase.code())) {
                faults.add("incident phase " + phase.code() + " is repeated");
            }
            if (phase.dueDays() < due || phase.dueDays() < 1) {
                faults.add("incident phase " + phase.code() + " is due before the phase before it");
            }
            due = phase.dueDays();
        }
        return faults;
    }
}
