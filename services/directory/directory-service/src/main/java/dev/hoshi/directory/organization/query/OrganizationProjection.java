package dev.hoshi.directory.organization.query;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import dev.hoshi.directory.api.organization.FindOrganizationQuery;
import dev.hoshi.directory.api.organization.ListOrganizationsQuery;
import dev.hoshi.directory.api.organization.OrganizationRegisteredEvent;
import dev.hoshi.directory.api.organization.OrganizationView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/** The directory entry of each organisation, one document per organisation keyed by its id. */
@Component
@ProcessingGroup("directory-organizations")
class OrganizationProjection {

    private final MongoCollection<Document> organizations;

    OrganizationProjection(@Qualifier("serviceDatabase") MongoDatabase db) {
        this.organizations = db.getCollection("organizations");
    }

    @EventHandler
    void on(OrganizationRegisteredEvent event, @Timestamp Instant at) {
        Document doc = new Document("_id", event.organizationId().toString())
                .append("name", event.name())
                .append("nameEn", event.nameEn())
                .append(
                        "corporateNumber",
                        event.corporateNumber() == null
                                ? null
                                : event.corporateNumber().toString())
                .append("owner", event.owner().toString())
                .append("registeredAt", Date.from(at));
        organizations.replaceOne(new Document("_id", doc.get("_id")), doc, new ReplaceOptions().upsert(true));
    }

    @ResetHandler
    void reset() {
        organizations.deleteMany(new Document());
    }

    @QueryHandler
    Optional<OrganizationView> handle(FindOrganizationQuery query) {
        return Optional.ofNullable(organizations
                        .find(new Document("_id", query.organizationId().toString()))
                        .first())
                .map(OrganizationProjection::view);
    }

    @QueryHandler
    List<OrganizationView> handle(ListOrganizationsQuery query) {
        List<OrganizationView> all = new ArrayList<>();
        organizations.find().forEach(doc -> all.add(view(doc)));
        all.sort(Comparator.comparing(OrganizationView::registeredAt));
        return all;
    }

    private static OrganizationView view(Document doc) {
        return new OrganizationView(
                doc.getString("_id"),
                doc.getString("name"),
                doc.getString("nameEn"),
                doc.getString("corporateNumber"),
                doc.getString("owner"),
                doc.getDate("registeredAt").toInstant());
    }
}
