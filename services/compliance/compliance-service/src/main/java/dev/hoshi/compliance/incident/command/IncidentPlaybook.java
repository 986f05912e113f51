package dev.hoshi.compliance.incident.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import dev.hoshi.catalog.Catalog;
import dev.hoshi.catalog.Edition;
import dev.hoshi.catalog.IncidentResponse;
import dev.hoshi.compliance.api.ComplianceEvent;
import dev.hoshi.compliance.api.incident.IncidentCommands.CompleteIncidentPhaseCommand;
import dev.hoshi.compliance.api.incident.IncidentCommands.RecordIncidentCommand;
import dev.hoshi.compliance.api.incident.IncidentCommands.RemoveIncidentContactCommand;
import dev.hoshi.compliance.api.incident.IncidentCommands.SetIncidentContactCommand;
import dev.hoshi.compliance.api.incident.IncidentEvents.IncidentContactRemovedEvent;
import dev.hoshi.compliance.api.incident.IncidentEvents.IncidentContactSetEvent;
import dev.hoshi.compliance.api.incident.IncidentEvents.IncidentPhaseCompletedEvent;
import dev.hoshi.compliance.api.incident.IncidentEvents.IncidentRecordedEvent;
import dev.hoshi.compliance.api.incident.IncidentPlaybookId;
import dev.hoshi.compliance.facts.Facts;
import dev.hoshi.compliance.incident.domain.IncidentPlaybookState;
import dev.hoshi.kernel.error.ErrorKind;
import dev.hoshi.kernel.error.HoshiException;
import dev.hoshi.kernel.text.Text;
import dev.hoshi.kernel.time.BusinessTime;
import java.time.Clock;
import java.time.Instant;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * An organisation's incident playbook (付録8): the contacts to notify, and its incidents (and drills) moving through
 * the catalog's phases in order — detect and first response, report and publish, recover and prevent — each phase
 * completed with a timestamp and a report. Decides no level (snapshot revision 1).
 */
@Aggregate(snapshotTriggerDefinition = "incidentPlaybookSnapshots")
@Revision("1")
@JsonAutoDetect(
        fieldVisibility = Visibility.ANY,
        getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE)
class IncidentPlaybook {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    @AggregateIdentifier
    private IncidentPlaybookId id;

    private IncidentPlaybookState state = new IncidentPlaybookState();

    protected IncidentPlaybook() {}

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(SetIncidentContactCommand command, Catalog catalog, Clock clock) {
        id = command.id();
        String contactId = id("contactId", command.contactId());
        if (command.kind() == null || !catalog.current().incidentResponse().knowsContactKind(command.kind())) {
            throw invalid(
                    "UNKNOWN_CONTACT_KIND",
                    "Choose a contact kind: "
                            + catalog.current().incidentResponse().contactKinds().stream()
                                    .map(IncidentResponse.ContactKind::code)
                                    .toList()
                            + ".",
                    "連絡先の種類を選んでください: "
                            + catalog.current().incidentResponse().contactKinds().stream()
                                    .map(k -> k.code() + "（" + k.label().ja() + "）")
                                    .toList()
                            + "。");
        }
        apply(new IncidentContactSetEvent(
                id.tenant(),
                contactId,
                command.kind(),
                Text.required("name", command.name(), 200),
                Text.optional("phone", command.phone(), 50),
                Text.optional("email", command.email(), 200),
                Text.optional("note", command.note(), 1000),
                BusinessTime.today(clock)));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RemoveIncidentContactCommand command, Clock clock) {
        id = command.id();
        String contactId = id("contactId", command.contactId());
        if (!state.hasContact(contactId)) {
            throw invalid("UNKNOWN_CONTACT", "There is no contact " + contactId + ".", "連絡先 " + contactId + " はありません。");
        }
        apply(new IncidentContactRemovedEvent(id.tenant(), contactId, BusinessTime.today(clock)));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RecordIncidentCommand command, Catalog catalog, Clock clock) {
        id = command.id();
        String incidentId = id("incidentId", command.incidentId());
        if (state.hasIncident(incidentId)) {
            throw invalid(
                    "INCIDENT_EXISTS",
                    "Incident " + incidentId + " is recorded already; complete its phases instead.",
                    "インシデント " + incidentId + " は記録済みです。");
        }
        Instant at = instant(command.detectedAt(), clock);
        Edition edition = catalog.current();
        apply(new IncidentRecordedEvent(
                id.tenant(),
                incidentId,
                Text.required("title", command.title(), 200),
                command.drill(),
                at,
                edition.incidentResponse().phases().get(0).code(),
                edition.edition(),
                at.atZone(BusinessTime.ZONE).toLocalDate()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(CompleteIncidentPhaseCommand command, Catalog catalog, Clock clock) {
        id = command.id();
        String incidentId = id("incidentId", command.incidentId());
        if (!state.hasIncident(incidentId)) {
            throw invalid(
                    "UNKNOWN_INCIDENT",
                    "There is no incident " + incidentId + ".",
                    "インシデント " + incidentId + " はありません。");
        }
        String current = state.phaseOf(incidentId);
        if (IncidentPlaybookState.CLOSED.equals(current)) {
            throw new HoshiException(
                    "INCIDENT_CLOSED",
                    ErrorKind.BUSINESS_RULE,
                    "Incident " + incidentId + " has completed every phase.",
                    "インシデント " + incidentId + " はすべての段階を完了しています。");
        }
        Instant at = instant(command.at(), clock);
        if (at.isBefore(state.incident(incidentId).detectedAt())) {
            throw invalid(
                    "BEFORE_DETECTION",
                    "A phase cannot be completed before the incident was detected.",
                    "検知より前の時刻に段階を完了することはできません。");
        }
        String next = catalog.current()
                .incidentResponse()
                .next(current)
                .map(IncidentResponse.Phase::code)
                .orElse(null);
        apply(new IncidentPhaseCompletedEvent(
                id.tenant(),
                incidentId,
                current,
                next,
                Text.optional("report", command.report(), 4000),
                at,
                at.atZone(BusinessTime.ZONE).toLocalDate()));
    }

    @EventSourcingHandler
    void on(ComplianceEvent event) {
        id = IncidentPlaybookId.of(event.organizationId());
        state.apply(event);
    }

    /** Now when left out; otherwise its day follows the effective-date rule (not in the future, not before 2000). */
    private static Instant instant(Instant at, Clock clock) {
        if (at == null) {
            return clock.instant();
        }
        Facts.effective(at.atZone(BusinessTime.ZONE).toLocalDate(), clock);
        if (at.isAfter(clock.instant())) {
            throw invalid("TIME_IN_FUTURE", "The time " + at + " is in the future.", "時刻 " + at + " は未来です。");
        }
        return at;
    }

    private static String id(String field, String value) {
        if (value == null || !ID.matcher(value).matches()) {
            throw invalid(
                    "INVALID_" + Text.constantCase(field),
                    "'" + field + "' is 1 to 64 letters, digits, '-' or '_'.",
                    "'" + field + "' は英数字・「-」・「_」の1〜64文字です。");
        }
        return value;
    }

    private static HoshiException invalid(String code, String en, String ja) {
        return new HoshiException(code, ErrorKind.INVALID_INPUT, en, ja);
    }
}
