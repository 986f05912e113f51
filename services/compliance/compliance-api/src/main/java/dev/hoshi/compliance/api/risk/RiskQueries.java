package dev.hoshi.compliance.api.risk;

import dev.hoshi.kernel.id.TenantId;
import java.time.LocalDate;
import java.util.List;

/** The risk register as it stands now or stood on a date. */
public final class RiskQueries {

    private RiskQueries() {}

    /** {@code asOf} null for today. */
    public record FindRiskRegisterQuery(TenantId organizationId, LocalDate asOf) {}

    /**
     * @param assets the assets on the register on the date, highest risk value first
     * @param summary how many assets fall in each band
     */
    public record RiskRegisterView(
            String organizationId, LocalDate asOf, List<AssetRiskView> assets, RiskSummaryView summary) {}

    /**
     * One asset with what follows from it: importance from C/I/A; when assessed, the likelihood, the risk value
     * (importance × likelihood) and its band; and the vulnerability the linked controls' status proposes.
     */
    public record AssetRiskView(
            String assetId,
            Asset asset,
            int importance,
            Integer threat,
            Integer vulnerability,
            Integer proposedVulnerability,
            Integer likelihood,
            Integer riskValue,
            String band,
            String treatment,
            List<String> controls,
            String note,
            String edition,
            LocalDate recordedOn,
            LocalDate assessedOn) {}

    /**
     * Assets per band of the catalog (3.1: LARGE, MEDIUM, SMALL, in the catalog's order) and those not assessed yet;
     * the highest risk value (null when nothing is assessed).
     */
    public record RiskSummaryView(List<BandCount> bands, int notAssessed, Integer highest) {}

    public record BandCount(String band, int assets) {}
}
