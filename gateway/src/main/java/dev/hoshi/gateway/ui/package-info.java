/**
 * The web dashboards: server-rendered pages (Thymeleaf, htmx served from the jar) at {@code /}, each a client of
 * Hoshi's public GraphQL API through this gateway's own routes with the signed-in person's token, which stays in the
 * server-side session. See docs/web.md.
 */
@NonNullApi
package dev.hoshi.gateway.ui;

import org.springframework.lang.NonNullApi;
