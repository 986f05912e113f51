package dev.hoshi.directory.support.graphql;

import dev.hoshi.directory.api.support.AddSupportOrganizationAnalystCommand;
import dev.hoshi.directory.api.support.ListSupportOrganizationsQuery;
import dev.hoshi.directory.api.support.RecordMembershipCommand;
import dev.hoshi.directory.api.support.RegisterSupportOrganizationCommand;
import dev.hoshi.directory.api.support.RemoveSupportOrganizationAnalystCommand;
import dev.hoshi.directory.api.support.SupportOrganizationKind;
import dev.hoshi.directory.api.support.SupportOrganizationView;
import dev.hoshi.kernel.error.ErrorKind;
import dev.hoshi.kernel.error.HoshiException;
import dev.hoshi.kernel.id.SupportOrganizationId;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.kernel.id.UserId;
import dev.hoshi.platform.graphql.Inputs;
import dev.hoshi.platform.graphql.Mutations;
import dev.hoshi.platform.graphql.UserError;
import dev.hoshi.platform.security.Caller;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** Support organisations over GraphQL (operators): registering them, their analysts, recorded memberships. */
@Controller
class SupportOrganizationController {

    record RegisterSupportOrganizationInput(
            String id, String name, String nameEn, SupportOrganizationKind kind, String analyst) {}

    record RegisterSupportOrganizationPayload(String supportOrganizationId, List<UserError> errors) {}

    record RecordMembershipInput(String supportOrganizationId, String organizationId) {}

    record RecordMembershipPayload(String supportOrganizationId, String organizationId, List<UserError> errors) {}

    record AddSupportOrganizationAnalystInput(String supportOrganizationId, String analyst) {}

    record AddSupportOrganizationAnalystPayload(String supportOrganizationId, String analyst, List<UserError> errors) {}

    record RemoveSupportOrganizationAnalystInput(String supportOrganizationId, String analyst) {}

    record RemoveSupportOrganizationAnalystPayload(
            String supportOrganizationId, String analyst, List<UserError> errors) {}

    /** The aggregate type of an organisation's events (the class name of directory's {@code Organization}). */
    static final String ORGANIZATION_AGGREGATE = "Organization";

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final EventStore events;

    SupportOrganizationController(CommandGateway commands, QueryGateway queries, EventStore events) {
        this.commands = commands;
        this.queries = queries;
        this.events = events;
    }

    @MutationMapping
    RegisterSupportOrganizationPayload registerSupportOrganization(@Argument RegisterSupportOrganizationInput input) {
        Caller.requireRole(Caller.PLATFORM_OPERATOR);
        Mutations.Outcome<String> outcome = Mutations.attempt(() -> {
            SupportOrganizationId id = input.id() == null
                    ? SupportOrganizationId.random()
                    : Inputs.parse("id", input.id(), SupportOrganizationId::of);
            commands.sendAndWait(new RegisterSupportOrganizationCommand(
                    id,
                    input.name(),
                    input.nameEn(),
                    input.kind(),
                    Inputs.parse("analyst", input.analyst(), UserId::of)));
            return id.toString();
        });
        return new RegisterSupportOrganizationPayload(outcome.value(), outcome.errors());
    }

    /**
     * An operator records memberships of registered organisations only: an id that names nothing, or a support
     * organisation or partner client, is {@code UNKNOWN_ORGANIZATION}. Asked of the event store, which knows every
     * organisation as soon as its registration is committed (a read model could lag behind it).
     */
    private void requireRegisteredOrganization(TenantId organization) {
        DomainEventStream stream = events.readEvents(organization.toString());
        if (!stream.hasNext() || !ORGANIZATION_AGGREGATE.equals(stream.peek().getType())) {
            throw new HoshiException(
                    "UNKNOWN_ORGANIZATION",
                    ErrorKind.INVALID_INPUT,
                    "No organisation is registered with the id '" + organization + "'; register it first.",
                    "ID '" + organization + "' の組織は登録されていません。先に組織を登録してください。");
        }
    }

    @MutationMapping
    RecordMembershipPayload recordMembership(@Argument RecordMembershipInput input) {
        Caller.requireRole(Caller.PLATFORM_OPERATOR);
        Mutations.Outcome<Boolean> outcome = Mutations.attempt(() -> {
            SupportOrganizationId support =
                    Inputs.parse("supportOrganizationId", input.supportOrganizationId(), SupportOrganizationId::of);
            TenantId organization = Inputs.parse("organizationId", input.organizationId(), TenantId::of);
            requireRegisteredOrganization(organization);
            commands.sendAndWait(new RecordMembershipCommand(support, organization));
            return true;
        });
        return outcome.succeeded()
                ? new RecordMembershipPayload(input.supportOrganizationId(), input.organizationId(), List.of())
                : new RecordMembershipPayload(null, null, outcome.errors());
    }

    @MutationMapping
    AddSupportOrganizationAnalystPayload addSupportOrganizationAnalyst(
            @Argument AddSupportOrganizationAnalystInput input) {
        Caller.requireRole(Caller.PLATFORM_OPERATOR);
        Mutations.Outcome<UserId> outcome = Mutations.attempt(() -> {
            UserId analyst = Inputs.parse("analyst", input.analyst(), UserId::of);
            commands.sendAndWait(new AddSupportOrganizationAnalystCommand(
                    Inputs.parse("supportOrganizationId", input.supportOrganizationId(), SupportOrganizationId::of),
                    analyst));
            return analyst;
        });
        return outcome.succeeded()
                ? new AddSupportOrganizationAnalystPayload(
                        input.supportOrganizationId(), outcome.value().toString(), List.of())
                : new AddSupportOrganizationAnalystPayload(null, null, outcome.errors());
    }

    /** Authorised exactly as adding one: operators only; an unknown support organisation is {@code NOT_FOUND}. */
    @MutationMapping
    RemoveSupportOrganizationAnalystPayload removeSupportOrganizationAnalyst(
            @Argument RemoveSupportOrganizationAnalystInput input) {
        Caller.requireRole(Caller.PLATFORM_OPERATOR);
        Mutations.Outcome<UserId> outcome = Mutations.attempt(() -> {
            UserId analyst = Inputs.parse("analyst", input.analyst(), UserId::of);
            commands.sendAndWait(new RemoveSupportOrganizationAnalystCommand(
                    Inputs.parse("supportOrganizationId", input.supportOrganizationId(), SupportOrganizationId::of),
                    analyst));
            return analyst;
        });
        return outcome.succeeded()
                ? new RemoveSupportOrganizationAnalystPayload(
                        input.supportOrganizationId(), outcome.value().toString(), List.of())
                : new RemoveSupportOrganizationAnalystPayload(null, null, outcome.errors());
    }

    @QueryMapping
    List<SupportOrganizationView> supportOrganizations() {
        Caller.requireRole(Caller.PLATFORM_OPERATOR);
        return queries.query(
                        new ListSupportOrganizationsQuery(),
                        ResponseTypes.multipleInstancesOf(SupportOrganizationView.class))
                .join();
    }
}
