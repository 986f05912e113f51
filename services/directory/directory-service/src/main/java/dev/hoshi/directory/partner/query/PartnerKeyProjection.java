package dev.hoshi.directory.partner.query;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import dev.hoshi.directory.api.partner.PartnerClientKeyMessages.PartnerClientKeyIssuedEvent;
import dev.hoshi.directory.api.partner.PartnerClientKeyMessages.PartnerClientKeyRevokedEvent;
import dev.hoshi.directory.api.partner.PartnerClientKeyMessages.ResolvePartnerKeyQuery;
import dev.hoshi.directory.api.partner.PartnerClientView;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Partner API keys by key id ({@code partner_keys/<keyId>}), holding only the hash of the secret. Resolving a key is
 * one point look-up and a constant-time comparison of hashes.
 */
@Component
@ProcessingGroup("directory-partner-keys")
class PartnerKeyProjection {

    private final MongoCollection<Document> keys;
    private final MongoCollection<Document> partnerClients;

    PartnerKeyProjection(@Qualifier("serviceDatabase") MongoDatabase db) {
        this.keys = db.getCollection("partner_keys");
        this.partnerClients = db.getCollection("partner_clients");
    }

    @EventHandler
    void on(PartnerClientKeyIssuedEvent event) {
        keys.replaceOne(
                new Document("_id", event.keyId()),
                new Document("_id", event.keyId())
                        .append("partnerClientId", event.partnerClientId().toString())
                        .append("secretHash", event.secretHash())
                        .append("revoked", false),
                new ReplaceOptions().upsert(true));
    }

    @EventHandler
    void on(PartnerClientKeyRevokedEvent event) {
        keys.updateOne(new Document("_id", event.keyId()), new Document("$set", new Document("revoked", true)));
    }

    @ResetHandler
    void reset() {
        keys.deleteMany(new Document());
    }

    @QueryHandler
    Optional<PartnerClientView> handle(ResolvePartnerKeyQuery query) {
        Document key = keys.find(new Document("_id", query.keyId())).first();
        if (key == null || key.getBoolean("revoked") || query.secretHash() == null) {
            return Optional.empty();
        }
        boolean matches = MessageDigest.isEqual(
                key.getString("secretHash").getBytes(StandardCharsets.US_ASCII),
                query.secretHash().getBytes(StandardCharsets.US_ASCII));
        if (!matches) {
            return Optional.empty();
        }
        String clientId = key.getString("partnerClientId");
        Document client = partnerClients.find(new Document("_id", clientId)).first();
        return Optional.of(new PartnerClientView(clientId, client == null ? clientId : client.getString("name")));
    }
}
