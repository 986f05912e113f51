package dev.hoshi.insights.rollup.subscription;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The in-process stream of {@link MemberStatusChange}s, multicast to every open subscription of this instance.
 *
 * <p>Best effort, so that no dashboard can slow the event processor down: {@link #emit} only hands a change to each
 * subscription's own bounded buffer ({@value #BUFFER} changes) and returns; each subscription is sent on from
 * another thread. A subscription that falls further behind loses its oldest changes; nobody else is affected. A
 * change emitted while nobody is subscribed is dropped. Changes handled by another replica never reach this feed.
 */
@Component
public class MemberStatusFeed {

    static final int BUFFER = 256;

    private static final Logger log = LoggerFactory.getLogger(MemberStatusFeed.class);

    private final Sinks.Many<MemberStatusChange> sink = Sinks.many().multicast().directBestEffort();
    private final Sinks.Many<AnalystRemoved> removals = Sinks.many().multicast().directBestEffort();
    private final Scheduler delivery = Schedulers.boundedElastic();

    /** Offers {@code change} to every open subscription; never blocks, never fails. */
    public void emit(MemberStatusChange change) {
        Sinks.EmitResult result;
        // event processors may call from several threads; a sink takes one emission at a time
        synchronized (sink) {
            result = sink.tryEmitNext(change);
        }
        if (result.isFailure() && result != Sinks.EmitResult.FAIL_ZERO_SUBSCRIBER) {
            log.debug("A member status change was not delivered ({}): {}", result, change.organizationId());
        }
    }

    /** An analyst was removed from a support organisation. */
    record AnalystRemoved(String supportOrganizationId, String analyst) {}

    /** Tells the open subscriptions of {@code analyst} to {@code supportOrganizationId} that they must end. */
    public void analystRemoved(String supportOrganizationId, String analyst) {
        synchronized (removals) {
            removals.tryEmitNext(new AnalystRemoved(supportOrganizationId, analyst));
        }
    }

    /** Completes when {@code analyst} is removed from {@code supportOrganizationId} (on this instance). */
    public Mono<Void> removalOf(String supportOrganizationId, String analyst) {
        return removals.asFlux()
                .filter(removed -> removed.supportOrganizationId().equals(supportOrganizationId)
                        && removed.analyst().equals(analyst))
                .next()
                .then();
    }

    /** The changes for one support organisation, from now on, for as long as the subscriber stays. */
    public Flux<MemberStatusChange> changesFor(String supportOrganizationId) {
        return sink.asFlux()
                .filter(change -> change.supportOrganizationId().equals(supportOrganizationId))
                .onBackpressureBuffer(
                        BUFFER,
                        dropped -> log.debug(
                                "A slow subscription of {} lost a change of {}",
                                supportOrganizationId,
                                dropped.organizationId()),
                        BufferOverflowStrategy.DROP_OLDEST)
                .publishOn(delivery);
    }

    /** How many subscriptions are open on this instance (all support organisations). */
    public int subscriptions() {
        return sink.currentSubscriberCount();
    }
}
