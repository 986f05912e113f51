package dev.hoshi.insights.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hoshi.directory.api.consent.GranteeKind;
import dev.hoshi.insights.rollup.subscription.GranteeNotice;
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
 * Writes a delivery per endpoint that wants a grantee's notice, as the rollup projection hands it over: a member's
 * change cut to the grantee's scope (the same cut live subscriptions get), or its grant to the grantee started or
 * ended. Support organisations' and partner clients' endpoints alike. A delivery's id is derived from the endpoint and
 * the notice, so an event handled twice (a redelivered batch) writes nothing twice.
 */
@Component
public class WebhookOutbox implements Consumer<GranteeNotice> {

    private final WebhookStore store;
    private final ObjectMapper json;
    private final Clock clock;

    WebhookOutbox(WebhookStore store, ObjectMapper json, Clock clock) {
        this.store = store;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public void accept(GranteeNotice notice) {
        queue(notice);
    }

    /** A support organisation's status change (as {@link #accept(GranteeNotice)}). */
    public void accept(MemberStatusChange change) {
        queue(change);
    }

    /** Queues a support organisation's status change; returns how many deliveries were new. */
    int queue(MemberStatusChange change) {
        return queue(new GranteeNotice(
                GranteeKind.SUPPORT_ORGANIZATION,
                change.supportOrganizationId(),
                GranteeNotice.Type.STATUS_CHANGED,
                change));
    }

    /** Queues the notice for the grantee's endpoints that asked for its kind; returns how many were new. */
    int queue(GranteeNotice notice) {
        MemberStatusChange change = notice.change();
        List<WebhookEventType> types = types(notice);
        String owner = WebhookRegistry.ownerKey(notice.granteeKind(), notice.granteeId());
        int queued = 0;
        Instant now = clock.instant();
        for (Document endpoint : store.endpointsOf(owner)) {
            List<String> wanted = endpoint.getList("eventTypes", String.class);
            List<String> matched =
                    types.stream().map(Enum::name).filter(wanted::contains).toList();
            if (!endpoint.getBoolean("active", true) || matched.isEmpty()) {
                continue;
            }
            String id = deliveryId(endpoint.getString("_id"), notice);
            Document delivery = new Document("_id", id)
                    .append("endpoint", endpoint.getString("_id"))
                    .append("owner", owner)
                    .append("organizationId", change.organizationId())
                    .append("scope", change.scope())
                    .append("eventTypes", matched)
                    .append("grantEnded", notice.type() == GranteeNotice.Type.GRANT_ENDED)
                    .append("payload", payload(id, matched, notice))
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

    private static List<WebhookEventType> types(GranteeNotice notice) {
        MemberStatusChange change = notice.change();
        List<WebhookEventType> types = new ArrayList<>();
        switch (notice.type()) {
            case GRANT_STARTED -> types.add(WebhookEventType.GRANT_STARTED);
            case GRANT_ENDED -> types.add(WebhookEventType.GRANT_ENDED);
            case STATUS_CHANGED -> {
                if (!Objects.equals(change.levelBefore(), change.level())
                        || !Objects.equals(change.standingBefore(), change.standing())) {
                    types.add(WebhookEventType.LEVEL_OR_STANDING_CHANGED);
                }
                if (!Objects.equals(change.scoreBefore(), change.score())) {
                    types.add(WebhookEventType.SCORE_CHANGED);
                }
            }
        }
        return types;
    }

    private String payload(String id, List<String> types, GranteeNotice notice) {
        MemberStatusChange c = notice.change();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("eventTypes", types);
        body.put("occurredAt", c.at().toString());
        body.put(
                notice.granteeKind() == GranteeKind.PARTNER_CLIENT ? "partnerClientId" : "supportOrganizationId",
                notice.granteeId());
        body.put("organizationId", c.organizationId());
        body.put("scope", c.scope());
        if (notice.type() != GranteeNotice.Type.GRANT_ENDED) {
            body.put("name", c.name());
            body.put("levelBefore", c.levelBefore());
            body.put("level", c.level());
            body.put("standingBefore", c.standingBefore());
            body.put("standing", c.standing());
            body.put("lapseReason", c.lapseReason());
            body.put("scoreBefore", c.scoreBefore());
            body.put("score", c.score());
        }
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String deliveryId(String endpoint, MemberStatusChange change) {
        return deliveryId(
                endpoint,
                new GranteeNotice(
                        GranteeKind.SUPPORT_ORGANIZATION,
                        change.supportOrganizationId(),
                        GranteeNotice.Type.STATUS_CHANGED,
                        change));
    }

    static String deliveryId(String endpoint, GranteeNotice notice) {
        MemberStatusChange c = notice.change();
        List<String> parts = new ArrayList<>(List.of(
                endpoint,
                c.organizationId(),
                c.at().toString(),
                c.scope(),
                String.valueOf(c.levelBefore()),
                String.valueOf(c.level()),
                String.valueOf(c.standingBefore()),
                String.valueOf(c.standing()),
                String.valueOf(c.scoreBefore()),
                String.valueOf(c.score())));
        if (notice.type() != GranteeNotice.Type.STATUS_CHANGED) {
            parts.add(notice.type().name()); // a status change keeps the id it always had
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(String.join("|", parts).getBytes(StandardCharsets.UTF_8));
            return "whd_" + HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
