/**
 * An organisation's whole record as one download for its owners: every event of it that any service stored, oldest
 * first, and its current compliance state, in a ZIP with a manifest that gives each file's SHA-256 (docs/operations.md,
 * "Backups and an organisation's export").
 */
package dev.hoshi.compliance.record;
