/**
 * Hoshi's MongoDB event storage engine for Axon ({@link dev.hoshi.eventstore.HoshiEventStorageEngine}).
 *
 * <p>Three collections in one database (default {@code hoshi_events}):
 *
 * <ul>
 *   <li>{@code events}: one document per event, {@code _id = <aggregateId>:<sequenceNumber>} (a second writer of the
 *       same number hits the unique {@code _id}: Axon's concurrency failure), and a unique {@code globalSeq};
 *   <li>{@code counters}: the document {@code _id: "global"} from which every append reserves a block of global
 *       sequence numbers with {@code $inc}; order never depends on clocks;
 *   <li>{@code snapshots}: the latest snapshot per aggregate, {@code _id = aggregateId}.
 * </ul>
 *
 * <p>Every read on the hot paths is a batch of point look-ups ({@code $in}) on a unique key, which real MongoDB and
 * the embedded MongoDB-wire server both answer without a range scan. Numbers reserved but not (yet) written are
 * tracked as gaps in Axon's {@link org.axonframework.eventhandling.GapAwareTrackingToken}; see {@code
 * docs/eventstore.md} for the full design.
 */
package dev.hoshi.eventstore;
