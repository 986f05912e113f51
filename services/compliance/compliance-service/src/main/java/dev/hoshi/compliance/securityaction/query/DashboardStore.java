package dev.hoshi.compliance.securityaction.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.UpdateOptions;
import dev.hoshi.catalog.Edition;
import dev.hoshi.compliance.api.status.ComplianceStatusQueries.ComplianceStatusView;
import dev.hoshi.compliance.api.status.ComplianceStatusQueries.ControlView;
import dev.hoshi.compliance.api.status.SecurityActionStatus;
import dev.hoshi.kernel.id.TenantId;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Each organisation's dashboard as it stands, one document keyed by the organisation id ({@code
 * compliance_dashboard/<organisation>}): the status compliance last published, as it was published, and the latest
 * state of each control. Reading a dashboard is one point look-up; nothing is folded per read.
 */
@Component
class DashboardStore {

    private final MongoCollection<Document> dashboards;
    private final ObjectMapper json;

    DashboardStore(@Qualifier("serviceDatabase") MongoDatabase db, ObjectMapper json) {
        this.dashboards = db.getCollection("compliance_dashboard");
        this.json = json;
    }

    void putStatus(TenantId organization, SecurityActionStatus status) {
        dashboards.updateOne(
                new Document("_id", organization.toString()),
                new Document("$set", new Document("status", Document.parse(write(status)))),
                new UpdateOptions().upsert(true));
    }

    /**
     * Keeps a control's update unless a later-effective one is stored already (a backdated update takes its place in
     * history, not over today's). One organisation's events arrive in order, so read, compare, write is safe.
     */
    void putControl(TenantId organization, ControlView control) {
        String field = "controls." + fieldSafe(control.controlId());
        Document stored = dashboards
                .find(new Document("_id", organization.toString()))
                .projection(new Document(field, 1))
                .first();
        Document controls = stored == null ? null : stored.get("controls", Document.class);
        Document current = controls == null ? null : controls.get(fieldSafe(control.controlId()), Document.class);
        if (current != null
                && read(current.toJson(), ControlView.class).effectiveOn().isAfter(control.effectiveOn())) {
            return;
        }
        dashboards.updateOne(
                new Document("_id", organization.toString()),
                new Document("$set", new Document(field, Document.parse(write(control)))),
                new UpdateOptions().upsert(true));
    }

    /** The dashboard as stored, for {@code today}; empty while no status of the organisation is stored. */
    Optional<ComplianceStatusView> current(TenantId organization, LocalDate today, Edition edition) {
        Document stored =
                dashboards.find(new Document("_id", organization.toString())).first();
        Document status = stored == null ? null : stored.get("status", Document.class);
        if (status == null) {
            return Optional.empty();
        }
        SecurityActionStatus published = read(status.toJson(), SecurityActionStatus.class);
        Document controls = stored.get("controls", Document.class);
        List<ControlView> views = new ArrayList<>();
        edition.controlChapters().forEach(chapter -> chapter.controls().forEach(c -> {
            Document control = controls == null ? null : controls.get(fieldSafe(c.id()), Document.class);
            views.add(control == null ? ControlView.notStarted(c.id()) : read(control.toJson(), ControlView.class));
        }));
        return Optional.of(ComplianceStatusView.of(organization, today, published, views));
    }

    void deleteAll() {
        dashboards.deleteMany(new Document());
    }

    private static String fieldSafe(String key) {
        return key.replace('.', '_').replace('$', '_');
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private <T> T read(String stored, Class<T> type) {
        try {
            return json.readValue(stored, type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
