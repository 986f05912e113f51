package dev.hoshi.compliance.api.risk;

import java.time.LocalDate;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** What an organisation does with its risk register (appendix 7). */
public final class RiskCommands {

    private RiskCommands() {}

    /** Add an asset to the register, or change one already there (the whole entry, as of a date). */
    public record RecordAssetCommand(
            @TargetAggregateIdentifier RiskRegisterId id, String assetId, Asset asset, LocalDate effectiveOn) {}

    /**
     * Assess an asset's risk: threat likelihood and vulnerability (1–3), the treatment chosen (a catalog treatment
     * code: REDUCE, AVOID, TRANSFER, ACCEPT) and the catalog controls it relies on.
     */
    public record AssessRiskCommand(
            @TargetAggregateIdentifier RiskRegisterId id,
            String assetId,
            int threat,
            int vulnerability,
            String treatment,
            List<String> controls,
            String note,
            LocalDate effectiveOn) {}

    /** Take an asset off the register (disposed of, no longer held). */
    public record RemoveAssetCommand(
            @TargetAggregateIdentifier RiskRegisterId id, String assetId, String reason, LocalDate effectiveOn) {}
}
