package dev.hoshi.compliance.control.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import dev.hoshi.catalog.Catalog;
import dev.hoshi.catalog.Edition;
import dev.hoshi.compliance.api.control.ControlPlanId;
import dev.hoshi.compliance.api.control.ControlStatus;
import dev.hoshi.compliance.api.control.ControlStatusUpdatedEvent;
import dev.hoshi.compliance.api.control.UpdateControlStatusCommand;
import dev.hoshi.kernel.error.ErrorKind;
import dev.hoshi.kernel.error.HoshiException;
import dev.hoshi.kernel.text.Text;
import dev.hoshi.kernel.text.WebUrl;
import dev.hoshi.kernel.time.BusinessTime;
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
 * How far an organisation has implemented the catalog's controls (管理策): status, owner, due date and evidence per
 * control. Kept apart from the SECURITY ACTION record because it changes far more often and decides no level. Its
 * rules need no history, so its state (and snapshot, revision 2) is its id alone.
 */
@Aggregate(snapshotTriggerDefinition = "controlPlanSnapshots", cache = "controlPlanCache")
@Revision("2")
@JsonAutoDetect(
        fieldVisibility = Visibility.ANY,
        getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE)
class ControlPlan {

    @AggregateIdentifier
    private ControlPlanId id;

    protected ControlPlan() {}

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(UpdateControlStatusCommand command, Catalog catalog, Clock clock) {
        id = command.id();
        Edition edition = catalog.current();
        if (edition.control(command.controlId()).isEmpty()) {
            throw invalid(
                    "UNKNOWN_CONTROL",
                    "There is no control " + command.controlId() + " in edition " + edition.edition() + ".",
                    "第" + edition.edition() + "版に管理策 " + command.controlId() + " はありません。");
        }
        if (command.status() == null) {
            throw invalid("INVALID_STATUS", "Give the control's status.", "状況を指定してください。");
        }
        String justification = Text.optional("justification", command.justification(), 2000);
        if (command.status() == ControlStatus.NOT_APPLICABLE && justification == null) {
            throw invalid("JUSTIFICATION_REQUIRED", "Say why the control does not apply.", "対象外とする理由を入力してください。");
        }
        LocalDate on = command.effectiveOn() == null ? BusinessTime.today(clock) : command.effectiveOn();
        if (BusinessTime.isInFuture(on, clock)) {
            throw invalid("DATE_IN_FUTURE", "The date " + on + " is in the future.", "日付 " + on + " は未来です。");
        }
        apply(new ControlStatusUpdatedEvent(
                command.id().tenant(),
                edition.edition(),
                command.controlId(),
                command.status(),
                command.owner(),
                command.dueOn(),
                WebUrl.optional("evidenceUrl", command.evidenceUrl()),
                Text.optional("evidenceNote", command.evidenceNote(), 2000),
                justification,
                on));
    }

    @EventSourcingHandler
    void on(ControlStatusUpdatedEvent event) {
        id = ControlPlanId.of(event.organizationId());
    }

    private static HoshiException invalid(String code, String en, String ja) {
        return new HoshiException(code, ErrorKind.INVALID_INPUT, en, ja);
    }
}
