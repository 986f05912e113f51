/**
 * Directory's messages: who is who on the platform. Organisations (組織, the tenants: SMEs) with their profile,
 * people (owners, members, viewers) and consent grants (同意: which support organisation or partner client may see
 * how much, from when until when); support organisations (支援機関: industry associations, chambers of commerce and
 * 商工会, IT vendors, financial institutions) with their analysts and memberships; partner clients (portals of
 * banks, prime contractors, insurers). Other services read these events to know who may see what; the consent
 * events are self-sufficient for that (see docs/directory.md). People appear only as user ids (pseudonymous
 * sign-in subjects); the one piece of personal data, a person's e-mail address ({@code ContactPreferencesSetEvent}),
 * travels only encrypted under that person's own key.
 */
package dev.hoshi.directory.api;
