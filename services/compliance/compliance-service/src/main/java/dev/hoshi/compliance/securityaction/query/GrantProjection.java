package dev.hoshi.compliance.securityaction.query;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOptions;
import dev.hoshi.directory.api.consent.ConsentGrantedEvent;
import dev.hoshi.directory.api.consent.ConsentRevokedEvent;
import dev.hoshi.directory.api.consent.ConsentScope;
import dev.hoshi.directory.api.consent.ConsentScopeChangedEvent;
import dev.hoshi.directory.api.consent.GranteeKind;
import dev.hoshi.directory.api.person.ErasureEvents.PersonErasedEvent;
import dev.hoshi.directory.api.support.SupportOrganizationAnalystAddedEvent;
import dev.hoshi.directory.api.support.SupportOrganizationAnalystRemovedEvent;
import dev.hoshi.directory.api.support.SupportOrganizationRegisteredEvent;
import dev.hoshi.kernel.context.Actor;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.platform.personal.ReadModelErasure;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Who may see an organisation's record from outside, from directory's events: each analyst's support
 * organisations ({@code support_analysts/<user>}) and each organisation's consent grants ({@code
 * consent_grants/<organisation>}). Both are point look-ups when a read is decided. A revocation takes effect as
 * soon as its event is processed.
 */
@Component
@ProcessingGroup("compliance-grants")
class GrantProjection {

    private final MongoCollection<Document> analysts;
    private final MongoCollection<Document> grants;
    private final ReadModelErasure erasure;

    GrantProjection(@Qualifier("serviceDatabase") MongoDatabase db, ReadModelErasure erasure) {
        this.analysts = db.getCollection("support_analysts");
        this.erasure = erasure;
        this.grants = db.getCollection("consent_grants");
    }

    @EventHandler
    void on(SupportOrganizationRegisteredEvent event) {
        addAnalyst(event.analyst().toString(), event.supportOrganizationId().toString());
    }

    @EventHandler
    void on(SupportOrganizationAnalystAddedEvent event) {
        addAnalyst(event.analyst().toString(), event.supportOrganizationId().toString());
    }

    /** A removed analyst's reads are decided as anyone's outside: as soon as this is processed. */
    @EventHandler
    void on(SupportOrganizationAnalystRemovedEvent event) {
        analysts.updateOne(
                new Document("_id", event.analyst().toString()),
                new Document(
                        "$pull",
                        new Document(
                                "supportOrganizations",
                                event.supportOrganizationId().toString())));
    }

    @EventHandler
    void on(ConsentGrantedEvent event) {
        update(
                event.organizationId(),
                list -> list.add(new Document("grantId", event.grantId().toString())
                        .append("kind", event.grantee().kind().name())
                        .append("grantee", event.grantee().id())
                        .append("scope", event.scope().name())
                        .append("start", event.startDate().toString())
                        .append(
                                "end",
                                event.endDate() == null ? null : event.endDate().toString())
                        .append("revoked", false)));
    }

    @EventHandler
    void on(ConsentScopeChangedEvent event) {
        update(event.organizationId(), list -> list.stream()
                .filter(g -> g.getString("grantId").equals(event.grantId().toString()))
                .forEach(g -> g.put("scope", event.scope().name())));
    }

    @EventHandler
    void on(ConsentRevokedEvent event) {
        update(event.organizationId(), list -> list.stream()
                .filter(g -> g.getString("grantId").equals(event.grantId().toString()))
                .forEach(g -> g.put("revoked", true)));
    }

    /** An erased person's user id reads as erased here too (as it does when rebuilt from the events). */
    @EventHandler
    void on(PersonErasedEvent event) {
        erasure.replace(analysts, Set.of("_id"), event.subjectDigest(), event.keyId(), event.erasedAs());
    }

    @ResetHandler
    void reset() {
        analysts.deleteMany(new Document());
        grants.deleteMany(new Document());
    }

    /** The widest scope {@code viewer} holds on {@code organization} today; empty when no grant is active. */
    Optional<ConsentScope> scopeFor(TenantId organization, Actor viewer, LocalDate today) {
        Set<String> supportOrganizations = Set.of();
        if (viewer.kind() == Actor.Kind.USER) {
            Document analyst = analysts.find(new Document("_id", viewer.id())).first();
            supportOrganizations =
                    analyst == null ? Set.of() : Set.copyOf(analyst.getList("supportOrganizations", String.class));
        }
        Document doc = grants.find(new Document("_id", organization.toString())).first();
        if (doc == null) {
            return Optional.empty();
        }
        Set<String> mine = supportOrganizations;
        return doc.getList("grants", Document.class).stream()
                .filter(g -> !g.getBoolean("revoked"))
                .filter(g -> !LocalDate.parse(g.getString("start")).isAfter(today))
                .filter(g -> g.getString("end") == null
                        || !LocalDate.parse(g.getString("end")).isBefore(today))
                .filter(g -> viewer.kind() == Actor.Kind.PARTNER_CLIENT
                        ? g.getString("kind").equals(GranteeKind.PARTNER_CLIENT.name())
                                && g.getString("grantee").equals(viewer.id())
                        : g.getString("kind").equals(GranteeKind.SUPPORT_ORGANIZATION.name())
                                && mine.contains(g.getString("grantee")))
                .map(g -> ConsentScope.valueOf(g.getString("scope")))
                .max(Enum::compareTo);
    }

    private void addAnalyst(String analyst, String supportOrganization) {
        analysts.updateOne(
                new Document("_id", analyst),
                new Document("$addToSet", new Document("supportOrganizations", supportOrganization)),
                new UpdateOptions().upsert(true));
    }

    /** One organisation's grant events come from its aggregate, in order: read, change, write is safe. */
    private void update(TenantId organization, Consumer<List<Document>> change) {
        Document doc = grants.find(new Document("_id", organization.toString())).first();
        List<Document> list = doc == null ? new ArrayList<>() : new ArrayList<>(doc.getList("grants", Document.class));
        change.accept(list);
        grants.replaceOne(
                new Document("_id", organization.toString()),
                new Document("_id", organization.toString()).append("grants", list),
                new ReplaceOptions().upsert(true));
    }
}
