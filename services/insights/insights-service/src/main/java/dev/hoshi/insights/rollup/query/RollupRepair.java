package dev.hoshi.insights.rollup.query;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import dev.hoshi.kernel.error.HoshiException;
import dev.hoshi.platform.axon.ProjectionRebuilds;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Rebuilds the rollup projection when a batch of it was interrupted: {@link RollupBatch} writes a marker before a
 * batch's member states and removes it after the batch's last {@code $inc}; a marker older than {@link #STALE} belongs
 * to a batch whose process or store died in between (a live batch takes well under a second), whose differences a
 * redelivery would not count again. The rebuild (the operators' {@code rebuildProjection}) replays every event into an
 * emptied read model, markers included. Where another instance holds the projection's segments it refuses, and that
 * instance repairs on its own run. Checked every 30 s, first 20 s after start-up.
 */
@Component
class RollupRepair {

    static final Duration STALE = Duration.ofSeconds(60);
    private static final Logger log = LoggerFactory.getLogger(RollupRepair.class);

    private final MongoCollection<Document> inflight;
    private final ProjectionRebuilds rebuilds;
    /** Markers are judged by the wall clock: how long a batch has been in flight, not business time. */
    private final Clock wallClock = Clock.systemUTC();

    RollupRepair(@Qualifier("serviceDatabase") MongoDatabase db, ProjectionRebuilds rebuilds) {
        this.inflight = RollupCollections.in(db).inflight();
        this.rebuilds = rebuilds;
    }

    @Scheduled(
            initialDelayString = "${hoshi.insights.rollup-repair.initial-delay:PT20S}",
            fixedDelayString = "${hoshi.insights.rollup-repair.interval:PT30S}")
    void scheduled() {
        try {
            repairIfInterrupted();
        } catch (RuntimeException e) {
            log.warn("Could not check the rollup projection for an interrupted batch; trying again later", e);
        }
    }

    /** Rebuilds the projection if a batch was interrupted; true when this instance started the rebuild. */
    boolean repairIfInterrupted() {
        Date staleBefore = Date.from(wallClock.instant().minus(STALE));
        List<Document> interrupted =
                inflight.find(Filters.lt("since", staleBefore)).into(new ArrayList<>());
        if (interrupted.isEmpty()) {
            return false;
        }
        try {
            rebuilds.rebuild(SupportOrganizationRollupProjection.PROCESSING_GROUP);
        } catch (HoshiException e) {
            if ("PROJECTION_BUSY".equals(e.code())) {
                log.info("A rollup batch was interrupted; the instance holding the projection repairs it");
                return false;
            }
            throw e;
        }
        log.warn(
                "Insights' rollup projection had {} batch(es) interrupted (the oldest since {}): rebuilt it from the"
                        + " events",
                interrupted.size(),
                interrupted.get(0).get("since"));
        return true;
    }
}
