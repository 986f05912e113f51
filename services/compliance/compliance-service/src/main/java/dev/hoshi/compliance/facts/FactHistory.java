package dev.hoshi.compliance.facts;

import dev.hoshi.kernel.time.BusinessTime;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * The recorded facts of one of an organisation's records, read by aggregate id (point look-ups, the same cost however
 * large the store grows), for the views that fold them as they stood on a day.
 */
@Component
public class FactHistory {

    private final EventStore eventStore;
    private final Clock clock;

    FactHistory(EventStore eventStore, Clock clock) {
        this.eventStore = eventStore;
        this.clock = clock;
    }

    /** The payloads of the aggregate's events, oldest first. */
    public List<Object> payloads(Object aggregateId) {
        List<Object> events = new ArrayList<>();
        eventStore.readEvents(aggregateId.toString(), 0).forEachRemaining(m -> events.add(m.getPayload()));
        return events;
    }

    /** The day a view is asked for: the given one, or today (Japan time) when left out. */
    public LocalDate day(LocalDate asOf) {
        return asOf == null ? BusinessTime.today(clock) : asOf;
    }
}
