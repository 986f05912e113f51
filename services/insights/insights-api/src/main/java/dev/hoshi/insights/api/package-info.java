/**
 * Insights' queries and views: what groups of SMEs look like to the support organisations that may see them, and
 * what partner portals may check. Read-only, built from the event stream.
 */
package dev.hoshi.insights.api;
