package dev.hoshi.insights.rollup.graphql;

import dev.hoshi.directory.api.organization.JsicDivision;
import dev.hoshi.directory.api.organization.Prefecture;
import dev.hoshi.insights.api.rollup.RollupFilter;
import java.util.Map;

/**
 * Reads the GraphQL {@code MemberFilter} input. An unknown industry or prefecture is {@code INVALID_INDUSTRY} /
 * {@code INVALID_PREFECTURE}; the SME class is a GraphQL enum, so GraphQL itself refuses an unknown one.
 */
final class Filters {

    private Filters() {}

    static RollupFilter parse(Map<String, Object> input) {
        if (input == null) {
            return RollupFilter.NONE;
        }
        String industry = (String) input.get("industry");
        String smeClass = (String) input.get("smeClass");
        String prefecture = (String) input.get("prefecture");
        return new RollupFilter(
                industry == null ? null : JsicDivision.fromCode(industry).name(),
                smeClass,
                prefecture == null ? null : Prefecture.fromCode(prefecture).code());
    }
}
