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
import dev.hoshi.platform.readmodel.BucketedSets;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The daily check that marks overdue reviews and lapses ★★ whose self-assessment expired. It survives restarts (it
 * remembers the last day it finished in {@code due_checks_state}) and runs once across replicas (a lease document
 * taken with a conditional update). Each day's organisations come from one read of its buckets ({@code
 * due_checks/<date>#<n>}, {@link BucketedSets}), and those filed after their date had passed from {@code
 * due_checks/pending#<n>}; the commands are idempotent, so an organisation checked twice changes nothing. Every minute
 * by default: each run costs a few reads by id.
 */
@Component
class DueDateCheck {

    private static final Logger log = LoggerFactory.getLogger(DueDateCheck.class);
    private static final String LEASE = "lease";
    private static final String PROGRESS = "progress";
    private static final String PENDING = "pending";
    private static final Duration LEASE_TIME = Duration.ofMinutes(10);
    /** The gauge an alert watches: the check has not finished for 26 hours on any instance (docs/operations.md). */
    static final String LAST_SUCCESS = "hoshi.due.check.last.success";

    private final MongoCollection<Document> state;
    private final BucketedSets dueChecks;
    private final CommandGateway commands;
    private final Clock clock;
    private final String node = ManagementFactory.getRuntimeMXBean().getName();
    /** When this instance last finished a run (epoch seconds; 0 until then). */
    private final AtomicLong lastSuccess = new AtomicLong();

    DueDateCheck(
            @Qualifier("serviceDatabase") MongoDatabase db,
            CommandGateway commands,
            Clock clock,
            MeterRegistry registry) {
        this.state = db.getCollection("due_checks_state");
        this.dueChecks = new BucketedSets(db.getCollection("due_checks"), "tenants");
        this.commands = commands;
        this.clock = clock;
        TimeGauge.builder(LAST_SUCCESS, lastSuccess, TimeUnit.SECONDS, AtomicLong::get)
                .description("When this instance last finished the daily due-date check (epoch; 0: not yet)")
                .register(registry);
    }

    @Scheduled(
            initialDelayString = "${hoshi.compliance.due-check.initial-delay:PT30S}",
            fixedDelayString = "${hoshi.compliance.due-check.interval:PT1M}")
    void scheduled() {
        runIfLeaseTaken();
    }

    /** Checks every day since the last finished one, up to today; returns how many organisations it checked. */
    int runIfLeaseTaken() {
        if (!takeLease()) {
            return 0;
        }
        try {
            LocalDate today = BusinessTime.today(clock);
            int checked = checkPending(today);
            LocalDate day = lastFinished().map(d -> d.plusDays(1)).orElse(today.minusDays(400));
            for (; !day.isAfter(today); day = day.plusDays(1)) {
                checked += check(day, today);
                finished(day);
            }
            lastSuccess.set(clock.instant().getEpochSecond());
            return checked;
        } finally {
            releaseLease();
        }
    }

    /** Organisations filed after their date had passed (backdated facts); removed once checked. */
    private int checkPending(LocalDate today) {
        List<String> checked = check(PENDING, today);
        dueChecks.removeAll(PENDING, checked);
        return checked.size();
    }

    private int check(LocalDate day, LocalDate today) {
        return check(day.toString(), today).size();
    }

    /** Sends the idempotent check for every organisation in {@code bucket}; returns those it checked. */
    private List<String> check(String bucket, LocalDate today) {
        List<String> tenants = List.copyOf(dueChecks.members(bucket));
        for (String tenant : tenants) {
            RequestContext context = RequestContext.forTenant(TenantId.of(tenant), Actor.SYSTEM);
            CurrentContext.runWith(context, () -> {
                try {
                    commands.sendAndWait(new CheckDueDatesCommand(SecurityActionId.of(TenantId.of(tenant)), today));
                } catch (RuntimeException e) {
                    log.warn("Due-date check for {} failed; it is retried with the next run", tenant, e);
                    throw e;
                }
            });
        }
        log.debug("Checked {} organisation(s) due {}", tenants.size(), bucket);
        return tenants;
    }

    private java.util.Optional<LocalDate> lastFinished() {
        Document progress = state.find(new Document("_id", PROGRESS)).first();
        return java.util.Optional.ofNullable(progress).map(d -> LocalDate.parse(d.getString("day")));
    }

    private void finished(LocalDate day) {
        state.updateOne(
                new Document("_id", PROGRESS),
                new Document("$set", new Document("day", day.toString())),
                new UpdateOptions().upsert(true));
    }

    /** Takes the lease if it is free or expired: a conditional update on one document, atomic on every backend. */
    private boolean takeLease() {
        Instant now = clock.instant();
        state.updateOne(
                new Document("_id", LEASE),
                new Document("$setOnInsert", new Document("until", new Date(0)).append("owner", "")),
                new UpdateOptions().upsert(true));
        long taken = state.updateOne(
                        new Document("_id", LEASE).append("until", new Document("$lt", Date.from(now))),
                        new Document(
                                "$set", new Document("until", Date.from(now.plus(LEASE_TIME))).append("owner", node)))
                .getModifiedCount();
        return taken == 1;
    }

    private void releaseLease() {
        state.updateOne(
                new Document("_id", LEASE).append("owner", node),
                new Document("$set", new Document("until", new Date(0))));
    }
}
