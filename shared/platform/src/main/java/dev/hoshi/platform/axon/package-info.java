/**
 * Axon wiring: Hoshi's event store (with the upcasters for stored events whose type has moved), the Mongo token
 * store, pooled processors, and the request context (tenant, actor, correlation id) stamped on every command and
 * carried into every event.
 */
package dev.hoshi.platform.axon;
