/**
 * The SECURITY ACTION rules as plain Java, shared by the aggregate (to decide commands) and the queries (to answer
 * {@code asOf}): what ★ and ★★ need, when reviews fall due, what lapses.
 */
package dev.hoshi.compliance.securityaction.domain;
