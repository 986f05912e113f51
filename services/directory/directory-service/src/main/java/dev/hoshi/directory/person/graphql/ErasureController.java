package dev.hoshi.directory.person.graphql;

import dev.hoshi.directory.api.organization.FindOrganizationQuery;
import dev.hoshi.directory.api.organization.OrganizationView;
import dev.hoshi.directory.api.person.ErasureEvents.OrganizationDataErasedEvent;
import dev.hoshi.directory.api.person.ErasureEvents.PersonErasedEvent;
import dev.hoshi.kernel.error.ErrorKind;
import dev.hoshi.kernel.error.HoshiException;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.kernel.id.UserId;
import dev.hoshi.kernel.text.Text;
import dev.hoshi.platform.graphql.Inputs;
import dev.hoshi.platform.graphql.Mutations;
import dev.hoshi.platform.graphql.UserError;
import dev.hoshi.platform.personal.PersonalDataVault;
import dev.hoshi.platform.personal.PersonalDataVault.Owner;
import dev.hoshi.platform.security.Caller;
import java.util.List;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.stereotype.Controller;

/**
 * Operators erase a person's or an organisation's personal data: the key is deleted from the vault and an event
 * without personal data says so. The same again deletes nothing and says so ({@code keyErased: false}).
 */
@Controller
class ErasureController {

    static final int MAX_REASON = 500;

    record ErasePersonInput(String userId, String reason) {}

    record EraseOrganizationDataInput(String organizationId, String reason) {}

    record Erasure(boolean keyErased, String erasedAs) {}

    record ErasurePayload(Erasure erasure, List<UserError> errors) {}

    private final PersonalDataVault vault;
    private final EventGateway events;
    private final QueryGateway queries;

    ErasureController(PersonalDataVault vault, EventGateway events, QueryGateway queries) {
        this.vault = vault;
        this.events = events;
        this.queries = queries;
    }

    @MutationMapping
    ErasurePayload erasePerson(@Argument ErasePersonInput input) {
        Caller.requireRole(Caller.PLATFORM_OPERATOR);
        Mutations.Outcome<Erasure> outcome = Mutations.attempt(() -> {
            UserId person = Inputs.parse("userId", input.userId(), UserId::of);
            String reason = Text.required("reason", input.reason(), MAX_REASON);
            PersonalDataVault.Erasure erased = vault.forget(person);
            String erasedAs = erased.erasedAs();
            events.publish(
                    new PersonErasedEvent(erased.ownerDigest(), erased.keyId().orElse(null), erasedAs, reason));
            return new Erasure(erased.keyId().isPresent(), erasedAs);
        });
        return new ErasurePayload(outcome.value(), outcome.errors());
    }

    @MutationMapping
    ErasurePayload eraseOrganizationData(@Argument EraseOrganizationDataInput input) {
        Caller.requireRole(Caller.PLATFORM_OPERATOR);
        Mutations.Outcome<Erasure> outcome = Mutations.attempt(() -> {
            TenantId organization = Inputs.parse("organizationId", input.organizationId(), TenantId::of);
            String reason = Text.required("reason", input.reason(), MAX_REASON);
            boolean known = queries.query(
                            new FindOrganizationQuery(organization),
                            ResponseTypes.optionalInstanceOf(OrganizationView.class))
                    .join()
                    .isPresent();
            if (!known) {
                throw new HoshiException(
                        "ORGANIZATION_NOT_FOUND",
                        ErrorKind.INVALID_INPUT,
                        "There is no organisation " + organization + "; check the id.",
                        "組織 " + organization + " はありません。IDを確認してください。");
            }
            PersonalDataVault.Erasure erased = vault.erase(Owner.organization(organization));
            events.publish(
                    new OrganizationDataErasedEvent(organization, erased.keyId().orElse(null), reason));
            return new Erasure(erased.keyId().isPresent(), null);
        });
        return new ErasurePayload(outcome.value(), outcome.errors());
    }
}
