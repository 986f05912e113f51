package dev.hoshi.gateway.security;

import java.util.Collection;
import java.util.SortedSet;
import java.util.TreeSet;

/** Reads a claim of role names: a list of strings, or one string of space- or comma-separated names. */
public final class RoleClaims {

    private RoleClaims() {}

    /** The names in the claim; anything else than a list of strings or a string counts as none. */
    public static SortedSet<String> parse(Object claim) {
        SortedSet<String> roles = new TreeSet<>();
        if (claim instanceof Collection<?> values) {
            values.stream()
                    .filter(String.class::isInstance)
                    .map(v -> ((String) v).trim())
                    .filter(v -> !v.isEmpty())
                    .forEach(roles::add);
        } else if (claim instanceof String value) {
            for (String role : value.split("[\\s,]+")) {
                if (!role.isEmpty()) {
                    roles.add(role);
                }
            }
        }
        return roles;
    }
}
