package dev.hoshi.insights.webhook;

import dev.hoshi.directory.api.consent.GranteeKind;
import dev.hoshi.insights.rollup.subscription.SubscriberAccess;
import dev.hoshi.kernel.context.Actor;
import dev.hoshi.kernel.error.ErrorKind;
import dev.hoshi.kernel.error.HoshiException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Registering endpoints and reading their deliveries, for the GraphQL controller. */
@Component
public class WebhookRegistry {

    /**
     * An endpoint as its owner sees it (never its secret): a support organisation's or a partner client's.
     *
     * @param owner the owner's key ({@link #ownerKey})
     * @param removedAt when it was removed; null while it receives deliveries
     */
    public record Webhook(
            String id,
            String owner,
            String supportOrganizationId,
            String partnerClientId,
            String url,
            List<WebhookEventType> eventTypes,
            String createdAt,
            String removedAt) {}

    /** A new endpoint and its secret, which is shown this once. */
    public record Registered(Webhook webhook, String secret) {}

    /** One delivery in an endpoint's log. */
    public record Delivery(
            String id,
            String webhookId,
            String owner,
            List<WebhookEventType> eventTypes,
            String status,
            int attempts,
            String createdAt,
            String lastAttemptAt,
            Integer lastResponseStatus,
            String lastError,
            String nextAttemptAt,
            String payload) {}

    private final WebhookStore store;
    private final WebhookSecrets secrets;
    private final SubscriberAccess access;
    private final Clock clock;
    private final boolean loopbackHttp;

    WebhookRegistry(
            WebhookStore store,
            WebhookSecrets secrets,
            SubscriberAccess access,
            Clock clock,
            @Value("${hoshi.insights.webhooks.allow-loopback-http:false}") boolean loopbackHttp) {
        this.store = store;
        this.secrets = secrets;
        this.access = access;
        this.clock = clock;
        this.loopbackHttp = loopbackHttp;
    }

    private static final String PARTNER = GranteeKind.PARTNER_CLIENT.name() + ":";

    /**
     * Whose endpoints: a support organisation's id as it is (as stored before partners had endpoints), a partner
     * client's prefixed {@code PARTNER_CLIENT:}, so the two kinds of ids never meet.
     */
    public static String ownerKey(GranteeKind kind, String id) {
        return kind == GranteeKind.PARTNER_CLIENT ? PARTNER + id : id;
    }

    public boolean isAnalyst(String supportOrganization, String user) {
        return !user.isEmpty() && access.isAnalyst(supportOrganization, user);
    }

    /**
     * Whether {@code actor} manages the endpoints of {@code owner}: the partner client itself, or an analyst of the
     * support organisation now.
     */
    public boolean manages(String owner, Actor actor) {
        if (owner.startsWith(PARTNER)) {
            return actor.kind() == Actor.Kind.PARTNER_CLIENT && owner.equals(PARTNER + actor.id());
        }
        return actor.kind() == Actor.Kind.USER && isAnalyst(owner, actor.id());
    }

    public Registered register(String owner, String url, List<WebhookEventType> eventTypes) {
        URI uri = url(url);
        if (eventTypes == null || eventTypes.isEmpty()) {
            throw new HoshiException(
                    "INVALID_EVENT_TYPES",
                    ErrorKind.INVALID_INPUT,
                    "Name at least one event type: " + EnumSet.allOf(WebhookEventType.class) + ".",
                    "イベントの種類を1つ以上指定してください: " + EnumSet.allOf(WebhookEventType.class) + "。");
        }
        String id = "wh_" + UUID.randomUUID().toString().replace("-", "");
        String secret = secrets.newSecret();
        Instant now = clock.instant();
        List<String> types = EnumSet.copyOf(eventTypes).stream().map(Enum::name).toList();
        store.saveEndpoint(new Document("_id", id)
                .append("owner", owner)
                .append("url", uri.toString())
                .append("eventTypes", types)
                .append("secret", secrets.seal(id, secret))
                .append("active", true)
                .append("createdAt", Date.from(now)));
        return new Registered(webhook(store.endpoint(id).orElseThrow()), secret);
    }

    /** HTTPS only; plain HTTP to 127.0.0.1 where allowed (demo, tests). */
    private URI url(String url) {
        URI uri;
        try {
            uri = new URI(url == null ? "" : url.strip());
        } catch (URISyntaxException e) {
            uri = null;
        }
        boolean https = uri != null && "https".equals(uri.getScheme()) && uri.getHost() != null;
        boolean loopback =
                loopbackHttp && uri != null && "http".equals(uri.getScheme()) && "127.0.0.1".equals(uri.getHost());
        if ((!https && !loopback) || uri.getUserInfo() != null || uri.getFragment() != null) {
            throw new HoshiException(
                    "INVALID_URL",
                    ErrorKind.INVALID_INPUT,
                    "'url' must be an https:// address without user name or #fragment, such as"
                            + " https://portal.example.jp/hoshi/webhook.",
                    "'url' には https:// で始まるアドレス（ユーザー名・#なし）を指定してください。例: https://portal.example.jp/hoshi/webhook");
        }
        return uri;
    }

    public List<Webhook> webhooks(String owner) {
        return store.endpointsOf(owner).stream().map(WebhookRegistry::webhook).toList();
    }

    /**
     * Removes an endpoint: it receives nothing more, leaves its owner's list, and its pending deliveries are dropped
     * unsent; its delivery log stays readable. Removing it again changes nothing.
     */
    public Webhook remove(String id) {
        store.removeEndpoint(id, clock.instant());
        return webhook(id).orElseThrow();
    }

    public Optional<Webhook> webhook(String id) {
        return id == null ? Optional.empty() : store.endpoint(id).map(WebhookRegistry::webhook);
    }

    public List<Delivery> deliveries(String webhookId, int first) {
        return store.log(webhookId, first).stream()
                .map(WebhookRegistry::delivery)
                .toList();
    }

    public Optional<Delivery> delivery(String id) {
        return id == null ? Optional.empty() : store.delivery(id).map(WebhookRegistry::delivery);
    }

    /** Sends the delivery again at the next run, with a new day of retries (not for a removed endpoint's). */
    public Delivery resend(String id) {
        Delivery delivery = delivery(id).orElseThrow();
        if (webhook(delivery.webhookId()).map(w -> w.removedAt() != null).orElse(true)) {
            throw new HoshiException(
                    "WEBHOOK_REMOVED",
                    ErrorKind.INVALID_INPUT,
                    "This delivery's endpoint was removed: register a new one to receive deliveries again.",
                    "この配信先は削除されています。再び受け取るには配信先を登録し直してください。");
        }
        store.resend(id, clock.instant());
        return delivery(id).orElseThrow();
    }

    private static Webhook webhook(Document d) {
        String owner = d.getString("owner");
        boolean partner = owner.startsWith(PARTNER);
        return new Webhook(
                d.getString("_id"),
                owner,
                partner ? null : owner,
                partner ? owner.substring(PARTNER.length()) : null,
                d.getString("url"),
                d.getList("eventTypes", String.class).stream()
                        .map(WebhookEventType::valueOf)
                        .toList(),
                d.getDate("createdAt").toInstant().toString(),
                instant(d.getDate("removedAt")));
    }

    private static Delivery delivery(Document d) {
        return new Delivery(
                d.getString("_id"),
                d.getString("endpoint"),
                d.getString("owner"),
                d.getList("eventTypes", String.class).stream()
                        .map(WebhookEventType::valueOf)
                        .toList(),
                d.getString("status"),
                d.getInteger("attempts", 0),
                instant(d.getDate("createdAt")),
                instant(d.getDate("lastAttemptAt")),
                d.getInteger("lastResponseStatus"),
                d.getString("lastError"),
                instant(d.getDate("nextAttemptAt")),
                d.getString("payload"));
    }

    private static String instant(Date date) {
        return date == null ? null : date.toInstant().toString();
    }
}
