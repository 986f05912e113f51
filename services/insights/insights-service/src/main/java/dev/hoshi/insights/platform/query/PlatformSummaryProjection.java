package dev.hoshi.insights.platform.query;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.result.UpdateResult;
import dev.hoshi.directory.api.organization.OrganizationRegisteredEvent;
import dev.hoshi.directory.api.partner.PartnerClientRegisteredEvent;
import dev.hoshi.directory.api.support.SupportOrganizationRegisteredEvent;
import dev.hoshi.insights.api.platform.FindRegisteredOrganizationQuery;
import dev.hoshi.insights.api.platform.PlatformSummaryQuery;
import dev.hoshi.insights.api.platform.PlatformSummaryView;
import dev.hoshi.insights.api.platform.RegisteredOrganizationView;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Platform-wide counts, kept incrementally in one document, and the organisations insights knows. A redelivered
 * event counts once: the count moves only when the entity's own document is first inserted.
 */
@Component
@ProcessingGroup("insights-platform-summary")
class PlatformSummaryProjection {

    private static final String SUMMARY_ID = "platform";

    private final MongoCollection<Document> summary;
    private final MongoCollection<Document> known;

    PlatformSummaryProjection(@Qualifier("serviceDatabase") MongoDatabase db) {
        this.summary = db.getCollection("platform_summary");
        this.known = db.getCollection("known_entities");
    }

    @EventHandler
    void on(OrganizationRegisteredEvent event, @Timestamp Instant at) {
        String id = "organization:" + event.organizationId();
        countOnce(
                id,
                new Document("kind", "organization")
                        .append("organizationId", event.organizationId().toString())
                        .append("name", event.name())
                        .append("registeredAt", Date.from(at)),
                "organizations");
    }

    @EventHandler
    void on(SupportOrganizationRegisteredEvent event) {
        countOnce("support:" + event.supportOrganizationId(), new Document("kind", "support"), "supportOrganizations");
    }

    @EventHandler
    void on(PartnerClientRegisteredEvent event) {
        countOnce("partner:" + event.partnerClientId(), new Document("kind", "partner"), "partnerClients");
    }

    private void countOnce(String id, Document fields, String counter) {
        UpdateResult result = known.updateOne(
                new Document("_id", id), new Document("$setOnInsert", fields), new UpdateOptions().upsert(true));
        if (result.getUpsertedId() != null) {
            summary.updateOne(
                    new Document("_id", SUMMARY_ID),
                    new Document("$inc", new Document(counter, 1L)),
                    new UpdateOptions().upsert(true));
        }
    }

    @ResetHandler
    void reset() {
        summary.deleteMany(new Document());
        known.deleteMany(new Document());
    }

    @QueryHandler
    PlatformSummaryView handle(PlatformSummaryQuery query) {
        Document doc = Optional.ofNullable(
                        summary.find(new Document("_id", SUMMARY_ID)).first())
                .orElse(new Document());
        return new PlatformSummaryView(
                count(doc, "organizations"), count(doc, "supportOrganizations"), count(doc, "partnerClients"));
    }

    @QueryHandler
    Optional<RegisteredOrganizationView> handle(FindRegisteredOrganizationQuery query) {
        return Optional.ofNullable(known.find(new Document("_id", "organization:" + query.organizationId()))
                        .first())
                .map(doc -> new RegisteredOrganizationView(
                        doc.getString("organizationId"),
                        doc.getString("name"),
                        doc.getDate("registeredAt").toInstant()));
    }

    private static long count(Document doc, String field) {
        Number n = doc.get(field, Number.class);
        return n == null ? 0 : n.longValue();
    }
}
