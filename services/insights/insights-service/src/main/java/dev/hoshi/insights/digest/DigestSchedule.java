package dev.hoshi.insights.digest;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.UpdateOptions;
import dev.hoshi.insights.api.rollup.FindSupportOrganizationRollupQuery;
import dev.hoshi.insights.api.rollup.RollupFilter;
import dev.hoshi.insights.api.rollup.SupportOrganizationRollupView;
import dev.hoshi.insights.rollup.subscription.SubscriberAccess;
import dev.hoshi.kernel.id.SupportOrganizationId;
import dev.hoshi.kernel.id.UserId;
import dev.hoshi.kernel.time.BusinessTime;
import java.time.Clock;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Writes the digests of the month just ended (in Japan), once: every analyst of every support organisation gets an
 * entry holding the rollup as the rollup query shows it to that analyst as of the month's last day (the query applies
 * the disclosure rules, and notes the sizes it shows, as for any read). Each run writes what is missing of the latest
 * month only, then notes the month done ({@code digest_state/progress}); replicas running it at once write the same
 * ids, so each digest exists once. A deployment or an instance back from an outage sends no older month.
 */
@Component
class DigestSchedule {

    private static final Logger log = LoggerFactory.getLogger(DigestSchedule.class);

    private final DigestOutbox outbox;
    private final SubscriberAccess access;
    private final QueryGateway queries;
    private final MongoCollection<Document> state;
    private final Clock clock;

    DigestSchedule(
            @Qualifier("serviceDatabase") MongoDatabase db,
            DigestOutbox outbox,
            SubscriberAccess access,
            QueryGateway queries,
            Clock clock) {
        this.outbox = outbox;
        this.access = access;
        this.queries = queries;
        this.state = db.getCollection("digest_state");
        this.clock = clock;
    }

    @Scheduled(
            initialDelayString = "${hoshi.insights.digest.schedule.initial-delay:PT2M}",
            fixedDelayString = "${hoshi.insights.digest.schedule.interval:PT1H}")
    void scheduled() {
        run();
    }

    /** Writes the digests of the month before this one that are not written yet; returns how many were new. */
    int run() {
        YearMonth month = YearMonth.from(BusinessTime.today(clock)).minusMonths(1);
        Document progress = state.find(new Document("_id", "progress")).first();
        if (progress != null && month.toString().compareTo(progress.getString("month")) <= 0) {
            return 0;
        }
        int written = 0;
        for (Map.Entry<String, List<String>> support :
                access.analystsBySupportOrganization().entrySet()) {
            for (String analyst : support.getValue()) {
                String id = DigestEntry.idOf(support.getKey(), analyst, month);
                if (outbox.find(id).isEmpty()
                        && rollup(support.getKey(), analyst, month)
                                .map(view -> outbox.enqueue(DigestEntry.queued(
                                        support.getKey(),
                                        analyst,
                                        month,
                                        DigestEntry.Figures.of(view),
                                        clock.instant())))
                                .orElse(false)) {
                    written++;
                }
            }
        }
        state.updateOne(
                new Document("_id", "progress"),
                new Document("$set", new Document("month", month.toString())),
                new UpdateOptions().upsert(true));
        if (written > 0) {
            log.info("Monthly digest of {}: {} new outbox entries", month, written);
        }
        return written;
    }

    /** The rollup at the month's end as {@code analyst} may see it; empty when they are no analyst of it (any more). */
    private Optional<SupportOrganizationRollupView> rollup(
            String supportOrganization, String analyst, YearMonth month) {
        return queries.query(
                        new FindSupportOrganizationRollupQuery(
                                SupportOrganizationId.of(supportOrganization),
                                UserId.of(analyst),
                                month.atEndOfMonth(),
                                RollupFilter.NONE),
                        ResponseTypes.optionalInstanceOf(SupportOrganizationRollupView.class))
                .join();
    }
}
