package dev.hoshi.compliance.reminder;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.platform.readmodel.BucketedSets;
import dev.hoshi.testsupport.TestMongo;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class ReminderCalendarTest {

    private static final LocalDate FISCAL_YEAR_START = LocalDate.of(2031, 4, 1);

    private final MongoCollection<Document> days = TestMongo.get()
            .client()
            .getDatabase(TestMongo.get().freshDatabaseName("reminder-calendar"))
            .getCollection("reminder_days");
    private final ReminderCalendar calendar = new ReminderCalendar(days);

    @Test
    void tenThousandOrganisationsDueOnOneDayReadBackEachOnceFromSmallDocuments() {
        Set<String> filed = new TreeSet<>();
        for (int i = 0; i < 10_000; i++) {
            String organization = "org-%05d".formatted(i);
            calendar.file(TenantId.of(organization), FISCAL_YEAR_START);
            filed.add(organization);
        }
        calendar.file(TenantId.of("org-00042"), FISCAL_YEAR_START); // a second status for the same due date
        calendar.file(TenantId.of("org-other-day"), FISCAL_YEAR_START.plusDays(1));

        assertThat(calendar.organizationsOn(FISCAL_YEAR_START)).containsExactlyElementsOf(filed);
        assertThat(calendar.organizationsOn(FISCAL_YEAR_START.plusDays(1))).containsExactly("org-other-day");
        assertThat(calendar.organizationsOn(FISCAL_YEAR_START.minusDays(1))).isEmpty();
        List<Integer> sizes = new ArrayList<>();
        days.find(Filters.regex("_id", "^" + FISCAL_YEAR_START + "#"))
                .forEach(day -> sizes.add(day.getList("tenants", String.class).size()));
        assertThat(sizes).hasSizeGreaterThan(BucketedSets.BUCKETS * 9 / 10);
        assertThat(sizes).allSatisfy(size -> assertThat(size).isLessThan(200));
    }

    @Test
    void aDayFiledByAnEarlierVersionInOneDocumentIsStillRead() {
        days.insertOne(new Document("_id", FISCAL_YEAR_START.toString()).append("tenants", List.of("org-a", "org-b")));
        calendar.file(TenantId.of("org-b"), FISCAL_YEAR_START);
        calendar.file(TenantId.of("org-c"), FISCAL_YEAR_START);

        assertThat(calendar.organizationsOn(FISCAL_YEAR_START)).containsExactly("org-a", "org-b", "org-c");
    }
}
