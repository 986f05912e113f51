package dev.hoshi.platform.security;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * The exact paths a service lets anyone {@code GET} without a token, from {@code hoshi.security.public-paths}: for
 * what is public by nature, such as a published key set. Empty unless a service declares some. Only exact paths are
 * accepted (no patterns, no dot segments, no encoded characters), and never the GraphQL endpoint or the actuator, so
 * a typo cannot open more than the one path meant.
 */
record PublicPaths(List<String> paths) {

    static final String PROPERTY = "hoshi.security.public-paths";

    private static final Pattern EXACT_PATH = Pattern.compile("(/[A-Za-z0-9._~-]+)+");

    PublicPaths {
        List<String> checked = new ArrayList<>();
        for (String raw : paths) {
            String path = raw == null ? "" : raw.trim();
            if (path.isEmpty()) {
                continue;
            }
            if (!EXACT_PATH.matcher(path).matches()
                    || Arrays.stream(path.split("/")).anyMatch(segment -> segment.matches("\\.+"))) {
                throw new IllegalArgumentException(PROPERTY + " lists exact paths such as"
                        + " /.well-known/keys.json (no patterns, no dot segments, no encoded characters), but was: "
                        + raw);
            }
            checked.add(path);
        }
        paths = List.copyOf(checked);
    }

    /** What the environment declares; checks every path and refuses the GraphQL endpoint and the actuator. */
    static PublicPaths from(Environment environment) {
        PublicPaths declared = new PublicPaths(Binder.get(environment)
                .bind(PROPERTY, Bindable.listOf(String.class))
                .orElse(List.of()));
        String graphql = environment.getProperty("spring.graphql.path", "/graphql");
        for (String path : declared.paths()) {
            if (path.equals(graphql)
                    || path.startsWith(graphql + "/")
                    || path.equals("/actuator")
                    || path.startsWith("/actuator/")) {
                throw new IllegalArgumentException(PROPERTY + " may not open the GraphQL endpoint or the actuator"
                        + " (their own rules apply), but lists: " + path);
            }
        }
        return declared;
    }

    boolean isEmpty() {
        return paths.isEmpty();
    }

    String[] toArray() {
        return paths.toArray(String[]::new);
    }
}
