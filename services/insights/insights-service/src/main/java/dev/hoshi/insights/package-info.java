/**
 * Insights service: association rollups, cohort benchmarks and partner attestations. It owns no aggregates: every
 * read model here is projected from other services' events.
 */
package dev.hoshi.insights;
