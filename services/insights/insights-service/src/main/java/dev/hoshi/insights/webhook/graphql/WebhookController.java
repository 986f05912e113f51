package dev.hoshi.insights.webhook.graphql;

import dev.hoshi.directory.api.consent.GranteeKind;
import dev.hoshi.insights.webhook.WebhookEventType;
import dev.hoshi.insights.webhook.WebhookRegistry;
import dev.hoshi.insights.webhook.WebhookRegistry.Delivery;
import dev.hoshi.insights.webhook.WebhookRegistry.Registered;
import dev.hoshi.insights.webhook.WebhookRegistry.Webhook;
import dev.hoshi.kernel.context.Actor;
import dev.hoshi.kernel.error.HoshiException;
import dev.hoshi.kernel.id.SupportOrganizationId;
import dev.hoshi.platform.graphql.Inputs;
import dev.hoshi.platform.graphql.Mutations;
import dev.hoshi.platform.graphql.UserError;
import dev.hoshi.platform.security.Caller;
import java.util.List;
import java.util.Optional;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/**
 * Webhooks of a support organisation, for its analysts, and of a partner client, for the partner itself (calling with
 * its API key or token): anyone else finds the owner, its endpoints and their deliveries missing ({@code null}, or
 * {@code NOT_FOUND}).
 */
@Controller
class WebhookController {

    /** {@code supportOrganizationId} for a support organisation's endpoint; none when a partner client registers. */
    record RegisterWebhookInput(String supportOrganizationId, String url, List<WebhookEventType> eventTypes) {}

    record RegisterWebhookPayload(Webhook webhook, String secret, List<UserError> errors) {}

    record ResendWebhookDeliveryInput(String deliveryId) {}

    record ResendWebhookDeliveryPayload(Delivery delivery, List<UserError> errors) {}

    record RemoveWebhookInput(String webhookId) {}

    record RemoveWebhookPayload(Webhook webhook, List<UserError> errors) {}

    private final WebhookRegistry registry;

    WebhookController(WebhookRegistry registry) {
        this.registry = registry;
    }

    @QueryMapping
    List<Webhook> webhooks(@Argument String supportOrganizationId) {
        String owner = owner(supportOrganizationId);
        return owner != null && registry.manages(owner, Caller.actor()) ? registry.webhooks(owner) : null;
    }

    @QueryMapping
    List<Delivery> webhookDeliveries(@Argument String webhookId, @Argument Integer first) {
        int limit = Inputs.first(first, 50, 200);
        return mine(webhookId).map(w -> registry.deliveries(w.id(), limit)).orElse(null);
    }

    @MutationMapping
    RegisterWebhookPayload registerWebhook(@Argument RegisterWebhookInput input) {
        String owner = owner(input.supportOrganizationId());
        if (owner == null || !registry.manages(owner, Caller.actor())) {
            throw HoshiException.notFound();
        }
        Mutations.Outcome<Registered> outcome =
                Mutations.attempt(() -> registry.register(owner, input.url(), input.eventTypes()));
        return outcome.succeeded()
                ? new RegisterWebhookPayload(
                        outcome.value().webhook(), outcome.value().secret(), List.of())
                : new RegisterWebhookPayload(null, null, outcome.errors());
    }

    @MutationMapping
    ResendWebhookDeliveryPayload resendWebhookDelivery(@Argument ResendWebhookDeliveryInput input) {
        Actor actor = Caller.actor();
        Delivery delivery = registry.delivery(input.deliveryId())
                .filter(d -> registry.manages(d.owner(), actor))
                .orElseThrow(HoshiException::notFound);
        Mutations.Outcome<Delivery> outcome = Mutations.attempt(() -> registry.resend(delivery.id()));
        return outcome.succeeded()
                ? new ResendWebhookDeliveryPayload(outcome.value(), List.of())
                : new ResendWebhookDeliveryPayload(null, outcome.errors());
    }

    @MutationMapping
    RemoveWebhookPayload removeWebhook(@Argument RemoveWebhookInput input) {
        Webhook webhook = mine(input.webhookId()).orElseThrow(HoshiException::notFound);
        return new RemoveWebhookPayload(registry.remove(webhook.id()), List.of());
    }

    /** The endpoint, if the caller manages its owner. */
    private Optional<Webhook> mine(String webhookId) {
        Actor actor = Caller.actor();
        return registry.webhook(webhookId).filter(w -> registry.manages(w.owner(), actor));
    }

    /**
     * Whose endpoints the caller means: the named support organisation, or, naming none, the calling partner client
     * ({@code null} for anyone else naming none: nothing that exists).
     */
    private static String owner(String supportOrganizationId) {
        if (supportOrganizationId == null) {
            Actor actor = Caller.actor();
            return actor.kind() == Actor.Kind.PARTNER_CLIENT
                    ? WebhookRegistry.ownerKey(GranteeKind.PARTNER_CLIENT, actor.id())
                    : null;
        }
        return Inputs.parse("supportOrganizationId", supportOrganizationId, SupportOrganizationId::of)
                .toString();
    }
}
