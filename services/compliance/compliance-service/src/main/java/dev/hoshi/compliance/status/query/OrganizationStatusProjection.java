package dev.hoshi.compliance.status.query;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import dev.hoshi.compliance.api.status.FindOrganizationStatusQuery;
import dev.hoshi.compliance.api.status.OrganizationStatusView;
import dev.hoshi.directory.api.organization.OrganizationMemberAddedEvent;
import dev.hoshi.directory.api.organization.OrganizationMemberRemovedEvent;
import dev.hoshi.directory.api.organization.OrganizationMemberRoleChangedEvent;
import dev.hoshi.directory.api.organization.OrganizationRegisteredEvent;
import dev.hoshi.directory.api.organization.OrganizationRole;
import dev.hoshi.directory.api.person.ErasureEvents.PersonErasedEvent;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.platform.personal.ReadModelErasure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Each organisation as compliance knows it from directory's events: name and people with roles, one document keyed
 * by the organisation id ({@code organizations}). A person's role change or removal takes effect as soon as the
 * event is processed.
 */
@Component
@ProcessingGroup("compliance-organizations")
class OrganizationStatusProjection {

    private final MongoCollection<Document> organizations;
    private final ReadModelErasure erasure;

    OrganizationStatusProjection(@Qualifier("serviceDatabase") MongoDatabase db, ReadModelErasure erasure) {
        this.organizations = db.getCollection("organizations");
        this.erasure = erasure;
    }

    @EventHandler
    void on(OrganizationRegisteredEvent event) {
        save(event.organizationId(), event.name(), Map.of(event.owner().toString(), OrganizationRole.OWNER.name()));
    }

    @EventHandler
    void on(OrganizationMemberAddedEvent event) {
        update(
                event.organizationId(),
                roles -> roles.put(event.member().toString(), event.role().name()));
    }

    @EventHandler
    void on(OrganizationMemberRoleChangedEvent event) {
        update(
                event.organizationId(),
                roles -> roles.put(event.member().toString(), event.role().name()));
    }

    @EventHandler
    void on(OrganizationMemberRemovedEvent event) {
        update(event.organizationId(), roles -> roles.remove(event.member().toString()));
    }

    /** An erased person's user id reads as erased here too (as it does when rebuilt from the events). */
    @EventHandler
    void on(PersonErasedEvent event) {
        erasure.replace(organizations, Set.of("user"), event.subjectDigest(), event.keyId(), event.erasedAs());
    }

    @ResetHandler
    void reset() {
        organizations.deleteMany(new Document());
    }

    @QueryHandler
    Optional<OrganizationStatusView> handle(FindOrganizationStatusQuery query) {
        return find(query.organizationId())
                .map(doc -> new OrganizationStatusView(doc.getString("_id"), doc.getString("name"), roles(doc)));
    }

    /** The organisation's events come from one aggregate, handled in order: read, change, write is safe. */
    private void update(TenantId tenant, Consumer<Map<String, String>> change) {
        find(tenant).ifPresent(doc -> {
            Map<String, String> roles = roles(doc);
            change.accept(roles);
            save(tenant, doc.getString("name"), roles);
        });
    }

    private void save(TenantId tenant, String name, Map<String, String> roles) {
        List<Document> people = new ArrayList<>();
        roles.forEach((user, role) -> people.add(new Document("user", user).append("role", role)));
        organizations.replaceOne(
                new Document("_id", tenant.toString()),
                new Document("_id", tenant.toString()).append("name", name).append("people", people),
                new ReplaceOptions().upsert(true));
    }

    private Optional<Document> find(TenantId tenant) {
        return Optional.ofNullable(
                organizations.find(new Document("_id", tenant.toString())).first());
    }

    private static Map<String, String> roles(Document doc) {
        Map<String, String> roles = new LinkedHashMap<>();
        doc.getList("people", Document.class).forEach(p -> roles.put(p.getString("user"), p.getString("role")));
        return roles;
    }
}
