package dev.hoshi.compliance.securityaction.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOptions;
import dev.hoshi.catalog.Catalog;
import dev.hoshi.compliance.api.ComplianceEvent;
import dev.hoshi.compliance.api.status.ComplianceStatusQueries.AssessmentView;
import dev.hoshi.compliance.api.status.ComplianceStatusQueries.ComplianceStatusView;
import dev.hoshi.compliance.api.status.ComplianceStatusQueries.FindComplianceStatusQuery;
import dev.hoshi.compliance.api.status.ComplianceStatusQueries.FindSelfAssessmentsQuery;
import dev.hoshi.compliance.api.status.ComplianceStatusQueries.FindTimelineQuery;
import dev.hoshi.compliance.api.status.ComplianceStatusQueries.ReviewView;
import dev.hoshi.compliance.api.status.ComplianceStatusQueries.TimelineEntryView;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.kernel.time.BusinessTime;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Each organisation's dashboard as it stands today, one document keyed by the organisation id ({@code
 * compliance_dashboard}), so the dashboard is one point look-up. Also files each organisation under the dates its
 * reviews fall due ({@code due_checks}, keyed by date, or {@code pending} when the date has passed already), so the
 * daily check reads one document per day instead of scanning. {@code asOf} questions and the timeline fold the history instead.
 */
@Component
@ProcessingGroup("compliance-dashboard")
class ComplianceDashboardProjection {

    /** The bucket of organisations whose check date has already passed; see {@code DueDateCheck}. */
    static final String PENDING = "pending";

    private final MongoCollection<Document> dashboards;
    private final MongoCollection<Document> dueChecks;
    private final ComplianceHistory history;
    private final Catalog catalog;
    private final Clock clock;
    private final ObjectMapper json;

    ComplianceDashboardProjection(
            @Qualifier("serviceDatabase") MongoDatabase db,
            ComplianceHistory history,
            Catalog catalog,
            Clock clock,
            ObjectMapper json) {
        this.dashboards = db.getCollection("compliance_dashboard");
        this.dueChecks = db.getCollection("due_checks");
        this.history = history;
        this.catalog = catalog;
        this.clock = clock;
        this.json = json;
    }

    @EventHandler
    void on(ComplianceEvent event) {
        TenantId tenant = event.organizationId();
        ComplianceStatusView status = compute(tenant, BusinessTime.today(clock));

        dashboards.replaceOne(
                new Document("_id", tenant.toString()),
                new Document("_id", tenant.toString()).append("status", Document.parse(write(status))),
                new ReplaceOptions().upsert(true));
        LocalDate today = BusinessTime.today(clock);
        for (LocalDate date : checkDates(status)) {
            // a date already past (a backdated fact) goes to the bucket the next check always reads
            String bucket = date.isAfter(today) ? date.toString() : PENDING;
            dueChecks.updateOne(
                    new Document("_id", bucket),
                    new Document("$addToSet", new Document("tenants", tenant.toString())),
                    new UpdateOptions().upsert(true));
        }
    }

    /** The day after each due date, and the day after the latest assessment expires (when it holds ★★ up). */
    private static List<LocalDate> checkDates(ComplianceStatusView status) {
        List<LocalDate> dates = new ArrayList<>();
        for (ReviewView review : status.reviews()) {
            dates.add(review.dueOn().plusDays(1));
        }
        return dates;
    }

    @ResetHandler
    void reset() {
        dashboards.deleteMany(new Document());
        dueChecks.deleteMany(new Document());
    }

    @QueryHandler
    ComplianceStatusView handle(FindComplianceStatusQuery query) {
        if (query.asOf() == null) {
            Document stored = dashboards
                    .find(new Document("_id", query.organizationId().toString()))
                    .first();
            if (stored != null) {
                return read(stored.get("status", Document.class).toJson());
            }
            return compute(query.organizationId(), BusinessTime.today(clock));
        }
        return compute(query.organizationId(), query.asOf());
    }

    @QueryHandler
    List<TimelineEntryView> handle(FindTimelineQuery query) {
        List<DomainEventMessage<?>> events = new ArrayList<>(history.securityAction(query.organizationId()));
        events.addAll(history.controlPlan(query.organizationId()));
        return Timeline.of(events);
    }

    @QueryHandler
    List<AssessmentView> handle(FindSelfAssessmentsQuery query) {
        return StatusCalculator.assessments(payloads(history.securityAction(query.organizationId())));
    }

    private ComplianceStatusView compute(TenantId tenant, LocalDate asOf) {
        return StatusCalculator.status(
                tenant,
                payloads(history.securityAction(tenant)),
                payloads(history.controlPlan(tenant)),
                asOf,
                catalog.current());
    }

    private static List<Object> payloads(List<DomainEventMessage<?>> messages) {
        return messages.stream().map(m -> (Object) m.getPayload()).toList();
    }

    private String write(ComplianceStatusView status) {
        try {
            return json.writeValueAsString(status);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ComplianceStatusView read(String stored) {
        try {
            return json.readValue(stored, ComplianceStatusView.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
