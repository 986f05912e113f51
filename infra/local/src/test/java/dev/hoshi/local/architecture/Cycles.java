package dev.hoshi.local.architecture;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The cycles of a small directed graph, each written {@code a → b → a}. */
final class Cycles {

    private Cycles() {}

    static List<String> in(Map<String, Set<String>> graph) {
        List<String> cycles = new ArrayList<>();
        Set<String> reported = new HashSet<>();
        for (String start : graph.keySet()) {
            walk(graph, start, new ArrayList<>(List.of(start)), cycles, reported);
        }
        return cycles;
    }

    private static void walk(
            Map<String, Set<String>> graph,
            String start,
            List<String> path,
            List<String> cycles,
            Set<String> reported) {
        String last = path.get(path.size() - 1);
        for (String next : graph.getOrDefault(last, Set.of())) {
            if (next.equals(start)) {
                // report each cycle once, from its alphabetically first node
                if (path.stream().allMatch(n -> start.compareTo(n) <= 0) && reported.add(String.join(",", path))) {
                    cycles.add(String.join(" → ", path) + " → " + start);
                }
            } else if (!path.contains(next)) {
                path.add(next);
                walk(graph, start, path, cycles, reported);
                path.remove(path.size() - 1);
            }
        }
    }
}
