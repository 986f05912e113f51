package dev.hoshi.directory.support.query;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import dev.hoshi.directory.api.person.ErasureEvents.PersonErasedEvent;
import dev.hoshi.directory.api.support.FindSupportOrganizationQuery;
import dev.hoshi.directory.api.support.ListSupportOrganizationsQuery;
import dev.hoshi.directory.api.support.MembershipAcceptedEvent;
import dev.hoshi.directory.api.support.MembershipRecordedEvent;
import dev.hoshi.directory.api.support.SupportOrganizationAnalystAddedEvent;
import dev.hoshi.directory.api.support.SupportOrganizationAnalystRemovedEvent;
import dev.hoshi.directory.api.support.SupportOrganizationKind;
import dev.hoshi.directory.api.support.SupportOrganizationRegisteredEvent;
import dev.hoshi.directory.api.support.SupportOrganizationView;
import dev.hoshi.platform.personal.ReadModelErasure;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Support organisations with their analysts and (active) members, one document each keyed by id. Pending and
 * declined memberships are in the memberships read model.
 */
@Component
@ProcessingGroup("directory-support-organizations")
class SupportOrganizationProjection {

    private final MongoCollection<Document> supportOrganizations;
    private final ReadModelErasure erasure;

    SupportOrganizationProjection(@Qualifier("serviceDatabase") MongoDatabase db, ReadModelErasure erasure) {
        this.supportOrganizations = db.getCollection("support_organizations");
        this.erasure = erasure;
    }

    @EventHandler
    void on(SupportOrganizationRegisteredEvent event) {
        String id = event.supportOrganizationId().toString();
        Document doc = new Document("_id", id)
                .append("name", event.name())
                .append("nameEn", event.nameEn())
                .append("kind", event.kind().name())
                .append("analysts", List.of(event.analyst().toString()))
                .append("members", List.of());
        supportOrganizations.replaceOne(new Document("_id", id), doc, new ReplaceOptions().upsert(true));
    }

    @EventHandler
    void on(SupportOrganizationAnalystAddedEvent event) {
        supportOrganizations.updateOne(
                new Document("_id", event.supportOrganizationId().toString()),
                new Document(
                        "$addToSet", new Document("analysts", event.analyst().toString())));
    }

    @EventHandler
    void on(SupportOrganizationAnalystRemovedEvent event) {
        supportOrganizations.updateOne(
                new Document("_id", event.supportOrganizationId().toString()),
                new Document("$pull", new Document("analysts", event.analyst().toString())));
    }

    @EventHandler
    void on(MembershipRecordedEvent event) {
        addMember(event.supportOrganizationId().toString(), event.member().toString());
    }

    @EventHandler
    void on(MembershipAcceptedEvent event) {
        addMember(
                event.supportOrganizationId().toString(), event.organizationId().toString());
    }

    private void addMember(String supportOrganization, String member) {
        supportOrganizations.updateOne(
                new Document("_id", supportOrganization), new Document("$addToSet", new Document("members", member)));
    }

    /** An erased person's user id reads as erased here too (as it does when rebuilt from the events). */
    @EventHandler
    void on(PersonErasedEvent event) {
        erasure.replace(
                supportOrganizations, Set.of("analysts"), event.subjectDigest(), event.keyId(), event.erasedAs());
    }

    @ResetHandler
    void reset() {
        supportOrganizations.deleteMany(new Document());
    }

    @QueryHandler
    List<SupportOrganizationView> handle(ListSupportOrganizationsQuery query) {
        List<SupportOrganizationView> all = new ArrayList<>();
        supportOrganizations.find().forEach(doc -> all.add(view(doc)));
        return all;
    }

    @QueryHandler
    Optional<SupportOrganizationView> handle(FindSupportOrganizationQuery query) {
        return Optional.ofNullable(supportOrganizations
                        .find(new Document("_id", query.supportOrganizationId().toString()))
                        .first())
                .map(SupportOrganizationProjection::view);
    }

    private static SupportOrganizationView view(Document doc) {
        return new SupportOrganizationView(
                doc.getString("_id"),
                doc.getString("name"),
                doc.getString("nameEn"),
                SupportOrganizationKind.valueOf(doc.getString("kind")),
                doc.getList("analysts", String.class),
                doc.getList("members", String.class));
    }
}
