package dev.hoshi.directory.partner.query;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import dev.hoshi.directory.api.partner.FindPartnerClientQuery;
import dev.hoshi.directory.api.partner.ListPartnerClientsQuery;
import dev.hoshi.directory.api.partner.PartnerClientRegisteredEvent;
import dev.hoshi.directory.api.partner.PartnerClientView;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/** Partner clients, one document each keyed by id. */
@Component
@ProcessingGroup("directory-partner-clients")
class PartnerClientProjection {

    private final MongoCollection<Document> partnerClients;

    PartnerClientProjection(@Qualifier("serviceDatabase") MongoDatabase db) {
        this.partnerClients = db.getCollection("partner_clients");
    }

    @EventHandler
    void on(PartnerClientRegisteredEvent event) {
        String id = event.partnerClientId().toString();
        partnerClients.replaceOne(
                new Document("_id", id),
                new Document("_id", id).append("name", event.name()),
                new ReplaceOptions().upsert(true));
    }

    @ResetHandler
    void reset() {
        partnerClients.deleteMany(new Document());
    }

    @QueryHandler
    List<PartnerClientView> handle(ListPartnerClientsQuery query) {
        List<PartnerClientView> all = new ArrayList<>();
        partnerClients
                .find()
                .forEach(doc -> all.add(new PartnerClientView(doc.getString("_id"), doc.getString("name"))));
        return all;
    }

    @QueryHandler
    Optional<PartnerClientView> handle(FindPartnerClientQuery query) {
        return Optional.ofNullable(partnerClients
                        .find(new Document("_id", query.partnerClientId().toString()))
                        .first())
                .map(doc -> new PartnerClientView(doc.getString("_id"), doc.getString("name")));
    }
}
