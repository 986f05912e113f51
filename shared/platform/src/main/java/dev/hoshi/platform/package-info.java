/**
 * The platform every Hoshi service stands on, as Spring Boot auto-configuration:
 *
 * <ul>
 *   <li>{@link dev.hoshi.platform.axon}: Axon on Hoshi's event store, the Mongo token store, pooled streaming
 *       processors, and the request context (tenant, actor, correlation id) carried in every message;
 *   <li>{@link dev.hoshi.platform.graphql}: depth and complexity limits, and errors as a code plus a message;
 *   <li>{@link dev.hoshi.platform.config}: defaults (Jackson everywhere, no calls home, Actuator endpoints) and
 *       {@code hoshi.*} properties.
 * </ul>
 */
package dev.hoshi.platform;
