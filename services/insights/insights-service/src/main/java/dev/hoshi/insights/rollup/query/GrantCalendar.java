package dev.hoshi.insights.rollup.query;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.kernel.time.BusinessTime;
import dev.hoshi.platform.readmodel.BucketedSets;
import java.time.Clock;
import java.time.LocalDate;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Grants with a start or end date change what a support organisation may see without any event on that day. The
 * projection notes, per day, the members whose grants start or end ({@code insights_grant_calendar/<yyyy-MM-dd>#<n>},
 * {@link BucketedSets}: a day can hold every member, as when an association's members all grant from the same day);
 * this job re-evaluates them once the day has come (in Japan), every day since its last run ({@value #FIRST_REACH}
 * days back on its first run, or after a rebuild emptied {@code lastRun}: older days hold nothing a replay left to do).
 * Running it twice, or on two replicas at once, changes nothing more: a member already evaluated today has nothing to
 * move.
 */
@Component
class GrantCalendar {

    private static final String LAST_RUN = "lastRun";
    static final int FIRST_REACH = 400;
    private static final Logger log = LoggerFactory.getLogger(GrantCalendar.class);

    private final MongoCollection<Document> calendar;
    private final BucketedSets days;
    private final SupportOrganizationRollupProjection projection;
    private final Clock clock;

    GrantCalendar(
            @Qualifier("serviceDatabase") MongoDatabase db,
            SupportOrganizationRollupProjection projection,
            Clock clock) {
        this.calendar = RollupCollections.in(db).calendar();
        this.days = RollupCollections.days(calendar);
        this.projection = projection;
        this.clock = clock;
    }

    @Scheduled(
            initialDelayString = "${hoshi.insights.grant-calendar.initial-delay:PT20S}",
            fixedDelayString = "${hoshi.insights.grant-calendar.interval:PT5M}")
    void scheduled() {
        run();
    }

    /** Re-evaluates every member noted for a day after the last run, up to today; returns how many. */
    int run() {
        LocalDate today = BusinessTime.today(clock);
        Document last = calendar.find(new Document("_id", LAST_RUN)).first();
        LocalDate day = last == null
                ? today.minusDays(FIRST_REACH)
                : LocalDate.parse(last.getString("day")).plusDays(1);
        int count = 0;
        for (; !day.isAfter(today); day = day.plusDays(1)) {
            for (String organization : days.members(day.toString())) {
                projection.reevaluate(TenantId.of(organization));
                count++;
            }
        }
        calendar.replaceOne(
                new Document("_id", LAST_RUN),
                new Document("_id", LAST_RUN).append("day", today.toString()),
                new ReplaceOptions().upsert(true));
        if (count > 0) {
            log.info("Re-evaluated {} member(s) whose grants started or ended by {}", count, today);
        }
        return count;
    }
}
