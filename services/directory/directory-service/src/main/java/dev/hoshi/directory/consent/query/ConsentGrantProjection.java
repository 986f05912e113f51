package dev.hoshi.directory.consent.query;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import dev.hoshi.directory.api.consent.ConsentGrantView;
import dev.hoshi.directory.api.consent.ConsentGrantView.ChangeKind;
import dev.hoshi.directory.api.consent.ConsentGrantedEvent;
import dev.hoshi.directory.api.consent.ConsentRevokedEvent;
import dev.hoshi.directory.api.consent.ConsentScope;
import dev.hoshi.directory.api.consent.ConsentScopeChangedEvent;
import dev.hoshi.directory.api.consent.ConsentStatus;
import dev.hoshi.directory.api.consent.GranteeKind;
import dev.hoshi.directory.api.consent.ListConsentGrantsQuery;
import dev.hoshi.directory.api.person.ErasureEvents.PersonErasedEvent;
import dev.hoshi.kernel.context.Actor;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.kernel.time.BusinessTime;
import dev.hoshi.platform.axon.ProjectionBatch;
import dev.hoshi.platform.personal.ReadModelErasure;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Each organisation's consent grants with their history: one document per organisation keyed by its id, holding
 * its grants (an SME has a handful), so the list is one point look-up. A grant's status is derived when read, from
 * today's date in Japan. Written per batch of events ({@link ConsentGrantBatch}).
 */
@Component
@ProcessingGroup("directory-consent-grants")
class ConsentGrantProjection {

    private final MongoCollection<Document> grants;
    private final Clock clock;
    private final ReadModelErasure erasure;

    ConsentGrantProjection(@Qualifier("serviceDatabase") MongoDatabase db, Clock clock, ReadModelErasure erasure) {
        this.grants = db.getCollection("consent_grants");
        this.erasure = erasure;
        this.clock = clock;
    }

    @EventHandler
    void on(ConsentGrantedEvent event, @Timestamp Instant at, @MetaDataValue("actor") String actor) {
        update(event.organizationId(), list -> {
            list.removeIf(g -> event.grantId().toString().equals(g.getString("_id")));
            list.add(new Document("_id", event.grantId().toString())
                    .append("granteeKind", event.grantee().kind().name())
                    .append("granteeId", event.grantee().id())
                    .append("scope", event.scope().name())
                    .append("startDate", date(event.startDate()))
                    .append("endDate", date(event.endDate()))
                    .append("revokedOn", null)
                    .append("grantedAt", Date.from(at))
                    .append("history", new ArrayList<>(List.of(change(ChangeKind.GRANTED, event.scope(), at, actor)))));
        });
    }

    @EventHandler
    void on(ConsentScopeChangedEvent event, @Timestamp Instant at, @MetaDataValue("actor") String actor) {
        update(
                event.organizationId(),
                list -> grant(list, event.grantId().toString(), g -> {
                    g.put("scope", event.scope().name());
                    record(g, change(ChangeKind.SCOPE_CHANGED, event.scope(), at, actor));
                }));
    }

    @EventHandler
    void on(ConsentRevokedEvent event, @Timestamp Instant at, @MetaDataValue("actor") String actor) {
        update(
                event.organizationId(),
                list -> grant(list, event.grantId().toString(), g -> {
                    g.put("revokedOn", date(event.revokedOn()));
                    record(g, change(ChangeKind.REVOKED, event.scope(), at, actor));
                }));
    }

    /** Who changed a grant reads as erased once that person is (as it does when rebuilt from the events). */
    @EventHandler
    void on(PersonErasedEvent event) {
        write(batch -> batch.erase(
                () -> erasure.replace(grants, Set.of("by"), event.subjectDigest(), event.keyId(), event.erasedAs())));
    }

    @ResetHandler
    void reset() {
        grants.deleteMany(new Document());
    }

    /** Newest first. */
    @QueryHandler
    List<ConsentGrantView> handle(ListConsentGrantsQuery query) {
        Document doc = grants.find(new Document("_id", query.organizationId().toString()))
                .first();
        if (doc == null) {
            return List.of();
        }
        LocalDate today = BusinessTime.today(clock);
        return doc.getList("grants", Document.class).stream()
                .sorted(Comparator.comparing((Document g) -> g.getDate("grantedAt"))
                        .reversed())
                .map(g -> view(query.organizationId(), g, today))
                .toList();
    }

    private static ConsentGrantView view(TenantId organization, Document g, LocalDate today) {
        LocalDate start = LocalDate.parse(g.getString("startDate"));
        LocalDate end = g.getString("endDate") == null ? null : LocalDate.parse(g.getString("endDate"));
        LocalDate revokedOn = g.getString("revokedOn") == null ? null : LocalDate.parse(g.getString("revokedOn"));
        ConsentStatus status = revokedOn != null
                ? ConsentStatus.REVOKED
                : start.isAfter(today)
                        ? ConsentStatus.SCHEDULED
                        : end != null && end.isBefore(today) ? ConsentStatus.ENDED : ConsentStatus.ACTIVE;
        List<ConsentGrantView.Change> history = g.getList("history", Document.class).stream()
                .map(h -> new ConsentGrantView.Change(
                        ChangeKind.valueOf(h.getString("change")),
                        ConsentScope.valueOf(h.getString("scope")),
                        h.getDate("at").toInstant(),
                        h.getString("by")))
                .toList();
        return new ConsentGrantView(
                g.getString("_id"),
                organization.toString(),
                GranteeKind.valueOf(g.getString("granteeKind")),
                g.getString("granteeId"),
                ConsentScope.valueOf(g.getString("scope")),
                start,
                end,
                revokedOn,
                status,
                history);
    }

    /**
     * Read, change, write, per batch of events ({@link ConsentGrantBatch}): safe because one organisation's events
     * reach this processor in order (they all come from the same aggregate), so one segment holds them all.
     */
    private void update(TenantId organization, Consumer<List<Document>> change) {
        write(batch -> batch.change(organization.toString(), change));
    }

    private void write(Consumer<ConsentGrantBatch> change) {
        ProjectionBatch.write(this, () -> new ConsentGrantBatch(grants), change);
    }

    private static void grant(List<Document> list, String grantId, Consumer<Document> change) {
        list.stream().filter(g -> grantId.equals(g.getString("_id"))).forEach(change);
    }

    /**
     * Adds the change to the grant's history once: a batch delivered again applies its changes again, and an erasure
     * may have rewritten who made them since (so "who" is not compared: the clear id must not come back).
     */
    private static void record(Document grant, Document change) {
        List<Document> history = new ArrayList<>(grant.getList("history", Document.class));
        boolean recorded = history.stream()
                .anyMatch(h -> Objects.equals(h.get("change"), change.get("change"))
                        && Objects.equals(h.get("scope"), change.get("scope"))
                        && Objects.equals(h.get("at"), change.get("at")));
        if (!recorded) {
            history.add(change);
        }
        grant.put("history", history);
    }

    /** Who acted, as a user id; {@code null} when it was not a person. */
    private static Document change(ChangeKind kind, ConsentScope scope, Instant at, String actor) {
        String by = null;
        if (actor != null) {
            Actor parsed = Actor.parse(actor);
            by = parsed.kind() == Actor.Kind.USER ? parsed.id() : null;
        }
        return new Document("change", kind.name())
                .append("scope", scope.name())
                .append("at", Date.from(at))
                .append("by", by);
    }

    private static String date(LocalDate date) {
        return date == null ? null : date.toString();
    }
}
