package dev.hoshi.insights.webhook;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import dev.hoshi.platform.personal.AesGcm;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.bson.Document;
import org.bson.types.Binary;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Endpoint secrets: made here (32 random bytes, shown once), stored only encrypted (AES-256-GCM, the endpoint id as
 * associated data), because signing needs the secret itself (a hash could not sign). The key is {@code
 * hoshi.insights.webhooks.secret-key} (base64 of 32 bytes: keep it outside the database, in a secret store); without
 * one, a key is made once and kept in {@code webhook_keys}, which then protects only copies of the endpoints
 * collection taken without it.
 */
@Component
class WebhookSecrets {

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    WebhookSecrets(
            @Qualifier("serviceDatabase") MongoDatabase db,
            @Value("${hoshi.insights.webhooks.secret-key:}") String configured) {
        this.key = configured.isBlank()
                ? storedKey(db.getCollection("webhook_keys"))
                : new SecretKeySpec(Base64.getDecoder().decode(configured.strip()), "AES");
        if (key.getEncoded().length != 32) {
            throw new IllegalStateException("hoshi.insights.webhooks.secret-key must be the base64 of 32 bytes");
        }
    }

    /** A new endpoint secret, as its owner will type it: {@code whsec_} and 43 base64url characters. */
    String newSecret() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    String seal(String endpointId, String secret) {
        return AesGcm.seal(key, endpointId, secret);
    }

    String open(String endpointId, String sealed) {
        try {
            return AesGcm.open(key, endpointId, sealed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A webhook secret cannot be opened with this key", e);
        }
    }

    private static SecretKey storedKey(MongoCollection<Document> keys) {
        Document found = keys.find(new Document("_id", "current")).first();
        if (found == null) {
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            try {
                keys.insertOne(new Document("_id", "current").append("key", new Binary(fresh)));
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
            }
            found = keys.find(new Document("_id", "current")).first();
        }
        return new SecretKeySpec(found.get("key", Binary.class).getData(), "AES");
    }
}
