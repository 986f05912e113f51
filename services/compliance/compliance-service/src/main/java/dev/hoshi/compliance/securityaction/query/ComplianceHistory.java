package dev.hoshi.compliance.securityaction.query;

import dev.hoshi.compliance.api.control.ControlPlanId;
import dev.hoshi.compliance.api.securityaction.SecurityActionId;
import dev.hoshi.kernel.id.TenantId;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * An organisation's compliance history: the events of its SECURITY ACTION record and its control plan, read from
 * the event store by aggregate (batches of point look-ups on {@code _id}, so it costs the same however large the
 * store grows). This is what {@code asOf} and the timeline answer from.
 */
@Component
class ComplianceHistory {

    private final EventStore eventStore;

    ComplianceHistory(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    List<DomainEventMessage<?>> securityAction(TenantId tenant) {
        return read(SecurityActionId.of(tenant).toString());
    }

    List<DomainEventMessage<?>> controlPlan(TenantId tenant) {
        return read(ControlPlanId.of(tenant).toString());
    }

    private List<DomainEventMessage<?>> read(String aggregateId) {
        List<DomainEventMessage<?>> events = new ArrayList<>();
        eventStore.readEvents(aggregateId, 0).forEachRemaining(events::add);
        return events;
    }
}
