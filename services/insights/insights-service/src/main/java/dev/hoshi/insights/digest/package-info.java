/**
 * The monthly digest (月次まとめ) by e-mail: on the first days of a month, each analyst of each support organisation
 * gets the rollup's headline figures as they stood at the end of the month before, exactly as the rollup query shows
 * them to that analyst (the same query, so the same disclosure rules: a withheld figure is said to be withheld, with
 * why). One outbox entry per analyst and month, with a deterministic id ({@code MailOutbox}), so replicas and restarts
 * send it once; a person who turned {@code MONTHLY_DIGEST} off, or has no readable address, gets none.
 */
package dev.hoshi.insights.digest;
