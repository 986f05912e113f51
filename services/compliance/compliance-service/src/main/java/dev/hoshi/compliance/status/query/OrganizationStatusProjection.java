package dev.hoshi.compliance.status.query;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import dev.hoshi.compliance.api.status.FindOrganizationStatusQuery;
import dev.hoshi.compliance.api.status.OrganizationStatusView;
import dev.hoshi.compliance.api.status.SecurityActionLevel;
import dev.hoshi.directory.api.organization.OrganizationRegisteredEvent;
import java.util.List;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Each organisation's dashboard, one document keyed by the organisation id so the dashboard is one point look-up.
 * Starts from directory's registration event; compliance's own events fill it in.
 */
@Component
@ProcessingGroup("compliance-organization-status")
class OrganizationStatusProjection {

    private final MongoCollection<Document> statuses;

    OrganizationStatusProjection(@Qualifier("serviceDatabase") MongoDatabase db) {
        this.statuses = db.getCollection("organization_status");
    }

    @EventHandler
    void on(OrganizationRegisteredEvent event) {
        String id = event.organizationId().toString();
        Document doc = new Document("_id", id)
                .append("name", event.name())
                .append("level", SecurityActionLevel.NONE.name())
                .append("members", List.of(event.owner().toString()));
        statuses.replaceOne(new Document("_id", id), doc, new ReplaceOptions().upsert(true));
    }

    @ResetHandler
    void reset() {
        statuses.deleteMany(new Document());
    }

    @QueryHandler
    Optional<OrganizationStatusView> handle(FindOrganizationStatusQuery query) {
        return Optional.ofNullable(
                        statuses.find(new Document("_id", query.organizationId().toString()))
                                .first())
                .map(doc -> new OrganizationStatusView(
                        doc.getString("_id"),
                        doc.getString("name"),
                        SecurityActionLevel.valueOf(doc.getString("level")),
                        doc.getList("members", String.class)));
    }
}
