package dev.hoshi.compliance.api.management;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** What the executive does with the management edition's 7 key actions (経営者編 重要7項目の取組). */
public final class ManagementCommands {

    private ManagementCommands() {}

    /** The executive confirms that the organisation carries out a key action (K1..K7); who confirms, as of a date. */
    public record ConfirmKeyActionCommand(
            @TargetAggregateIdentifier ManagementChecklistId id,
            String actionId,
            String confirmedBy,
            String note,
            LocalDate effectiveOn) {}

    /** A confirmation no longer holds (the action lapsed). */
    public record WithdrawKeyActionCommand(
            @TargetAggregateIdentifier ManagementChecklistId id,
            String actionId,
            String withdrawnBy,
            String reason,
            LocalDate effectiveOn) {}
}
