package dev.hoshi.directory.organization.query;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import dev.hoshi.directory.api.organization.FindOrganizationProfileQuery;
import dev.hoshi.directory.api.organization.FindOrganizationQuery;
import dev.hoshi.directory.api.organization.JsicDivision;
import dev.hoshi.directory.api.organization.ListOrganizationsQuery;
import dev.hoshi.directory.api.organization.OrganizationProfile;
import dev.hoshi.directory.api.organization.OrganizationProfileUpdatedEvent;
import dev.hoshi.directory.api.organization.OrganizationProfileView;
import dev.hoshi.directory.api.organization.OrganizationRegisteredEvent;
import dev.hoshi.directory.api.organization.OrganizationView;
import dev.hoshi.directory.api.organization.Prefecture;
import dev.hoshi.directory.api.organization.SmeSector;
import dev.hoshi.directory.api.person.ErasureEvents.PersonErasedEvent;
import dev.hoshi.directory.sme.SmeDefinitions;
import dev.hoshi.platform.personal.ReadModelErasure;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * The directory entry of each organisation with its profile, one document per organisation keyed by its id. The
 * profile's facts are stored; its SME class is derived when read, under the SME definitions in force.
 */
@Component
@ProcessingGroup("directory-organizations")
class OrganizationProjection {

    private final MongoCollection<Document> organizations;
    private final SmeDefinitions sme;
    private final ReadModelErasure erasure;

    OrganizationProjection(
            @Qualifier("serviceDatabase") MongoDatabase db, SmeDefinitions sme, ReadModelErasure erasure) {
        this.organizations = db.getCollection("organizations");
        this.erasure = erasure;
        this.sme = sme;
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

    /** The profile's English name is the organisation's English name from now on. */
    @EventHandler
    void on(OrganizationProfileUpdatedEvent event, @Timestamp Instant at) {
        OrganizationProfile p = event.profile();
        Document profile = new Document("industry", p.industry().name())
                .append(
                        "smeSector",
                        p.smeSector() == null ? null : p.smeSector().name())
                .append("employees", p.employees())
                .append("capitalYen", p.capitalYen())
                .append("prefecture", p.prefecture().name())
                .append("nameEn", p.nameEn())
                .append("updatedAt", Date.from(at));
        organizations.updateOne(
                new Document("_id", event.organizationId().toString()),
                new Document("$set", new Document("profile", profile).append("nameEn", p.nameEn())));
    }

    /** An erased person's user id reads as erased here too (as it does when rebuilt from the events). */
    @EventHandler
    void on(PersonErasedEvent event) {
        erasure.replace(organizations, Set.of("owner"), event.subjectDigest(), event.keyId(), event.erasedAs());
    }

    @ResetHandler
    void reset() {
        organizations.deleteMany(new Document());
    }

    @QueryHandler
    Optional<OrganizationView> handle(FindOrganizationQuery query) {
        return find(query.organizationId().toString()).map(OrganizationProjection::view);
    }

    @QueryHandler
    List<OrganizationView> handle(ListOrganizationsQuery query) {
        List<OrganizationView> all = new ArrayList<>();
        organizations.find().forEach(doc -> all.add(view(doc)));
        all.sort(Comparator.comparing(OrganizationView::registeredAt));
        return all;
    }

    @QueryHandler
    Optional<OrganizationProfileView> handle(FindOrganizationProfileQuery query) {
        String id = query.organizationId().toString();
        return find(id).map(doc -> doc.get("profile", Document.class)).map(p -> profileView(id, p));
    }

    private Optional<Document> find(String id) {
        return Optional.ofNullable(organizations.find(new Document("_id", id)).first());
    }

    private OrganizationProfileView profileView(String id, Document p) {
        JsicDivision industry = JsicDivision.valueOf(p.getString("industry"));
        SmeSector chosen = p.getString("smeSector") == null ? null : SmeSector.valueOf(p.getString("smeSector"));
        int employees = p.getInteger("employees");
        Number capital = p.get("capitalYen", Number.class);
        Long capitalYen = capital == null ? null : capital.longValue();
        Optional<SmeSector> sector = sme.sectorOf(industry, chosen);
        return new OrganizationProfileView(
                id,
                industry,
                sector.orElse(null),
                employees,
                capitalYen,
                Prefecture.valueOf(p.getString("prefecture")),
                p.getString("nameEn"),
                sector.map(s -> sme.classify(s, employees, capitalYen)).orElse(null),
                p.getDate("updatedAt").toInstant());
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
