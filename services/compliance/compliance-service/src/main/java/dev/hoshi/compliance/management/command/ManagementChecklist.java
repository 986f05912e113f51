package dev.hoshi.compliance.management.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import dev.hoshi.catalog.Catalog;
import dev.hoshi.catalog.Edition;
import dev.hoshi.compliance.api.ComplianceEvent;
import dev.hoshi.compliance.api.management.ManagementChecklistId;
import dev.hoshi.compliance.api.management.ManagementCommands.ConfirmKeyActionCommand;
import dev.hoshi.compliance.api.management.ManagementCommands.WithdrawKeyActionCommand;
import dev.hoshi.compliance.api.management.ManagementEvents.KeyActionConfirmedEvent;
import dev.hoshi.compliance.api.management.ManagementEvents.KeyActionWithdrawnEvent;
import dev.hoshi.compliance.facts.Facts;
import dev.hoshi.compliance.management.domain.ManagementChecklistState;
import dev.hoshi.kernel.error.ErrorKind;
import dev.hoshi.kernel.error.HoshiException;
import dev.hoshi.kernel.text.Text;
import java.time.Clock;
import java.time.LocalDate;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * The executive's checklist of the management edition's key actions (経営者編 重要7項目の取組): which are confirmed,
 * by whom, from when. A few events a year; its state is the confirmations in force (snapshot revision 1).
 */
@Aggregate(snapshotTriggerDefinition = "managementChecklistSnapshots")
@Revision("1")
@JsonAutoDetect(
        fieldVisibility = Visibility.ANY,
        getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE)
class ManagementChecklist {

    @AggregateIdentifier
    private ManagementChecklistId id;

    private ManagementChecklistState state = new ManagementChecklistState();

    protected ManagementChecklist() {}

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(ConfirmKeyActionCommand command, Catalog catalog, Clock clock) {
        id = command.id();
        LocalDate on = Facts.effective(command.effectiveOn(), clock);
        Edition edition = catalog.current();
        String action = known(edition, command.actionId());
        String by = Text.required("confirmedBy", command.confirmedBy(), 200);
        apply(new KeyActionConfirmedEvent(
                id.tenant(), action, by, Text.optional("note", command.note(), 1000), edition.edition(), on));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(WithdrawKeyActionCommand command, Catalog catalog, Clock clock) {
        id = command.id();
        LocalDate on = Facts.effective(command.effectiveOn(), clock);
        String action = known(catalog.current(), command.actionId());
        if (!state.confirmed(action)) {
            throw new HoshiException(
                    "NOT_CONFIRMED",
                    ErrorKind.BUSINESS_RULE,
                    "Key action " + action + " is not confirmed; there is nothing to withdraw.",
                    "重要項目 " + action + " は確認されていないため、取り下げできません。");
        }
        apply(new KeyActionWithdrawnEvent(
                id.tenant(),
                action,
                Text.required("withdrawnBy", command.withdrawnBy(), 200),
                Text.optional("reason", command.reason(), 1000),
                on));
    }

    @EventSourcingHandler
    void on(ComplianceEvent event) {
        id = ManagementChecklistId.of(event.organizationId());
        state.apply(event);
    }

    private static String known(Edition edition, String actionId) {
        if (actionId == null || edition.keyActions().stream().noneMatch(a -> a.id().equals(actionId))) {
            throw new HoshiException(
                    "UNKNOWN_KEY_ACTION",
                    ErrorKind.INVALID_INPUT,
                    "There is no key action " + actionId + "; the management edition's are "
                            + edition.keyActions().stream()
                                    .map(Edition.KeyAction::id)
                                    .toList() + ".",
                    "重要項目 " + actionId + " はありません。経営者編の重要項目は "
                            + edition.keyActions().stream()
                                    .map(Edition.KeyAction::id)
                                    .toList() + " です。");
        }
        return actionId;
    }
}
