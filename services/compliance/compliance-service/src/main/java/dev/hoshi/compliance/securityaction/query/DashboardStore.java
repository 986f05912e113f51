package dev.hoshi.compliance.securityaction.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import dev.hoshi.catalog.Edition;
import dev.hoshi.compliance.api.status.ComplianceStatusQueries.ComplianceStatusView;
import dev.hoshi.compliance.api.status.ComplianceStatusQueries.ControlView;
import dev.hoshi.compliance.api.status.SecurityActionStatus;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.kernel.id.UserId;
import dev.hoshi.platform.personal.PersonalDataVault;
import dev.hoshi.platform.personal.PersonalDataVault.Owner;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    private final PersonalDataVault vault;

    DashboardStore(@Qualifier("serviceDatabase") MongoDatabase db, ObjectMapper json, PersonalDataVault vault) {
        this.dashboards = db.getCollection("compliance_dashboard");
        this.json = json;
        this.vault = vault;
    }

    /**
     * Writes one batch's changes: per organisation the status last published in the batch and its controls' latest
     * updates, in one read of the stored controls concerned and one bulk write. A control's update is kept unless a
     * later-effective one is stored already ({@link #laterOf}). Safe to repeat: a batch delivered again leaves the same
     * documents.
     */
    void putAll(Map<String, SecurityActionStatus> statuses, Map<String, Map<String, ControlView>> controls) {
        Map<String, Document> stored = new HashMap<>();
        if (!controls.isEmpty()) {
            Document fields = new Document();
            controls.values()
                    .forEach(byId -> byId.keySet().forEach(id -> fields.append("controls." + fieldSafe(id), 1)));
            dashboards
                    .find(new Document("_id", new Document("$in", new ArrayList<>(controls.keySet()))))
                    .projection(fields)
                    .forEach(doc -> stored.put(doc.getString("_id"), doc.get("controls", Document.class)));
        }
        Map<String, Document> sets = new LinkedHashMap<>();
        statuses.forEach((organization, status) -> sets.computeIfAbsent(organization, o -> new Document())
                .append("status", Document.parse(write(status))));
        controls.forEach((organization, byId) -> byId.forEach((id, control) -> {
            Document storedControls = stored.get(organization);
            Document current = storedControls == null ? null : storedControls.get(fieldSafe(id), Document.class);
            ControlView was = current == null ? null : read(current, ControlView.class);
            // the same update again keeps its stored (sealed) form: a repeated batch leaves the same documents
            if (was == null || (laterOf(was, control) == control && !opened(was).equals(control))) {
                sets.computeIfAbsent(organization, o -> new Document())
                        .append("controls." + fieldSafe(id), Document.parse(write(sealed(organization, control))));
            }
        }));
        if (sets.isEmpty()) {
            return;
        }
        List<UpdateOneModel<Document>> writes = new ArrayList<>();
        sets.forEach((organization, set) -> writes.add(new UpdateOneModel<>(
                new Document("_id", organization), new Document("$set", set), new UpdateOptions().upsert(true))));
        dashboards.bulkWrite(writes, new BulkWriteOptions().ordered(false));
    }

    /**
     * Of a control's stored update and a new one, the one the dashboard shows: the new one, unless the stored one is
     * effective later (a backdated update takes its place in history, not over today's).
     */
    static ControlView laterOf(ControlView stored, ControlView incoming) {
        return stored.effectiveOn().isAfter(incoming.effectiveOn()) ? stored : incoming;
    }

    /** The dashboard as stored, for {@code today}; empty while no status of the organisation is stored. */
    Optional<ComplianceStatusView> current(TenantId organization, LocalDate today, Edition edition) {
        Document stored =
                dashboards.find(new Document("_id", organization.toString())).first();
        Document status = stored == null ? null : stored.get("status", Document.class);
        if (status == null) {
            return Optional.empty();
        }
        SecurityActionStatus published = read(status, SecurityActionStatus.class);
        Document controls = stored.get("controls", Document.class);
        List<ControlView> views = new ArrayList<>();
        edition.controlChapters().forEach(chapter -> chapter.controls().forEach(c -> {
            Document control = controls == null ? null : controls.get(fieldSafe(c.id()), Document.class);
            views.add(control == null ? ControlView.notStarted(c.id()) : opened(read(control, ControlView.class)));
        }));
        return Optional.of(ComplianceStatusView.of(organization, today, published, views));
    }

    /**
     * A control as stored: its owner sealed with the person's key, its evidence and justification with the
     * organisation's, so the dashboard keeps no personal data in clear and reads as erased after an erasure.
     */
    private ControlView sealed(String organization, ControlView c) {
        Owner org = Owner.organization(TenantId.of(organization));
        return new ControlView(
                c.controlId(),
                c.status(),
                c.owner() == null ? null : vault.sealValue(Owner.person(UserId.of(c.owner())), c.owner()),
                c.dueOn(),
                vault.sealValue(org, c.evidenceUrl()),
                vault.sealValue(org, c.evidenceNote()),
                vault.sealValue(org, c.justification()),
                c.effectiveOn());
    }

    private ControlView opened(ControlView c) {
        return new ControlView(
                c.controlId(),
                c.status(),
                vault.openUserId(c.owner()),
                c.dueOn(),
                vault.openText(c.evidenceUrl()),
                vault.openText(c.evidenceNote()),
                vault.openText(c.justification()),
                c.effectiveOn());
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

    /**
     * A stored part read as {@code type} straight from the document's values (a map of maps, lists, strings and
     * numbers, as {@link Document#parse} made it from this mapper's JSON), without writing it out as JSON and parsing
     * that again: on a dashboard read that round trip took about a sixth of the service's CPU.
     */
    private <T> T read(Document stored, Class<T> type) {
        return json.convertValue(stored, type);
    }
}
