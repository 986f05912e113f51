package dev.hoshi.testsupport.authz;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What an authorisation matrix run found: per operation, each persona's verdict and the aliased requests' verdicts.
 * {@link #assertAsExpected()} fails with every mismatch and the whole table, never just the first.
 */
public final class Report {

    /** One operation's results. */
    record Row(Rule rule, Map<Persona, Verdict> verdicts, Map<Persona, Verdict[]> aliased) {

        boolean aliasedAsExpected(Persona persona) {
            Verdict[] both = aliased.get(persona);
            boolean expected = rule.allows(persona);
            return both[0].matches(expected) && both[1].matches(expected);
        }
    }

    private final String service;
    private final List<Row> rows;
    private final int aliasedRequests;

    Report(String service, List<Row> rows, int aliasedRequests) {
        this.service = service;
        this.rows = List.copyOf(rows);
        this.aliasedRequests = aliasedRequests;
    }

    /** Every (operation, persona) pair, direct or aliased, whose answer differs from its rule, one line each. */
    public List<String> mismatches() {
        List<String> found = new ArrayList<>();
        for (Row row : rows) {
            Rule rule = row.rule();
            String note = rule.note() == null ? "" : "\n      rule note: " + rule.note();
            row.verdicts().forEach((persona, verdict) -> {
                boolean expected = rule.allows(persona);
                if (!verdict.matches(expected)) {
                    found.add(rule.operation() + " × " + persona + ": expected " + expectation(expected) + ", got "
                            + verdict + note);
                }
            });
            row.aliased().forEach((persona, both) -> {
                if (!row.aliasedAsExpected(persona)) {
                    found.add(rule.operation() + " × " + persona + " (aliased twice): expected "
                            + expectation(rule.allows(persona)) + " for both, got " + AuthorizationMatrix.FIRST_ALIAS
                            + "=" + both[0] + ", " + AuthorizationMatrix.SECOND_ALIAS + "=" + both[1] + note);
                }
            });
        }
        return found;
    }

    /** The number of (operation, persona) pairs called directly. */
    public int checks() {
        return rows.stream().mapToInt(r -> r.verdicts().size()).sum();
    }

    public int operations() {
        return rows.size();
    }

    public void assertAsExpected() {
        List<String> mismatches = mismatches();
        if (!mismatches.isEmpty()) {
            throw new AssertionError(service + ": " + mismatches.size()
                    + " authorisation mismatches (operation × persona: expected, got):\n  "
                    + String.join("\n  ", mismatches) + "\n\n" + table());
        }
    }

    /** Prints the one-line summary and the table; with {@code -Dhoshi.authz.verbose=true} also every answer. */
    void print() {
        System.out.println(summary());
        System.out.println(table());
        if (Boolean.getBoolean("hoshi.authz.verbose")) {
            System.out.println(details());
        }
    }

    /** Every answer, one line each: operation × persona: verdict (what was seen). */
    public String details() {
        StringBuilder out = new StringBuilder();
        for (Row row : rows) {
            row.verdicts().forEach((persona, verdict) -> out.append(row.rule().operation())
                    .append(" × ")
                    .append(persona)
                    .append(": ")
                    .append(verdict)
                    .append('\n'));
            row.aliased().forEach((persona, both) -> out.append(row.rule().operation())
                    .append(" × ")
                    .append(persona)
                    .append(" aliased: ")
                    .append(both[0])
                    .append(" / ")
                    .append(both[1])
                    .append('\n'));
        }
        return out.toString();
    }

    public String summary() {
        return "[hoshi-authz] " + service + ": " + operations() + " operations × " + Persona.values().length
                + " personas = " + checks() + " checks, plus " + aliasedRequests + " aliased requests; "
                + mismatches().size() + " mismatches";
    }

    /**
     * The matrix: A allowed as expected, - denied as expected, A! allowed but should be denied, D! denied but should
     * be allowed, X! the request is broken. The last column says whether the aliased requests agreed; * marks a rule
     * with a note.
     */
    public String table() {
        int width = Math.max(
                "operation".length(),
                rows.stream()
                        .mapToInt(r -> r.rule().operation().length() + 1)
                        .max()
                        .orElse(0));
        StringBuilder out = new StringBuilder();
        out.append(pad("operation", width));
        for (Persona persona : Persona.values()) {
            out.append(' ').append(pad(persona.heading(), 6));
        }
        out.append(" aliased\n");
        for (Row row : rows) {
            Rule rule = row.rule();
            out.append(pad(rule.operation() + (rule.note() == null ? "" : "*"), width));
            for (Persona persona : Persona.values()) {
                out.append(' ')
                        .append(pad(cell(rule.allows(persona), row.verdicts().get(persona)), 6));
            }
            boolean aliasesOk = row.aliased().keySet().stream().allMatch(row::aliasedAsExpected);
            out.append(' ').append(aliasesOk ? "ok" : "MISMATCH").append('\n');
        }
        out.append("A allowed, - denied, as the rule says; A! allowed but should be denied; D! denied but should be"
                + " allowed; X! broken request; * the rule has a note");
        return out.toString();
    }

    private static String cell(boolean expected, Verdict verdict) {
        if (verdict.matches(expected)) {
            return expected ? "A" : "-";
        }
        return switch (verdict.access()) {
            case ALLOWED -> "A!";
            case DENIED -> "D!";
            case BROKEN -> "X!";
        };
    }

    private static String expectation(boolean allowed) {
        return allowed ? "ALLOWED" : "DENIED";
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }
}
