package dev.hoshi.compliance.securityaction.query;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import dev.hoshi.compliance.api.control.ControlStatusUpdatedEvent;
import dev.hoshi.compliance.api.status.ComplianceStatusQueries.ControlView;
import dev.hoshi.compliance.api.status.SecurityActionStatus.ReviewDue;
import dev.hoshi.compliance.api.status.SecurityActionStatusChangedEvent;
import dev.hoshi.kernel.time.BusinessTime;
import dev.hoshi.platform.axon.ProjectionBatch;
import dev.hoshi.platform.axon.ReadModelLayout;
import dev.hoshi.platform.readmodel.BucketedSets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.function.Consumer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Keeps each organisation's dashboard ({@link DashboardStore}) from the events' content alone: the status compliance
 * published, and each control's latest update. Also files each organisation under the days after its reviews fall
 * due ({@code due_checks}, sets keyed by date, or {@code pending} when the day has passed already, {@link
 * BucketedSets}), so the daily check reads each day by id instead of scanning.
 *
 * <p>The processing group's name carries the layout's version: a new layout gets a new name, so its tracking token
 * starts empty and the dashboards are rebuilt from the first event, after the older layout's documents are removed.
 */
@Component
@ProcessingGroup(ComplianceDashboardProjection.PROCESSING_GROUP)
class ComplianceDashboardProjection {

    static final String PROCESSING_GROUP = "compliance-dashboard-v2";

    /** The bucket of organisations whose check date has already passed; see {@code DueDateCheck}. */
    static final String PENDING = "pending";

    private final DashboardStore dashboards;
    private final MongoCollection<Document> dueChecks;
    private final Clock clock;

    ComplianceDashboardProjection(
            @Qualifier("serviceDatabase") MongoDatabase db, DashboardStore dashboards, Clock clock) {
        this.dashboards = dashboards;
        this.dueChecks = db.getCollection("due_checks");
        this.clock = clock;
        ReadModelLayout.startOn(db.getCollection("compliance_layout"), "dashboard", PROCESSING_GROUP, this::reset);
    }

    @EventHandler
    void on(SecurityActionStatusChangedEvent event) {
        String organization = event.organizationId().toString();
        LocalDate today = BusinessTime.today(clock);
        write(batch -> {
            batch.status(organization, event.status());
            for (ReviewDue review : event.status().reviews()) {
                // checked the day after it falls due; a day already past (a backdated fact) goes to the bucket the
                // next check always reads
                LocalDate date = review.dueOn().plusDays(1);
                batch.dueCheck(date.isAfter(today) ? date.toString() : PENDING, organization);
            }
        });
    }

    @EventHandler
    void on(ControlStatusUpdatedEvent event) {
        write(batch -> batch.control(event.organizationId().toString(), ControlView.of(event)));
    }

    private void write(Consumer<DashboardBatch> change) {
        ProjectionBatch.write(
                this, () -> new DashboardBatch(dashboards, new BucketedSets(dueChecks, "tenants")), change);
    }

    @ResetHandler
    void reset() {
        dashboards.deleteAll();
        dueChecks.deleteMany(new Document());
    }
}
