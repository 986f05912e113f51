package dev.hoshi.compliance.api.incident;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** What an organisation does to be ready for incidents (付録8) and to handle one. */
public final class IncidentCommands {

    private IncidentCommands() {}

    /** Add or change a contact to notify: a catalog contact kind (PARTNER, PPC, REGULATOR, POLICE, IPA, OTHER). */
    public record SetIncidentContactCommand(
            @TargetAggregateIdentifier IncidentPlaybookId id,
            String contactId,
            String kind,
            String name,
            String phone,
            String email,
            String note) {}

    public record RemoveIncidentContactCommand(@TargetAggregateIdentifier IncidentPlaybookId id, String contactId) {}

    /** An incident (or a drill) was detected at {@code detectedAt} (now when null); it starts in the first phase. */
    public record RecordIncidentCommand(
            @TargetAggregateIdentifier IncidentPlaybookId id,
            String incidentId,
            String title,
            boolean drill,
            Instant detectedAt) {}

    /** The incident's current phase is done ({@code report}: what was done or reported); it moves to the next. */
    public record CompleteIncidentPhaseCommand(
            @TargetAggregateIdentifier IncidentPlaybookId id, String incidentId, String report, Instant at) {}
}
