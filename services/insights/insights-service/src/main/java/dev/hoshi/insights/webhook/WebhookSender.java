package dev.hoshi.insights.webhook;

import dev.hoshi.directory.api.consent.ConsentScope;
import dev.hoshi.directory.api.consent.GranteeKind;
import dev.hoshi.insights.rollup.subscription.SubscriberAccess;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends due deliveries: claims each (one sender wins), asks again whether the member's grant still shows it (a
 * revoked or narrowed grant drops it unsent), POSTs it signed, and records the attempt. A 2xx answer delivers it;
 * anything else (an error status, no answer within 10 s) is tried again after 1, 2, 4 … minutes, at most an hour
 * apart, for a day from when it was queued; then it is parked (visible in the endpoint's log, sent again only on
 * request).
 */
@Component
class WebhookSender {

    static final Duration RETRY_FOR = Duration.ofDays(1);
    private static final Duration CLAIM = Duration.ofMinutes(2);
    private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);

    private final WebhookStore store;
    private final WebhookSecrets secrets;
    private final SubscriberAccess access;
    private final Clock clock;
    private final HttpClient http;
    private final String holder = ManagementFactory.getRuntimeMXBean().getName();
    private final int batchSize;

    WebhookSender(
            WebhookStore store,
            WebhookSecrets secrets,
            SubscriberAccess access,
            Clock clock,
            @Value("${hoshi.insights.webhooks.batch-size:50}") int batchSize) {
        this.store = store;
        this.secrets = secrets;
        this.access = access;
        this.clock = clock;
        this.batchSize = batchSize;
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Scheduled(
            initialDelayString = "${hoshi.insights.webhooks.send.initial-delay:PT20S}",
            fixedDelayString = "${hoshi.insights.webhooks.send.interval:PT10S}")
    void scheduled() {
        sendDue();
    }

    /** Attempts every delivery due now, batch after batch; returns how many were delivered. */
    int sendDue() {
        int delivered = 0;
        while (true) {
            List<String> due = store.due(batchSize, clock.instant());
            if (due.isEmpty()) {
                return delivered;
            }
            for (String id : due) {
                Optional<Document> claimed = store.claim(id, holder, clock.instant(), CLAIM);
                if (claimed.isPresent() && attempt(claimed.get())) {
                    delivered++;
                }
            }
        }
    }

    /**
     * Whether the member's grant to the endpoint's owner still shows the delivery's scope now (asked before every
     * attempt). A grant-ended delivery is not asked: it says only that the grant ended.
     */
    private boolean stillShown(Document delivery) {
        String owner = delivery.getString("owner");
        String organization = delivery.getString("organizationId");
        String partner = WebhookRegistry.ownerKey(GranteeKind.PARTNER_CLIENT, "");
        Optional<ConsentScope> scope = owner.startsWith(partner)
                ? access.partnerScope(owner.substring(partner.length()), organization)
                : access.scope(owner, organization);
        return scope.isPresent() && scope.get().includes(ConsentScope.valueOf(delivery.getString("scope")));
    }

    private boolean attempt(Document delivery) {
        String id = delivery.getString("_id");
        Optional<Document> endpoint = store.endpoint(delivery.getString("endpoint"));
        if (endpoint.isEmpty() || !endpoint.get().getBoolean("active", true)) {
            store.drop(id, "endpoint removed");
            return false;
        }
        if (!delivery.getBoolean("grantEnded", false) && !stillShown(delivery)) {
            store.drop(id, "the member's grant no longer shows this");
            return false;
        }
        Instant now = clock.instant();
        String body = delivery.getString("payload");
        String secret =
                secrets.open(endpoint.get().getString("_id"), endpoint.get().getString("secret"));
        Integer status = null;
        String error = null;
        try {
            HttpResponse<Void> response = http.send(
                    HttpRequest.newBuilder(URI.create(endpoint.get().getString("url")))
                            .timeout(Duration.ofSeconds(10))
                            .header("Content-Type", "application/json")
                            .header("User-Agent", "Hoshi-Webhooks/1")
                            .header("Hoshi-Delivery-Id", id)
                            .header(
                                    WebhookSignature.HEADER,
                                    WebhookSignature.header(secret, now.getEpochSecond(), body))
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            status = response.statusCode();
        } catch (IOException e) {
            error = e.getClass().getSimpleName() + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        }
        Document attempt = new Document("at", Date.from(now))
                .append("responseStatus", status)
                .append("error", error);
        if (status != null && status / 100 == 2) {
            store.attempted(id, attempt, WebhookStore.DELIVERED, null);
            return true;
        }
        int attempts = delivery.getInteger("attempts", 0) + 1;
        Instant next = now.plus(Duration.ofMinutes(Math.min(60, 1L << Math.min(6, attempts - 1))));
        if (next.isAfter(delivery.getDate("retryUntil").toInstant())) {
            log.warn(
                    "Webhook delivery {} parked after {} attempts (last: {})",
                    id,
                    attempts,
                    status != null ? status : error);
            store.attempted(
                    id, attempt.append("error", error == null ? "HTTP " + status : error), WebhookStore.PARKED, null);
        } else {
            store.attempted(id, attempt, WebhookStore.PENDING, next);
        }
        return false;
    }
}
