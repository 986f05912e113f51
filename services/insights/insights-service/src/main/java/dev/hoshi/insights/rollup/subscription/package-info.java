/**
 * Live changes for support organisations' dashboards: when a member organisation's SECURITY ACTION level bucket, the
 * standing of its declared level or its self-assessment score changes, each support organisation (支援機関) it grants sees a {@link
 * dev.hoshi.insights.rollup.subscription.MemberStatusChange}, cut to that grant's scope. The rollup projection hands
 * over each member's state before and after an event ({@link dev.hoshi.insights.rollup.subscription.MemberStatusChanges});
 * the GraphQL subscription {@code memberStatusChanged} reads {@link
 * dev.hoshi.insights.rollup.subscription.MemberStatusFeed}.
 *
 * <p>Best effort and per instance: the feed lives in this process's memory, so a change handled by another replica
 * is not seen here, and nothing is kept for a dashboard that was not connected. A dashboard that must not miss a
 * change re-reads the rollup or the member list.
 */
package dev.hoshi.insights.rollup.subscription;
