package dev.hoshi.compliance.incident.graphql;

import dev.hoshi.compliance.access.OrganizationAccess;
import dev.hoshi.compliance.access.OrganizationChanges;
import dev.hoshi.compliance.api.incident.IncidentCommands.CompleteIncidentPhaseCommand;
import dev.hoshi.compliance.api.incident.IncidentCommands.RecordIncidentCommand;
import dev.hoshi.compliance.api.incident.IncidentCommands.RemoveIncidentContactCommand;
import dev.hoshi.compliance.api.incident.IncidentCommands.SetIncidentContactCommand;
import dev.hoshi.compliance.api.incident.IncidentPlaybookId;
import dev.hoshi.compliance.api.incident.IncidentQueries.FindIncidentReadinessQuery;
import dev.hoshi.compliance.api.incident.IncidentQueries.IncidentReadinessView;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.platform.graphql.Inputs;
import dev.hoshi.platform.graphql.UserError;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Function;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** Incident readiness (付録8) over GraphQL for the members of the organisation chosen in the token. */
@Controller
class IncidentController {

    record SetIncidentContactInput(
            String contactId, String kind, String name, String phone, String email, String note) {}

    record RecordIncidentInput(String incidentId, String title, Boolean drill, String detectedAt) {}

    record CompleteIncidentPhaseInput(String incidentId, String report, String at) {}

    record IncidentPayload(IncidentReadinessView readiness, List<UserError> errors) {}

    private final OrganizationChanges changes;
    private final QueryGateway queries;
    private final OrganizationAccess access;
    private final Clock clock;

    IncidentController(OrganizationChanges changes, QueryGateway queries, OrganizationAccess access, Clock clock) {
        this.changes = changes;
        this.queries = queries;
        this.access = access;
        this.clock = clock;
    }

    /** Null unless the caller is a member. */
    @QueryMapping
    IncidentReadinessView incidentReadiness(@Argument String asOf) {
        return access.ifMember()
                .map(org -> readiness(TenantId.of(org.organizationId()), Inputs.asOf(asOf, clock)))
                .orElse(null);
    }

    @MutationMapping
    IncidentPayload setIncidentContact(@Argument SetIncidentContactInput input) {
        return act(id -> new SetIncidentContactCommand(
                id, input.contactId(), input.kind(), input.name(), input.phone(), input.email(), input.note()));
    }

    @MutationMapping
    IncidentPayload removeIncidentContact(@Argument String contactId) {
        return act(id -> new RemoveIncidentContactCommand(id, contactId));
    }

    @MutationMapping
    IncidentPayload recordIncident(@Argument RecordIncidentInput input) {
        return act(id -> new RecordIncidentCommand(
                id,
                input.incidentId(),
                input.title(),
                Boolean.TRUE.equals(input.drill()),
                instant("detectedAt", input.detectedAt())));
    }

    @MutationMapping
    IncidentPayload completeIncidentPhase(@Argument CompleteIncidentPhaseInput input) {
        return act(id ->
                new CompleteIncidentPhaseCommand(id, input.incidentId(), input.report(), instant("at", input.at())));
    }

    private IncidentPayload act(Function<IncidentPlaybookId, Object> command) {
        return changes.send(
                tenant -> command.apply(IncidentPlaybookId.of(tenant)),
                tenant -> new IncidentPayload(readiness(tenant, null), List.of()),
                errors -> new IncidentPayload(null, errors));
    }

    private IncidentReadinessView readiness(TenantId tenant, LocalDate asOf) {
        return queries.query(new FindIncidentReadinessQuery(tenant, asOf), IncidentReadinessView.class)
                .join();
    }

    /** An ISO instant (2026-11-26T09:30:00Z or with an offset); null when left out (now). */
    private static Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return Inputs.parse(field, value.strip(), v -> OffsetDateTime.parse(v).toInstant());
    }
}
