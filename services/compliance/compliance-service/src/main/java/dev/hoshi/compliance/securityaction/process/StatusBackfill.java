package dev.hoshi.compliance.securityaction.process;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.UpdateOptions;
import dev.hoshi.compliance.api.securityaction.SecurityActionCommands.CheckDueDatesCommand;
import dev.hoshi.compliance.api.securityaction.SecurityActionId;
import dev.hoshi.kernel.context.Actor;
import dev.hoshi.kernel.context.CurrentContext;
import dev.hoshi.kernel.context.RequestContext;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.kernel.time.BusinessTime;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The upgrade to published statuses, run once per store: records written before compliance published its status as
 * an event have none, so insights and the daily check would not know them until their next change. Once compliance's
 * list of organisations has caught up with the event stream, every organisation gets the (idempotent) daily check,
 * which publishes its status when none, or a different one, was published; organisations without a compliance record
 * are passed over. Done is noted in {@code due_checks_state/status-backfill-v1}. No stored event is rewritten.
 */
@Component
class StatusBackfill {

    private static final Logger log = LoggerFactory.getLogger(StatusBackfill.class);
    static final String MARKER = "status-backfill-v1";
    private static final String ORGANIZATIONS_GROUP = "compliance-organizations";

    private final MongoCollection<Document> state;
    private final MongoCollection<Document> organizations;
    private final CommandGateway commands;
    private final EventProcessingConfiguration processing;
    private final Clock clock;

    StatusBackfill(
            @Qualifier("serviceDatabase") MongoDatabase db,
            CommandGateway commands,
            EventProcessingConfiguration processing,
            Clock clock) {
        this.state = db.getCollection("due_checks_state");
        this.organizations = db.getCollection("organizations");
        this.commands = commands;
        this.processing = processing;
        this.clock = clock;
    }

    @Scheduled(
            initialDelayString = "${hoshi.compliance.status-backfill.initial-delay:PT20S}",
            fixedDelayString = "${hoshi.compliance.status-backfill.interval:PT1M}")
    void scheduled() {
        runOnce();
    }

    /** Checks every known organisation once; returns how many it checked (0 when done before or not yet ready). */
    int runOnce() {
        if (state.find(new Document("_id", MARKER)).first() != null || !organizationsCaughtUp()) {
            return 0;
        }
        LocalDate today = BusinessTime.today(clock);
        List<String> tenants = new ArrayList<>();
        organizations.find().projection(new Document("_id", 1)).forEach(d -> tenants.add(d.getString("_id")));
        int checked = 0;
        for (String tenant : tenants) {
            if (check(TenantId.of(tenant), today)) {
                checked++;
            }
        }
        state.updateOne(
                new Document("_id", MARKER),
                new Document("$set", new Document("on", today.toString()).append("checked", checked)),
                new UpdateOptions().upsert(true));
        log.info("Published the status of {} organisation(s) recorded before statuses were published", checked);
        return checked;
    }

    private boolean check(TenantId tenant, LocalDate today) {
        boolean[] found = {true};
        CurrentContext.runWith(RequestContext.forTenant(tenant, Actor.SYSTEM), () -> {
            try {
                commands.sendAndWait(new CheckDueDatesCommand(SecurityActionId.of(tenant), today));
            } catch (AggregateNotFoundException e) {
                found[0] = false; // registered, nothing recorded yet: nothing to publish
            }
        });
        return found[0];
    }

    /** This replica's segments of the organisations' projection have all reached the head of the stream. */
    private boolean organizationsCaughtUp() {
        return processing
                .eventProcessor(ORGANIZATIONS_GROUP, StreamingEventProcessor.class)
                .map(p -> !p.processingStatus().isEmpty()
                        && p.processingStatus().values().stream().allMatch(EventTrackerStatus::isCaughtUp))
                .orElse(false);
    }
}
