package dev.hoshi.compliance.reminder;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import dev.hoshi.kernel.id.TenantId;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.bson.Document;

/**
 * Which organisations may have an advance reminder on a day, filed in {@value #BUCKETS} documents per day ({@code
 * reminder_days/<date>#<bucket>}, the bucket from the organisation's id). Many organisations share a due date (a
 * fiscal year's start, or an association's members who declared together); in one document per day every filing
 * rewrote an ever longer list (3,700 ids per day document at 5,000 seeded tenants, the processor falling further
 * behind with each tenant). A day is read with one look-up of its ids, including the single document per day that
 * earlier versions wrote ({@code reminder_days/<date>}), so what was filed before is still found.
 */
final class ReminderCalendar {

    static final int BUCKETS = 256;

    private final MongoCollection<Document> days;

    ReminderCalendar(MongoCollection<Document> days) {
        this.days = days;
    }

    /** Files the organisation under a day (filing it again changes nothing). */
    void file(TenantId organization, LocalDate day) {
        days.updateOne(
                new Document("_id", id(day, bucket(organization.toString()))),
                new Document("$addToSet", new Document("tenants", organization.toString())),
                new UpdateOptions().upsert(true));
    }

    /** The organisations filed under the day, each once, in id order. */
    Set<String> organizationsOn(LocalDate day) {
        List<String> ids = new ArrayList<>(BUCKETS + 1);
        ids.add(day.toString());
        for (int bucket = 0; bucket < BUCKETS; bucket++) {
            ids.add(id(day, bucket));
        }
        Set<String> organizations = new TreeSet<>();
        for (Document filed : days.find(Filters.in("_id", ids))) {
            organizations.addAll(filed.getList("tenants", String.class));
        }
        return organizations;
    }

    private static int bucket(String organization) {
        return Math.floorMod(organization.hashCode(), BUCKETS);
    }

    private static String id(LocalDate day, int bucket) {
        return day + "#" + bucket;
    }
}
