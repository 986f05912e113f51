/**
 * Webhooks (ウェブフック) for support organisations: a registered HTTPS endpoint hears of its consenting members'
 * changes (level or standing, score) without polling, cut to what each member's grant shows. Deliveries are signed
 * with HMAC-SHA256 under the endpoint's secret, carry an id for de-duplication, are retried with back-off for a day
 * and then parked, and are listed per endpoint and sent again on request.
 */
package dev.hoshi.insights.webhook;
