package dev.hoshi.compliance.management.graphql;

import dev.hoshi.compliance.access.OrganizationAccess;
import dev.hoshi.compliance.access.OrganizationChanges;
import dev.hoshi.compliance.api.management.ManagementChecklistId;
import dev.hoshi.compliance.api.management.ManagementCommands.ConfirmKeyActionCommand;
import dev.hoshi.compliance.api.management.ManagementCommands.WithdrawKeyActionCommand;
import dev.hoshi.compliance.api.management.ManagementQueries.FindManagementChecklistQuery;
import dev.hoshi.compliance.api.management.ManagementQueries.ManagementChecklistView;
import dev.hoshi.kernel.context.CurrentContext;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.platform.graphql.Inputs;
import dev.hoshi.platform.graphql.UserError;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/**
 * The management edition's key actions over GraphQL: the checklist on its own and on the dashboard
 * ({@code organizationStatus.keyActions}, as of the dashboard's date); the signed-in writer confirms or withdraws, and
 * is recorded as who did.
 */
@Controller
class ManagementController {

    record ConfirmKeyActionInput(String actionId, String note, String effectiveOn) {}

    record WithdrawKeyActionInput(String actionId, String reason, String effectiveOn) {}

    record ManagementPayload(ManagementChecklistView checklist, List<UserError> errors) {}

    private final OrganizationChanges changes;
    private final QueryGateway queries;
    private final OrganizationAccess access;
    private final Clock clock;

    ManagementController(OrganizationChanges changes, QueryGateway queries, OrganizationAccess access, Clock clock) {
        this.changes = changes;
        this.queries = queries;
        this.access = access;
        this.clock = clock;
    }

    /** Null unless the caller is a member. */
    @QueryMapping
    ManagementChecklistView managementChecklist(@Argument String asOf) {
        return access.ifMember()
                .map(org -> checklist(TenantId.of(org.organizationId()), Inputs.asOf(asOf, clock)))
                .orElse(null);
    }

    /** The dashboard's checklist, as of the dashboard's own date. */
    @SchemaMapping(typeName = "OrganizationStatus", field = "keyActions")
    ManagementChecklistView keyActions(Map<String, Object> status) {
        return checklist(
                TenantId.of(String.valueOf(status.get("organizationId"))),
                LocalDate.parse(String.valueOf(status.get("asOf"))));
    }

    @MutationMapping
    ManagementPayload confirmKeyAction(@Argument ConfirmKeyActionInput input) {
        return act(id ->
                new ConfirmKeyActionCommand(id, input.actionId(), who(), input.note(), date(input.effectiveOn())));
    }

    @MutationMapping
    ManagementPayload withdrawKeyAction(@Argument WithdrawKeyActionInput input) {
        return act(id ->
                new WithdrawKeyActionCommand(id, input.actionId(), who(), input.reason(), date(input.effectiveOn())));
    }

    private ManagementPayload act(Function<ManagementChecklistId, Object> command) {
        return changes.send(
                tenant -> command.apply(ManagementChecklistId.of(tenant)),
                tenant -> new ManagementPayload(checklist(tenant, null), List.of()),
                errors -> new ManagementPayload(null, errors));
    }

    private ManagementChecklistView checklist(TenantId tenant, LocalDate asOf) {
        return queries.query(new FindManagementChecklistQuery(tenant, asOf), ManagementChecklistView.class)
                .join();
    }

    /** The signed-in user's subject: who confirmed. */
    private static String who() {
        return CurrentContext.require().actor().id();
    }

    private static LocalDate date(String value) {
        return value == null || value.isBlank() ? null : Inputs.date("effectiveOn", value.strip());
    }
}
