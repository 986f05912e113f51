package dev.hoshi.platform.personal;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import dev.hoshi.kernel.id.UserId;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Optional;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.bson.Document;
import org.bson.types.Binary;

/**
 * Encrypts a person's personal data for events (AES-256-GCM, a random 96-bit nonce per value, the user id bound as
 * associated data) with that person's own key, kept in {@code person_keys} (keyed by user id) of its own database,
 * never in the event store. {@link #forget} erases the key: every value encrypted for that person then reads as
 * absent. Every service that holds the same database reads the same keys; the first writer of a key wins (a second
 * racing writer reads the winner's).
 */
public final class PersonalDataVault {

    private static final String PREFIX = "pd1:";

    private final MongoCollection<Document> keys;
    private final SecureRandom random = new SecureRandom();

    public PersonalDataVault(MongoCollection<Document> keys) {
        this.keys = keys;
    }

    /** The value encrypted for {@code person}, as text for an event ({@code pd1:<base64>}); null stays null. */
    public String encrypt(UserId person, String value) {
        if (value == null) {
            return null;
        }
        try {
            return PREFIX + AesGcm.seal(keyOf(person), person.value(), value);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Encrypting personal data failed", e);
        }
    }

    /** The value, unless the person's key was erased (or the text is not one this vault wrote for them). */
    public Optional<String> decrypt(UserId person, String encrypted) {
        if (encrypted == null || !encrypted.startsWith(PREFIX)) {
            return Optional.empty();
        }
        Optional<SecretKey> key = existingKey(person);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(AesGcm.open(key.get(), person.value(), encrypted.substring(PREFIX.length())));
        } catch (GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    /** Erases the person's key: what was encrypted for them can no longer be read anywhere. */
    public void forget(UserId person) {
        keys.deleteOne(new Document("_id", person.value()));
    }

    private Optional<SecretKey> existingKey(UserId person) {
        return Optional.ofNullable(
                        keys.find(new Document("_id", person.value())).first())
                .map(doc -> new SecretKeySpec(doc.get("key", Binary.class).getData(), "AES"));
    }

    private SecretKey keyOf(UserId person) throws GeneralSecurityException {
        Optional<SecretKey> existing = existingKey(person);
        if (existing.isPresent()) {
            return existing.get();
        }
        KeyGenerator generator = KeyGenerator.getInstance("AES");
        generator.init(256, random);
        SecretKey fresh = generator.generateKey();
        try {
            keys.insertOne(new Document("_id", person.value()).append("key", new Binary(fresh.getEncoded())));
            return fresh;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            return existingKey(person).orElseThrow(() -> e);
        }
    }
}
