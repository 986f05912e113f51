package dev.hoshi.insights.api.platform;

import java.time.Instant;

/** An organisation as insights knows it. */
public record RegisteredOrganizationView(String id, String name, Instant registeredAt) {}
