package dev.hoshi.compliance.securityaction.query;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.UpdateOptions;
import dev.hoshi.compliance.api.status.DisclosureQueries.AccessLogEntryView;
import dev.hoshi.kernel.id.TenantId;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Who outside an organisation read its data: one document per organisation and day ({@code access_log/<org>:<date>}),
 * so the last 90 days are one batch of point look-ups. Fed by compliance's own reads and by the {@link
 * dev.hoshi.disclosure.api.MemberDataDisclosedEvent}s insights publishes.
 */
@Component
class AccessLogStore {

    private final MongoCollection<Document> accessLog;

    AccessLogStore(@Qualifier("serviceDatabase") MongoDatabase db) {
        this.accessLog = db.getCollection("access_log");
    }

    void record(TenantId organization, Instant at, String viewer, String scope, String what) {
        LocalDate day = at.atZone(dev.hoshi.kernel.time.BusinessTime.ZONE).toLocalDate();
        accessLog.updateOne(
                new Document("_id", organization + ":" + day),
                new Document(
                        "$push",
                        new Document(
                                "entries",
                                new Document("at", Date.from(at))
                                        .append("viewer", viewer)
                                        .append("scope", scope)
                                        .append("what", what))),
                new UpdateOptions().upsert(true));
    }

    List<AccessLogEntryView> recent(TenantId organization, LocalDate today, int days) {
        List<String> ids = new ArrayList<>();
        for (int d = 0; d < Math.max(1, Math.min(days, 366)); d++) {
            ids.add(organization + ":" + today.minusDays(d));
        }
        List<AccessLogEntryView> entries = new ArrayList<>();
        accessLog.find(new Document("_id", new Document("$in", ids))).forEach(day -> day.getList(
                        "entries", Document.class)
                .forEach(e -> entries.add(new AccessLogEntryView(
                        e.getDate("at").toInstant(),
                        e.getString("viewer"),
                        e.getString("scope"),
                        e.getString("what") == null ? "MEMBER_STATUS" : e.getString("what")))));
        entries.sort(Comparator.comparing(AccessLogEntryView::at).reversed());
        return entries;
    }
}
