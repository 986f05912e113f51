package dev.hoshi.insights.bench;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import dev.hoshi.directory.api.consent.ConsentGrantId;
import dev.hoshi.directory.api.consent.ConsentGrantedEvent;
import dev.hoshi.directory.api.consent.ConsentScope;
import dev.hoshi.directory.api.consent.Grantee;
import dev.hoshi.directory.api.organization.OrganizationRegisteredEvent;
import dev.hoshi.insights.Statuses;
import dev.hoshi.kernel.context.Actor;
import dev.hoshi.kernel.context.RequestContext;
import dev.hoshi.kernel.id.SupportOrganizationId;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.kernel.id.UserId;
import dev.hoshi.platform.axon.MessageContext;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.bson.Document;

/**
 * How long after another service appended an event insights' read model shows it. Compliance runs in its own
 * process, so its appends never pass this JVM's event store: they are written here straight into the shared store
 * through the storage engine, which this JVM's embedded event store is not told about either, so insights' processors
 * learn of each only when the store looks again ({@code PacedEventStore}). Each round appends compliance's status for
 * one member (a new sheet) and reads {@code insights_member_state/<member>} every 0.5 ms until it names that sheet.
 */
public final class CrossServiceLag {

    private static final Duration POLL = Duration.ofNanos(500_000);
    private static final Duration GIVE_UP = Duration.ofSeconds(30);

    private final EventStorageEngine store;
    private final MongoCollection<Document> states;
    private final String member = "lag-" + System.nanoTime();
    private long seq;

    public CrossServiceLag(EventStorageEngine store, MongoDatabase serviceDatabase) {
        this.store = store;
        this.states = serviceDatabase.getCollection("insights_member_state");
        append(
                "Organization",
                0,
                new OrganizationRegisteredEvent(
                        TenantId.of(member), "株式会社L", null, null, UserId.of("owner-" + member)));
        append(
                "Organization",
                1,
                new ConsentGrantedEvent(
                        ConsentGrantId.of("grant-" + member),
                        TenantId.of(member),
                        Grantee.supportOrganization(SupportOrganizationId.of("assoc-lag")),
                        ConsentScope.LEVEL_AND_SCORES,
                        LocalDate.parse("2026-01-01"),
                        null));
    }

    /** Nanoseconds from each append's completion to the read model showing it, rounds {@code pause} apart. */
    public List<Long> rounds(int rounds, Duration pause) {
        List<Long> lags = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            if (!pause.isZero()) {
                LockSupport.parkNanos(pause.toNanos()); // as far apart as a user's clicks: the store idles between
            }
            LocalDate on = LocalDate.parse("2026-03-01").plusDays(seq);
            String sheet = "sheet-" + on + "-" + (seq % 26);
            append(
                    "SecurityAction",
                    seq,
                    Statuses.nothingYet().sheet((int) (seq % 26), on).event(member, on));
            seq++;
            long appended = System.nanoTime();
            while (!sheet.equals(assessment())) {
                if (System.nanoTime() - appended > GIVE_UP.toNanos()) {
                    throw new IllegalStateException("insights never showed " + sheet);
                }
                LockSupport.parkNanos(POLL.toNanos());
            }
            lags.add(System.nanoTime() - appended);
        }
        return lags;
    }

    /** The {@code p} percentile of sorted nanoseconds, in milliseconds. */
    public static double percentileMillis(List<Long> sortedNanos, double p) {
        int index = (int) Math.ceil(p * sortedNanos.size()) - 1;
        return sortedNanos.get(Math.max(0, index)) / 1e6;
    }

    private String assessment() {
        Document state = states.find(new Document("_id", member)).first();
        return state == null ? null : state.getString("assessmentId");
    }

    private void append(String type, long sequence, Object event) {
        RequestContext context = RequestContext.forTenant(TenantId.of(member), Actor.user("owner-" + member));
        store.appendEvents(new GenericDomainEventMessage<>(type, type.toLowerCase() + ":" + member, sequence, event)
                .andMetaData(MessageContext.toMetaData(context)));
    }
}
