package dev.hoshi.insights.webhook;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Webhooks' collections, every hot read a point look-up: {@code webhook_endpoints/<id>} (owner, URL, event types,
 * sealed secret), {@code webhook_owners/<supportOrganization>} (its endpoint ids), {@code webhook_deliveries/<id>}
 * (payload, status, attempts: the delivery log), {@code webhook_endpoint_log/<endpoint>} (its latest 1,000 delivery
 * ids) and {@code webhook_queue/<id>} (deliveries still to attempt, with when and who holds them).
 */
@Component
class WebhookStore {

    static final String PENDING = "PENDING";
    static final String DELIVERED = "DELIVERED";
    static final String PARKED = "PARKED";
    static final String DROPPED = "DROPPED";
    private static final int LOG_SIZE = 1000;

    private final MongoCollection<Document> endpoints;
    private final MongoCollection<Document> owners;
    private final MongoCollection<Document> deliveries;
    private final MongoCollection<Document> endpointLog;
    private final MongoCollection<Document> queue;

    WebhookStore(@Qualifier("serviceDatabase") MongoDatabase db) {
        this.endpoints = db.getCollection("webhook_endpoints");
        this.owners = db.getCollection("webhook_owners");
        this.deliveries = db.getCollection("webhook_deliveries");
        this.endpointLog = db.getCollection("webhook_endpoint_log");
        this.queue = db.getCollection("webhook_queue");
    }

    void saveEndpoint(Document endpoint) {
        endpoints.insertOne(endpoint);
        owners.updateOne(
                new Document("_id", endpoint.getString("owner")),
                new Document("$addToSet", new Document("endpoints", endpoint.getString("_id"))),
                new UpdateOptions().upsert(true));
    }

    /**
     * The endpoint receives nothing more: marked removed, out of its owner's list, and every delivery of its log still
     * pending dropped unsent (the log and the deliveries stay, as the record of what was sent).
     */
    void removeEndpoint(String id, Instant now) {
        Optional<Document> endpoint = endpoint(id);
        if (endpoint.isEmpty() || !endpoint.get().getBoolean("active", true)) {
            return;
        }
        endpoints.updateOne(
                new Document("_id", id),
                new Document("$set", new Document("active", false).append("removedAt", Date.from(now))));
        owners.updateOne(
                new Document("_id", endpoint.get().getString("owner")),
                new Document("$pull", new Document("endpoints", id)));
        Document index = endpointLog.find(new Document("_id", id)).first();
        if (index != null) {
            deliveries
                    .find(new Document("_id", new Document("$in", index.getList("deliveries", String.class))))
                    .forEach(d -> {
                        if (PENDING.equals(d.getString("status"))) {
                            drop(d.getString("_id"), "endpoint removed");
                        }
                    });
        }
    }

    Optional<Document> endpoint(String id) {
        return Optional.ofNullable(endpoints.find(new Document("_id", id)).first());
    }

    /** The endpoints of a support organisation, oldest first. */
    List<Document> endpointsOf(String owner) {
        Document index = owners.find(new Document("_id", owner)).first();
        if (index == null) {
            return List.of();
        }
        List<Document> found = new ArrayList<>();
        endpoints
                .find(new Document("_id", new Document("$in", index.getList("endpoints", String.class))))
                .forEach(found::add);
        found.sort(Comparator.comparing(d -> d.getDate("createdAt")));
        return found;
    }

    /** Writes a delivery and queues it; false (nothing changed) when one with its id exists. */
    boolean enqueue(Document delivery, Instant now) {
        try {
            deliveries.insertOne(delivery);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            return false;
        }
        endpointLog.updateOne(
                new Document("_id", delivery.getString("endpoint")),
                new Document(
                        "$push",
                        new Document(
                                "deliveries",
                                new Document("$each", List.of(delivery.getString("_id"))).append("$slice", -LOG_SIZE))),
                new UpdateOptions().upsert(true));
        queue(delivery.getString("_id"), now);
        return true;
    }

    private void queue(String id, Instant due) {
        queue.updateOne(
                new Document("_id", id),
                new Document("$set", new Document("due", Date.from(due)).append("claimedUntil", new Date(0))),
                new UpdateOptions().upsert(true));
    }

    Optional<Document> delivery(String id) {
        return Optional.ofNullable(deliveries.find(new Document("_id", id)).first());
    }

    /** The endpoint's latest deliveries, newest first. */
    List<Document> log(String endpoint, int first) {
        Document index = endpointLog.find(new Document("_id", endpoint)).first();
        if (index == null) {
            return List.of();
        }
        List<String> ids = index.getList("deliveries", String.class);
        List<String> latest = ids.subList(Math.max(0, ids.size() - first), ids.size());
        List<Document> found = new ArrayList<>();
        deliveries.find(new Document("_id", new Document("$in", latest))).forEach(found::add);
        found.sort(Comparator.comparing((Document d) -> d.getDate("createdAt"))
                .thenComparing(d -> d.getString("_id"))
                .reversed());
        return found;
    }

    /** Up to {@code limit} queued deliveries due at {@code now} that no sender holds. */
    List<String> due(int limit, Instant now) {
        List<String> ids = new ArrayList<>();
        Date at = Date.from(now);
        queue.find(new Document("due", new Document("$lte", at)).append("claimedUntil", new Document("$lt", at)))
                .limit(limit)
                .forEach(d -> ids.add(d.getString("_id")));
        return ids;
    }

    /** Claims a due delivery (one sender wins); empty when another holds it or it is no longer pending. */
    Optional<Document> claim(String id, String holder, Instant now, Duration lease) {
        Date at = Date.from(now);
        Document claimed = queue.findOneAndUpdate(
                new Document("_id", id)
                        .append("due", new Document("$lte", at))
                        .append("claimedUntil", new Document("$lt", at)),
                new Document("$set", new Document("claimedUntil", Date.from(now.plus(lease))).append("holder", holder)),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        if (claimed == null) {
            return Optional.empty();
        }
        Optional<Document> delivery = delivery(id).filter(d -> PENDING.equals(d.getString("status")));
        if (delivery.isEmpty()) {
            queue.deleteOne(new Document("_id", id));
        }
        return delivery;
    }

    /** Records one attempt; a final status takes the delivery off the queue, else it is due again at {@code next}. */
    void attempted(String id, Document attempt, String status, Instant next) {
        Document set = new Document("status", status)
                .append("lastAttemptAt", attempt.getDate("at"))
                .append("lastResponseStatus", attempt.getInteger("responseStatus"))
                .append("lastError", attempt.getString("error"))
                .append("nextAttemptAt", next == null ? null : Date.from(next));
        deliveries.updateOne(
                new Document("_id", id),
                new Document("$set", set)
                        .append("$inc", new Document("attempts", 1))
                        .append(
                                "$push",
                                new Document(
                                        "history", new Document("$each", List.of(attempt)).append("$slice", -50))));
        if (next == null) {
            queue.deleteOne(new Document("_id", id));
        } else {
            queue(id, next);
        }
    }

    /** Ends a delivery without an attempt (its grant or endpoint is gone). */
    void drop(String id, String why) {
        deliveries.updateOne(
                new Document("_id", id),
                new Document("$set", new Document("status", DROPPED).append("lastError", why)));
        queue.deleteOne(new Document("_id", id));
    }

    /** Queues a delivery again now, whatever became of it, with a fresh day of retries from {@code now}. */
    void resend(String id, Instant now) {
        deliveries.updateOne(
                new Document("_id", id),
                new Document(
                        "$set",
                        new Document("status", PENDING)
                                .append("retryUntil", Date.from(now.plus(WebhookSender.RETRY_FOR)))
                                .append("nextAttemptAt", Date.from(now))));
        queue(id, now);
    }
}
