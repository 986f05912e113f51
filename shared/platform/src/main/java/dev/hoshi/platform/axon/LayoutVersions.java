package dev.hoshi.platform.axon;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The naming rule of a projection's processing group across read-model layouts: its base name plus {@code -vN} once
 * the layout has changed ({@code compliance-dashboard-v2}, {@code insights-rollups-v9}). What reads a group's name
 * for its base or its layout uses this, so operators' runbooks ({@link ProjectionRebuilds}) and the benchmarks agree.
 */
public final class LayoutVersions {

    private static final Pattern VERSIONED = Pattern.compile("(.+)-v(\\d+)");

    private LayoutVersions() {}

    /** The group's name without its {@code -vN}: {@code compliance-dashboard} for {@code compliance-dashboard-v2}. */
    public static String base(String group) {
        Matcher versioned = VERSIONED.matcher(group);
        return versioned.matches() ? versioned.group(1) : group;
    }

    /** The group's layout version: N of {@code -vN}, or 0 for a name without one. */
    public static int version(String group) {
        Matcher versioned = VERSIONED.matcher(group);
        return versioned.matches() ? Integer.parseInt(versioned.group(2)) : 0;
    }
}
