package dev.hoshi.directory.consent.graphql;

import dev.hoshi.directory.api.consent.ChangeConsentScopeCommand;
import dev.hoshi.directory.api.consent.ConsentGrantId;
import dev.hoshi.directory.api.consent.ConsentGrantView;
import dev.hoshi.directory.api.consent.ConsentScope;
import dev.hoshi.directory.api.consent.GrantConsentCommand;
import dev.hoshi.directory.api.consent.Grantee;
import dev.hoshi.directory.api.consent.GranteeKind;
import dev.hoshi.directory.api.consent.ListConsentGrantsQuery;
import dev.hoshi.directory.api.consent.RevokeConsentCommand;
import dev.hoshi.directory.api.partner.FindPartnerClientQuery;
import dev.hoshi.directory.api.partner.PartnerClientView;
import dev.hoshi.directory.api.support.FindMembershipQuery;
import dev.hoshi.directory.api.support.MembershipStatus;
import dev.hoshi.directory.api.support.MembershipView;
import dev.hoshi.directory.organization.graphql.OrganizationAccess;
import dev.hoshi.kernel.error.ErrorKind;
import dev.hoshi.kernel.error.HoshiException;
import dev.hoshi.kernel.id.PartnerClientId;
import dev.hoshi.kernel.id.SupportOrganizationId;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.platform.graphql.Inputs;
import dev.hoshi.platform.graphql.Mutations;
import dev.hoshi.platform.graphql.UserError;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/**
 * Consent grants (同意) of the caller's organisation (the one chosen in the token): anyone in it lists them with
 * their history; only owners grant, change and revoke.
 *
 * <p>A grant to a support organisation needs an active membership in it. Memberships live in the support
 * organisation's aggregate, which the organisation's aggregate cannot read, so the check is made here against the
 * memberships read model before the command is sent (memberships never end, so a check that passed stays true).
 * A grant to a partner client needs the partner client to exist, checked the same way.
 */
@Controller
class ConsentGrantController {

    record GrantConsentInput(
            GranteeKind granteeKind, String granteeId, ConsentScope scope, String startDate, String endDate) {}

    record ChangeConsentScopeInput(String grantId, ConsentScope scope) {}

    record RevokeConsentInput(String grantId) {}

    record ConsentGrantPayload(String grantId, List<UserError> errors) {}

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final OrganizationAccess access;

    ConsentGrantController(CommandGateway commands, QueryGateway queries, OrganizationAccess access) {
        this.commands = commands;
        this.queries = queries;
        this.access = access;
    }

    /** Newest first; {@code null} when the caller is not in the organisation chosen in the token. */
    @QueryMapping
    List<ConsentGrantView> consentGrants() {
        return access.member()
                .map(me -> queries.query(
                                new ListConsentGrantsQuery(me.organization()),
                                ResponseTypes.multipleInstancesOf(ConsentGrantView.class))
                        .join())
                .orElse(null);
    }

    @MutationMapping
    ConsentGrantPayload grantConsent(@Argument GrantConsentInput input) {
        OrganizationAccess.Member owner = access.requireOwner();
        return payload(Mutations.attempt(() -> {
            Grantee grantee = grantee(owner.organization(), input.granteeKind(), input.granteeId());
            LocalDate start = date("startDate", input.startDate());
            LocalDate end = date("endDate", input.endDate());
            ConsentGrantId grantId = ConsentGrantId.random();
            commands.sendAndWait(new GrantConsentCommand(
                    owner.organization(), grantId, grantee, input.scope(), start, end, owner.user()));
            return grantId.toString();
        }));
    }

    @MutationMapping
    ConsentGrantPayload changeConsentScope(@Argument ChangeConsentScopeInput input) {
        OrganizationAccess.Member owner = access.requireOwner();
        return payload(Mutations.attempt(() -> {
            ConsentGrantId grantId = Inputs.parse("grantId", input.grantId(), ConsentGrantId::of);
            commands.sendAndWait(
                    new ChangeConsentScopeCommand(owner.organization(), grantId, input.scope(), owner.user()));
            return grantId.toString();
        }));
    }

    @MutationMapping
    ConsentGrantPayload revokeConsent(@Argument RevokeConsentInput input) {
        OrganizationAccess.Member owner = access.requireOwner();
        return payload(Mutations.attempt(() -> {
            ConsentGrantId grantId = Inputs.parse("grantId", input.grantId(), ConsentGrantId::of);
            commands.sendAndWait(new RevokeConsentCommand(owner.organization(), grantId, owner.user()));
            return grantId.toString();
        }));
    }

    private Grantee grantee(TenantId organization, GranteeKind kind, String id) {
        if (kind == null) {
            throw new HoshiException(
                    "INVALID_GRANTEE_KIND",
                    ErrorKind.INVALID_INPUT,
                    "Say what kind of grantee: SUPPORT_ORGANIZATION or PARTNER_CLIENT.",
                    "同意の相手の種別（SUPPORT_ORGANIZATION または PARTNER_CLIENT）を指定してください。");
        }
        return switch (kind) {
            case SUPPORT_ORGANIZATION -> {
                SupportOrganizationId support = Inputs.parse("granteeId", id, SupportOrganizationId::of);
                boolean member = queries.query(
                                new FindMembershipQuery(support, organization),
                                ResponseTypes.optionalInstanceOf(MembershipView.class))
                        .join()
                        .filter(m -> m.status() == MembershipStatus.ACTIVE)
                        .isPresent();
                if (!member) {
                    throw new HoshiException(
                            "MEMBERSHIP_REQUIRED",
                            ErrorKind.BUSINESS_RULE,
                            "Your organisation is not a member of support organisation " + support
                                    + "; consent goes only to support organisations you have joined.",
                            "この組織は支援機関 " + support + " の会員ではありません。同意は加入済みの支援機関にだけ与えられます。");
                }
                yield Grantee.supportOrganization(support);
            }
            case PARTNER_CLIENT -> {
                PartnerClientId partner = Inputs.parse("granteeId", id, PartnerClientId::of);
                boolean exists = queries.query(
                                new FindPartnerClientQuery(partner),
                                ResponseTypes.optionalInstanceOf(PartnerClientView.class))
                        .join()
                        .isPresent();
                if (!exists) {
                    throw new HoshiException(
                            "UNKNOWN_PARTNER_CLIENT",
                            ErrorKind.BUSINESS_RULE,
                            "There is no partner client " + partner + ".",
                            "パートナー " + partner + " は登録されていません。");
                }
                yield Grantee.partnerClient(partner);
            }
        };
    }

    private static LocalDate date(String field, String value) {
        return value == null || value.isBlank() ? null : Inputs.date(field, value.strip());
    }

    private static ConsentGrantPayload payload(Mutations.Outcome<String> outcome) {
        return new ConsentGrantPayload(outcome.value(), outcome.errors());
    }
}
