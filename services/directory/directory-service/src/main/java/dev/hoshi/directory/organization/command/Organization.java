package dev.hoshi.directory.organization.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.hoshi.directory.api.organization.OrganizationRegisteredEvent;
import dev.hoshi.directory.api.organization.RegisterOrganizationCommand;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.kernel.text.Text;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * An SME organisation (組織): the tenant whose security progress Hoshi tracks. Registered by an operator with a
 * first owner; its profile, people and grants follow in later events.
 */
@Aggregate
class Organization {

    @AggregateIdentifier
    private TenantId id;

    protected Organization() {}

    @CommandHandler
    Organization(RegisterOrganizationCommand command) {
        apply(new OrganizationRegisteredEvent(
                command.organizationId(),
                Text.required("name", command.name(), 200),
                Text.optional("nameEn", command.nameEn(), 200),
                command.corporateNumber(),
                command.owner()));
    }

    @EventSourcingHandler
    void on(OrganizationRegisteredEvent event) {
        id = event.organizationId();
    }
}
