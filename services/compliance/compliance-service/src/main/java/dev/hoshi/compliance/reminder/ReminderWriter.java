package dev.hoshi.compliance.reminder;

import dev.hoshi.compliance.api.status.FindOrganizationStatusQuery;
import dev.hoshi.compliance.api.status.OrganizationStatusView;
import dev.hoshi.kernel.id.TenantId;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

/** Writes one occasion's outbox entries: one per owner the organisation has when it is written. */
@Component
class ReminderWriter {

    private final ReminderOutbox outbox;
    private final QueryGateway queries;
    private final Clock clock;

    ReminderWriter(ReminderOutbox outbox, QueryGateway queries, Clock clock) {
        this.outbox = outbox;
        this.queries = queries;
        this.clock = clock;
    }

    /** Returns how many entries were new. */
    int write(TenantId organization, Occasion occasion, String subject, LocalDate date) {
        OrganizationStatusView org = queries.query(
                        new FindOrganizationStatusQuery(organization),
                        ResponseTypes.optionalInstanceOf(OrganizationStatusView.class))
                .join()
                .orElse(null);
        if (org == null) {
            return 0;
        }
        int written = 0;
        for (Map.Entry<String, String> person : org.roles().entrySet()) {
            if ("OWNER".equals(person.getValue())
                    && outbox.enqueue(OutboxEntry.queued(
                            org.organizationId(),
                            org.name(),
                            person.getKey(),
                            occasion,
                            subject,
                            date,
                            clock.instant()))) {
                written++;
            }
        }
        return written;
    }
}
