package dev.hoshi.eventstore;

import java.util.Objects;

/** Names of the event store's database and collections. */
public record EventStoreCollections(String database, String events, String snapshots, String counters) {

    public static final String DEFAULT_DATABASE = "hoshi_events";

    public EventStoreCollections {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(snapshots, "snapshots");
        Objects.requireNonNull(counters, "counters");
    }

    public static EventStoreCollections defaults() {
        return in(DEFAULT_DATABASE);
    }

    public static EventStoreCollections in(String database) {
        return new EventStoreCollections(database, "events", "snapshots", "counters");
    }
}
