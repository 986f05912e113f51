package dev.hoshi.directory.organization.graphql;

import dev.hoshi.directory.api.organization.ClassifySmeQuery;
import dev.hoshi.directory.api.organization.CorporateNumber;
import dev.hoshi.directory.api.organization.FindOrganizationProfileQuery;
import dev.hoshi.directory.api.organization.FindOrganizationQuery;
import dev.hoshi.directory.api.organization.IndustryDivisionView;
import dev.hoshi.directory.api.organization.JsicDivision;
import dev.hoshi.directory.api.organization.ListIndustryDivisionsQuery;
import dev.hoshi.directory.api.organization.ListOrganizationsQuery;
import dev.hoshi.directory.api.organization.OrganizationProfile;
import dev.hoshi.directory.api.organization.OrganizationProfileView;
import dev.hoshi.directory.api.organization.OrganizationView;
import dev.hoshi.directory.api.organization.Prefecture;
import dev.hoshi.directory.api.organization.RegisterOrganizationCommand;
import dev.hoshi.directory.api.organization.SmeClassificationView;
import dev.hoshi.directory.api.organization.SmeSector;
import dev.hoshi.directory.api.organization.UpdateOrganizationProfileCommand;
import dev.hoshi.kernel.error.ErrorKind;
import dev.hoshi.kernel.error.HoshiException;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.kernel.id.UserId;
import dev.hoshi.platform.graphql.Inputs;
import dev.hoshi.platform.graphql.Mutations;
import dev.hoshi.platform.graphql.UserError;
import dev.hoshi.platform.security.Caller;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/**
 * Organisations over GraphQL. Operators register and list them; an organisation's people see it and its profile;
 * its owners change the profile.
 */
@Controller
class OrganizationController {

    record RegisterOrganizationInput(String id, String name, String nameEn, String corporateNumber, String owner) {}

    record RegisterOrganizationPayload(OrganizationView organization, List<UserError> errors) {}

    record UpdateOrganizationProfileInput(
            String industry,
            SmeSector smeSector,
            Integer employees,
            Long capitalYen,
            String prefecture,
            String nameEn) {}

    record UpdateOrganizationProfilePayload(OrganizationProfileView profile, List<UserError> errors) {}

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final OrganizationAccess access;

    OrganizationController(CommandGateway commands, QueryGateway queries, OrganizationAccess access) {
        this.commands = commands;
        this.queries = queries;
        this.access = access;
    }

    @MutationMapping
    RegisterOrganizationPayload registerOrganization(@Argument RegisterOrganizationInput input) {
        Caller.requireRole(Caller.PLATFORM_OPERATOR);
        Mutations.Outcome<OrganizationView> outcome = Mutations.attempt(() -> {
            TenantId id = input.id() == null ? TenantId.random() : Inputs.parse("id", input.id(), TenantId::of);
            CorporateNumber corporateNumber =
                    input.corporateNumber() == null || input.corporateNumber().isBlank()
                            ? null
                            : CorporateNumber.of(input.corporateNumber().strip());
            UserId owner = Inputs.parse("owner", input.owner(), UserId::of);
            RegisterOrganizationCommand command =
                    new RegisterOrganizationCommand(id, input.name(), input.nameEn(), corporateNumber, owner);
            commands.sendAndWait(command);
            return new OrganizationView(
                    id.toString(),
                    input.name().strip(),
                    input.nameEn(),
                    corporateNumber == null ? null : corporateNumber.toString(),
                    owner.toString(),
                    Instant.now());
        });
        return new RegisterOrganizationPayload(outcome.value(), outcome.errors());
    }

    /** An owner sets the whole profile of the organisation chosen in the token. */
    @MutationMapping
    UpdateOrganizationProfilePayload updateOrganizationProfile(@Argument UpdateOrganizationProfileInput input) {
        OrganizationAccess.Member owner = access.requireOwner();
        Mutations.Outcome<OrganizationProfileView> outcome = Mutations.attempt(() -> {
            JsicDivision industry = Inputs.parse("industry", input.industry(), JsicDivision::fromCode);
            Prefecture prefecture = Inputs.parse("prefecture", input.prefecture(), Prefecture::fromCode);
            if (input.employees() == null) {
                throw new HoshiException(
                        "INVALID_EMPLOYEES",
                        ErrorKind.INVALID_INPUT,
                        "Give the number of employees.",
                        "従業員数を指定してください。");
            }
            OrganizationProfile profile = new OrganizationProfile(
                    industry, input.smeSector(), input.employees(), input.capitalYen(), prefecture, input.nameEn());
            commands.sendAndWait(new UpdateOrganizationProfileCommand(owner.organization(), profile, owner.user()));
            Optional<SmeClassificationView> derived =
                    classify(industry, input.smeSector(), input.employees(), input.capitalYen());
            return new OrganizationProfileView(
                    owner.organization().toString(),
                    industry,
                    derived.map(SmeClassificationView::sector).orElse(null),
                    input.employees(),
                    input.capitalYen(),
                    prefecture,
                    input.nameEn() == null || input.nameEn().isBlank()
                            ? null
                            : input.nameEn().strip(),
                    derived.map(SmeClassificationView::smeClass).orElse(null),
                    Instant.now());
        });
        return new UpdateOrganizationProfilePayload(outcome.value(), outcome.errors());
    }

    /**
     * An organisation's entry: for operators, and for anyone in that organisation (any role). Anything else reads
     * exactly as missing.
     */
    @QueryMapping
    OrganizationView organization(@Argument String id) {
        Optional<TenantId> tenant = Inputs.parseIfValid(id, TenantId::of);
        if (tenant.isEmpty()) {
            return null;
        }
        boolean allowed = Caller.hasRole(Caller.PLATFORM_OPERATOR)
                || access.roleIn(tenant.get()).isPresent();
        if (!allowed) {
            return null; // another tenant's object looks exactly like a missing one
        }
        return queries.query(
                        new FindOrganizationQuery(tenant.get()),
                        ResponseTypes.optionalInstanceOf(OrganizationView.class))
                .join()
                .orElse(null);
    }

    /** Reached only through an organisation the caller may see. */
    @SchemaMapping(typeName = "Organization", field = "profile")
    OrganizationProfileView profile(OrganizationView organization) {
        return queries.query(
                        new FindOrganizationProfileQuery(TenantId.of(organization.id())),
                        ResponseTypes.optionalInstanceOf(OrganizationProfileView.class))
                .join()
                .orElse(null);
    }

    @QueryMapping
    List<OrganizationView> organizations() {
        Caller.requireRole(Caller.PLATFORM_OPERATOR);
        return queries.query(new ListOrganizationsQuery(), ResponseTypes.multipleInstancesOf(OrganizationView.class))
                .join();
    }

    /** Reference data for anyone signed in. */
    @QueryMapping
    List<IndustryDivisionView> industryDivisions() {
        Caller.actor();
        return queries.query(
                        new ListIndustryDivisionsQuery(), ResponseTypes.multipleInstancesOf(IndustryDivisionView.class))
                .join();
    }

    /** Reference data for anyone signed in. */
    @QueryMapping
    List<Prefecture> prefectures() {
        Caller.actor();
        return Arrays.asList(Prefecture.values());
    }

    /** What class an organisation with these facts would have; for anyone signed in (a form's preview). */
    @QueryMapping
    SmeClassificationView smeClassification(
            @Argument String industry, @Argument SmeSector sector, @Argument int employees, @Argument Long capitalYen) {
        Caller.actor();
        JsicDivision division = Inputs.parse("industry", industry, JsicDivision::fromCode);
        if (employees < 0 || (capitalYen != null && capitalYen < 0)) {
            throw new HoshiException(
                    "INVALID_SIZE",
                    ErrorKind.INVALID_INPUT,
                    "Employees and capital are 0 or more.",
                    "従業員数と資本金は0以上で指定してください。");
        }
        return classify(division, sector, employees, capitalYen).orElse(null);
    }

    private Optional<SmeClassificationView> classify(
            JsicDivision industry, SmeSector sector, int employees, Long capitalYen) {
        return queries.query(
                        new ClassifySmeQuery(industry, sector, employees, capitalYen),
                        ResponseTypes.optionalInstanceOf(SmeClassificationView.class))
                .join();
    }
}
