/**
 * Reminders by e-mail (リマインダー): an organisation's owners hear 30 and 7 days before a periodic review falls
 * due, on the day it falls overdue, and when Hoshi's standing for a declared ★★ lapses. The due dates and the
 * standing are compliance's own conclusions ({@code SecurityActionStatusChangedEvent}); nothing here derives them
 * again. Every mail is first an outbox entry whose id names the organisation, the person, the occasion and its date,
 * so a second writer (another replica, a restart, a repeated event) changes nothing, and a sender claims an entry
 * before sending it, so two senders send it once.
 */
package dev.hoshi.compliance.reminder;
