package dev.hoshi.insights.api.rollup;

/**
 * Which of a support organisation's members a rollup or a list covers; each {@code null} field means "any".
 *
 * @param industry a JSIC major division letter (A..T)
 * @param smeClass SMALL, MEDIUM or LARGE (中小企業基本法, derived from the profile)
 * @param prefecture a prefecture's JIS X 0401 code (01..47)
 */
public record RollupFilter(String industry, String smeClass, String prefecture) {

    public static final RollupFilter NONE = new RollupFilter(null, null, null);

    public boolean isEmpty() {
        return industry == null && smeClass == null && prefecture == null;
    }
}
