package dev.hoshi.platform.axon;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.ReplaceOptions;
import org.bson.Document;

/**
 * How a projection moves to a new layout of its read model without counting anything twice. The processing group's
 * name carries the layout's version: a new layout gets a new name, whose empty tracking token replays every event. The
 * documents an older layout left behind would be counted again, so they are removed first, once: the layout in force
 * is then noted in the service's layout collection ({@code <readModel>} → processing group).
 */
public final class ReadModelLayout {

    private ReadModelLayout() {}

    /**
     * Runs {@code removeOlderLayout} unless {@code layouts} notes {@code processingGroup} for {@code readModel}
     * already, then notes it. Call from the projection's constructor, before its processor starts.
     */
    public static void startOn(
            MongoCollection<Document> layouts, String readModel, String processingGroup, Runnable removeOlderLayout) {
        Document noted = layouts.find(new Document("_id", readModel)).first();
        if (noted != null && processingGroup.equals(noted.getString("processingGroup"))) {
            return;
        }
        removeOlderLayout.run();
        layouts.replaceOne(
                new Document("_id", readModel),
                new Document("_id", readModel).append("processingGroup", processingGroup),
                new ReplaceOptions().upsert(true));
    }
}
