package dev.hoshi.insights.webhook.graphql;

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
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/**
 * A support organisation's webhooks, for its analysts only: anyone else finds the support organisation, its
 * endpoints and their deliveries missing ({@code null}, or {@code NOT_FOUND}).
 */
@Controller
class WebhookController {

    record RegisterWebhookInput(String supportOrganizationId, String url, List<WebhookEventType> eventTypes) {}

    record RegisterWebhookPayload(Webhook webhook, String secret, List<UserError> errors) {}

    record ResendWebhookDeliveryInput(String deliveryId) {}

    record ResendWebhookDeliveryPayload(Delivery delivery, List<UserError> errors) {}

    private final WebhookRegistry registry;

    WebhookController(WebhookRegistry registry) {
        this.registry = registry;
    }

    @QueryMapping
    List<Webhook> webhooks(@Argument String supportOrganizationId) {
        String owner = supportOrganization(supportOrganizationId);
        return registry.isAnalyst(owner, analyst()) ? registry.webhooks(owner) : null;
    }

    @QueryMapping
    List<Delivery> webhookDeliveries(@Argument String webhookId, @Argument Integer first) {
        int limit = Inputs.first(first, 50, 200);
        return registry.webhook(webhookId)
                .filter(w -> registry.isAnalyst(w.supportOrganizationId(), analyst()))
                .map(w -> registry.deliveries(w.id(), limit))
                .orElse(null);
    }

    @MutationMapping
    RegisterWebhookPayload registerWebhook(@Argument RegisterWebhookInput input) {
        String owner = supportOrganization(input.supportOrganizationId());
        if (!registry.isAnalyst(owner, analyst())) {
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
        String user = analyst();
        Delivery delivery = registry.delivery(input.deliveryId())
                .filter(d -> registry.isAnalyst(d.supportOrganizationId(), user))
                .orElseThrow(HoshiException::notFound);
        return new ResendWebhookDeliveryPayload(registry.resend(delivery.id()), List.of());
    }

    private static String supportOrganization(String id) {
        return Inputs.parse("supportOrganizationId", id, SupportOrganizationId::of)
                .toString();
    }

    /** The caller as a person; a partner client is no analyst. */
    private static String analyst() {
        Actor actor = Caller.actor();
        return actor.kind() == Actor.Kind.USER ? actor.id() : "";
    }
}
