package dev.hoshi.compliance.risk.graphql;

import dev.hoshi.compliance.access.OrganizationAccess;
import dev.hoshi.compliance.access.OrganizationChanges;
import dev.hoshi.compliance.api.risk.Asset;
import dev.hoshi.compliance.api.risk.RiskCommands.AssessRiskCommand;
import dev.hoshi.compliance.api.risk.RiskCommands.RecordAssetCommand;
import dev.hoshi.compliance.api.risk.RiskCommands.RemoveAssetCommand;
import dev.hoshi.compliance.api.risk.RiskQueries.FindRiskRegisterQuery;
import dev.hoshi.compliance.api.risk.RiskQueries.RiskRegisterView;
import dev.hoshi.compliance.api.risk.RiskRegisterId;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.platform.graphql.Inputs;
import dev.hoshi.platform.graphql.UserError;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/**
 * The risk register (付録7) over GraphQL, for the members of the organisation chosen in the token: read it now or
 * {@code asOf} a date; writers record assets, assess their risk and remove them.
 */
@Controller
class RiskController {

    record RecordAssetInput(String assetId, Asset asset, String effectiveOn) {}

    record AssessRiskInput(
            String assetId,
            int threat,
            int vulnerability,
            String treatment,
            List<String> controls,
            String note,
            String effectiveOn) {}

    record RemoveAssetInput(String assetId, String reason, String effectiveOn) {}

    /** Every risk mutation's payload: the asset and the register right after, or the errors that stopped it. */
    record RiskPayload(String assetId, RiskRegisterView register, List<UserError> errors) {}

    private final OrganizationChanges changes;
    private final QueryGateway queries;
    private final OrganizationAccess access;
    private final Clock clock;

    RiskController(OrganizationChanges changes, QueryGateway queries, OrganizationAccess access, Clock clock) {
        this.changes = changes;
        this.queries = queries;
        this.access = access;
        this.clock = clock;
    }

    /** Null unless the caller is a member (another organisation's register looks like none). */
    @QueryMapping
    RiskRegisterView riskRegister(@Argument String asOf) {
        return access.ifMember()
                .map(org -> register(TenantId.of(org.organizationId()), Inputs.asOf(asOf, clock)))
                .orElse(null);
    }

    @MutationMapping
    RiskPayload recordAsset(@Argument RecordAssetInput input) {
        String assetId = input.assetId() == null || input.assetId().isBlank()
                ? UUID.randomUUID().toString()
                : input.assetId().strip();
        return act(assetId, id -> new RecordAssetCommand(id, assetId, input.asset(), date(input.effectiveOn())));
    }

    @MutationMapping
    RiskPayload assessRisk(@Argument AssessRiskInput input) {
        return act(
                input.assetId(),
                id -> new AssessRiskCommand(
                        id,
                        input.assetId(),
                        input.threat(),
                        input.vulnerability(),
                        input.treatment(),
                        input.controls(),
                        input.note(),
                        date(input.effectiveOn())));
    }

    @MutationMapping
    RiskPayload removeAsset(@Argument RemoveAssetInput input) {
        return act(
                input.assetId(),
                id -> new RemoveAssetCommand(id, input.assetId(), input.reason(), date(input.effectiveOn())));
    }

    private RiskPayload act(String assetId, Function<RiskRegisterId, Object> command) {
        return changes.send(
                tenant -> command.apply(RiskRegisterId.of(tenant)),
                tenant -> new RiskPayload(assetId, register(tenant, null), List.of()),
                errors -> new RiskPayload(null, null, errors));
    }

    private RiskRegisterView register(TenantId tenant, LocalDate asOf) {
        return queries.query(new FindRiskRegisterQuery(tenant, asOf), RiskRegisterView.class)
                .join();
    }

    private static LocalDate date(String value) {
        return value == null || value.isBlank() ? null : Inputs.date("effectiveOn", value.strip());
    }
}
