package dev.hoshi.insights.api.platform;

/** How many organisations, support organisations and partner clients the platform has (operators). */
public record PlatformSummaryQuery() {}
