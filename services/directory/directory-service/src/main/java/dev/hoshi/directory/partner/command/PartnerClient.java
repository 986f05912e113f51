package dev.hoshi.directory.partner.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.hoshi.directory.api.partner.PartnerClientRegisteredEvent;
import dev.hoshi.directory.api.partner.RegisterPartnerClientCommand;
import dev.hoshi.kernel.id.PartnerClientId;
import dev.hoshi.kernel.text.Text;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/** A partner portal (a bank, a prime contractor, an insurer) that asks for SMEs' status with their consent. */
@Aggregate
class PartnerClient {

    @AggregateIdentifier
    private PartnerClientId id;

    protected PartnerClient() {}

    @CommandHandler
    PartnerClient(RegisterPartnerClientCommand command) {
        apply(new PartnerClientRegisteredEvent(command.partnerClientId(), Text.required("name", command.name(), 200)));
    }

    @EventSourcingHandler
    void on(PartnerClientRegisteredEvent event) {
        id = event.partnerClientId();
    }
}
