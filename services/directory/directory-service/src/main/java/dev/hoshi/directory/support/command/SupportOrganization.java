package dev.hoshi.directory.support.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.hoshi.directory.api.support.MembershipRecordedEvent;
import dev.hoshi.directory.api.support.RecordMembershipCommand;
import dev.hoshi.directory.api.support.RegisterSupportOrganizationCommand;
import dev.hoshi.directory.api.support.SupportOrganizationRegisteredEvent;
import dev.hoshi.kernel.error.ErrorKind;
import dev.hoshi.kernel.error.HoshiException;
import dev.hoshi.kernel.id.SupportOrganizationId;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.kernel.text.Text;
import java.util.HashSet;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A support organisation (支援機関): an industry association, chamber of commerce, 商工会, IT vendor or financial
 * institution that helps its member SMEs. Membership alone discloses nothing: what it may see comes from each
 * member's consent.
 */
@Aggregate
class SupportOrganization {

    @AggregateIdentifier
    private SupportOrganizationId id;

    private final Set<TenantId> members = new HashSet<>();

    protected SupportOrganization() {}

    @CommandHandler
    SupportOrganization(RegisterSupportOrganizationCommand command) {
        if (command.kind() == null) {
            throw new HoshiException(
                    "INVALID_KIND",
                    ErrorKind.INVALID_INPUT,
                    "Say what kind of support organisation this is.",
                    "支援機関の種別を指定してください。");
        }
        apply(new SupportOrganizationRegisteredEvent(
                command.supportOrganizationId(),
                Text.required("name", command.name(), 200),
                Text.optional("nameEn", command.nameEn(), 200),
                command.kind(),
                command.analyst()));
    }

    /** Recording a member twice changes nothing. */
    @CommandHandler
    void handle(RecordMembershipCommand command) {
        if (!members.contains(command.member())) {
            apply(new MembershipRecordedEvent(id, command.member()));
        }
    }

    @EventSourcingHandler
    void on(SupportOrganizationRegisteredEvent event) {
        id = event.supportOrganizationId();
    }

    @EventSourcingHandler
    void on(MembershipRecordedEvent event) {
        members.add(event.member());
    }
}
