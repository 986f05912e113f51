package dev.hoshi.insights.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hoshi.insights.rollup.subscription.MemberStatusChange;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * Writes a delivery per endpoint that wants a member's change, as the rollup projection hands the change over (the
 * same cut, per support organisation and scope, that live subscriptions get). A delivery's id is derived from the
 * endpoint and the change, so an event handled twice (a redelivered batch) writes nothing twice.
 */
@Component
public class WebhookOutbox implements Consumer<MemberStatusChange> {

    private final WebhookStore store;
    private final ObjectMapper json;
    private final Clock clock;

    WebhookOutbox(WebhookStore store, ObjectMapper json, Clock clock) {
        this.store = store;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public void accept(MemberStatusChange change) {
        queue(change);
    }

    /** Queues the change for the support organisation's endpoints that asked for its kind; returns how many. */
    int queue(MemberStatusChange change) {
        List<WebhookEventType> types = new ArrayList<>();
        if (!Objects.equals(change.levelBefore(), change.level())
                || !Objects.equals(change.standingBefore(), change.standing())) {
            types.add(WebhookEventType.LEVEL_OR_STANDING_CHANGED);
        }
        if (!Objects.equals(change.scoreBefore(), change.score())) {
            types.add(WebhookEventType.SCORE_CHANGED);
        }
        int queued = 0;
        Instant now = clock.instant();
        for (Document endpoint : store.endpointsOf(change.supportOrganizationId())) {
            List<String> wanted = endpoint.getList("eventTypes", String.class);
            List<String> matched =
                    types.stream().map(Enum::name).filter(wanted::contains).toList();
            if (!endpoint.getBoolean("active", true) || matched.isEmpty()) {
                continue;
            }
            String id = deliveryId(endpoint.getString("_id"), change);
            Document delivery = new Document("_id", id)
                    .append("endpoint", endpoint.getString("_id"))
                    .append("owner", change.supportOrganizationId())
                    .append("organizationId", change.organizationId())
                    .append("scope", change.scope())
                    .append("eventTypes", matched)
                    .append("payload", payload(id, matched, change))
                    .append("status", WebhookStore.PENDING)
                    .append("attempts", 0)
                    .append("createdAt", Date.from(now))
                    .append("retryUntil", Date.from(now.plus(WebhookSender.RETRY_FOR)))
                    .append("nextAttemptAt", Date.from(now));
            if (store.enqueue(delivery, now)) {
                queued++;
            }
        }
        return queued;
    }

    private String payload(String id, List<String> types, MemberStatusChange c) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("eventTypes", types);
        body.put("occurredAt", c.at().toString());
        body.put("supportOrganizationId", c.supportOrganizationId());
        body.put("organizationId", c.organizationId());
        body.put("name", c.name());
        body.put("scope", c.scope());
        body.put("levelBefore", c.levelBefore());
        body.put("level", c.level());
        body.put("standingBefore", c.standingBefore());
        body.put("standing", c.standing());
        body.put("lapseReason", c.lapseReason());
        body.put("scoreBefore", c.scoreBefore());
        body.put("score", c.score());
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String deliveryId(String endpoint, MemberStatusChange c) {
        String key = String.join(
                "|",
                endpoint,
                c.organizationId(),
                c.at().toString(),
                c.scope(),
                String.valueOf(c.levelBefore()),
                String.valueOf(c.level()),
                String.valueOf(c.standingBefore()),
                String.valueOf(c.standing()),
                String.valueOf(c.scoreBefore()),
                String.valueOf(c.score()));
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "whd_" + HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
