package dev.hoshi.insights.attestation.graphql;

import dev.hoshi.directory.api.organization.CorporateNumber;
import dev.hoshi.disclosure.api.MemberDataDisclosedEvent;
import dev.hoshi.insights.api.attestation.AttestationView;
import dev.hoshi.insights.api.attestation.FindAttestationQuery;
import dev.hoshi.insights.attestation.signing.AttestationSigner;
import dev.hoshi.kernel.context.Actor;
import dev.hoshi.kernel.error.ErrorKind;
import dev.hoshi.kernel.error.HoshiException;
import dev.hoshi.kernel.id.PartnerClientId;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.kernel.time.BusinessTime;
import dev.hoshi.platform.graphql.Inputs;
import dev.hoshi.platform.security.Caller;
import java.time.Clock;
import java.time.Instant;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** SECURITY ACTION attestations for partner clients with a live grant; anyone else gets {@code null}. */
@Controller
class AttestationController {

    private final QueryGateway queries;
    private final AttestationSigner signer;
    private final EventGateway events;
    private final Clock clock = Clock.systemUTC();

    AttestationController(QueryGateway queries, AttestationSigner signer, EventGateway events) {
        this.events = events;
        this.queries = queries;
        this.signer = signer;
    }

    /** The view and its signed statement. */
    record Attestation(
            String organizationId,
            String level,
            String declarationId,
            String declaredOn,
            String standing,
            String lapseReason,
            String lapsedOn,
            String assessedOn,
            String band,
            String scope,
            String asOf,
            String statement) {}

    @QueryMapping
    Attestation attestation(@Argument String organizationId, @Argument String corporateNumber) {
        if ((organizationId == null) == (corporateNumber == null)) {
            throw new HoshiException(
                    "ORGANIZATION_REQUIRED",
                    ErrorKind.INVALID_INPUT,
                    "Name the organisation by exactly one of organizationId and corporateNumber (法人番号).",
                    "organizationId か corporateNumber（法人番号）のどちらか一方で組織を指定してください。");
        }
        TenantId organization =
                organizationId == null ? null : Inputs.parse("organizationId", organizationId, TenantId::of);
        String number = corporateNumber == null
                ? null
                : CorporateNumber.of(corporateNumber).value();
        Actor actor = Caller.actor();
        if (actor.kind() != Actor.Kind.PARTNER_CLIENT) {
            return null;
        }
        AttestationView view = queries.query(
                        new FindAttestationQuery(
                                organization, number, PartnerClientId.of(actor.id()), BusinessTime.today(clock)),
                        ResponseTypes.optionalInstanceOf(AttestationView.class))
                .join()
                .orElse(null);
        if (view == null) {
            return null;
        }
        events.publish(new MemberDataDisclosedEvent(
                TenantId.of(view.organizationId()), actor.toString(), view.scope(), "ATTESTATION"));
        Instant asOf = Instant.now(clock);
        return new Attestation(
                view.organizationId(),
                view.level(),
                view.declarationId(),
                view.declaredOn(),
                view.standing(),
                view.lapseReason(),
                view.lapsedOn(),
                view.assessedOn(),
                view.band(),
                view.scope(),
                asOf.toString(),
                signer.sign(view, asOf));
    }

    /**
     * Hoshi's public key set (JWKS JSON) for verifying statements offline; anyone signed in. The same set is public
     * at {@code /.well-known/attestation-keys.json}.
     */
    @QueryMapping
    String attestationKeys() {
        return signer.publicKeySet();
    }
}
