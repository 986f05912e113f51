/**
 * Checks for event-sourced aggregates that take snapshots. {@link dev.hoshi.testsupport.axon.SnapshotCheck} loads
 * an aggregate as a command does (from its snapshot) and rebuilds it from its events alone, and says whether the two
 * agree as the snapshot serializer writes them; {@link dev.hoshi.testsupport.axon.StoredSnapshots} reads and writes
 * the event store's snapshot documents, e.g. to plant a snapshot of an older shape. Projections:
 * {@link dev.hoshi.testsupport.axon.Deliveries} hands events over one at a time or in batches as the processors do,
 * {@link dev.hoshi.testsupport.axon.RebuildEquals} rebuilds each projection of a running service and compares.
 */
package dev.hoshi.testsupport.axon;
