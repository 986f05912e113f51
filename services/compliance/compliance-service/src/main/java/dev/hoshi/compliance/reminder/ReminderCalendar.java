package dev.hoshi.compliance.reminder;

import com.mongodb.client.MongoCollection;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.platform.readmodel.BucketedSets;
import java.time.LocalDate;
import java.util.Set;
import org.bson.Document;

/**
 * Which organisations may have an advance reminder on a day: a set per day ({@code reminder_days/<date>#<bucket>},
 * {@link BucketedSets}). Many organisations share a due date (a fiscal year's start, or an association's members who
 * declared together); in one document per day every filing rewrote an ever longer list (3,700 ids per day document at
 * 5,000 seeded tenants, the processor falling further behind with each tenant). The single document per day that
 * earlier versions wrote ({@code reminder_days/<date>}) is read too.
 */
final class ReminderCalendar {

    private final BucketedSets days;

    ReminderCalendar(MongoCollection<Document> days) {
        this.days = new BucketedSets(days, "tenants");
    }

    /** Files the organisation under a day (filing it again changes nothing). */
    void file(TenantId organization, LocalDate day) {
        days.add(day.toString(), organization.toString());
    }

    /** The organisations filed under the day, each once, in id order. */
    Set<String> organizationsOn(LocalDate day) {
        return days.members(day.toString());
    }
}
