package dev.hoshi.platform.personal;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import dev.hoshi.kernel.cache.BoundedLru;
import dev.hoshi.kernel.context.Actor;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.kernel.id.UserId;
import dev.hoshi.kernel.personal.Personal;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import javax.crypto.KeyGenerator;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.bson.Document;
import org.bson.types.Binary;

/**
 * The keys that protect personal data in events and snapshots (crypto-shredding): one AES-256 key per person and
 * one per organisation, kept in their own database, never in the event store. A value is sealed as {@code
 * pd2:<key id>:<base64>} (AES-GCM, a random nonce per value, the key id bound as associated data): the key id is
 * random, so a stored value names neither its owner nor anything derivable from them. Keys are found by owner
 * through a keyed digest (HMAC-SHA-256 under a secret of the vault), so the vault holds no user id either.
 *
 * <p>{@link #erase} deletes the owner's key: every value sealed with it then opens as empty, everywhere, and the key
 * id becomes a dangling, non-reversible reference. Keys are cached per process: an unknown (erased) key id forever,
 * since key ids are never reused, a key for {@code key-cache-ttl} (default 30 s), and an erasure in this process
 * evicts at once. Every other process evicts it when it sees the erasure's event ({@link #evict}, {@link
 * KeyErasureWatcher}), and at the latest when its cached key expires.
 *
 * <p>Still reads, for the history written before: {@code pd1:<base64>} e-mail addresses sealed with the person's
 * key of {@code person_keys} (keyed by user id); {@link #forget} erases those too.
 */
public final class PersonalDataVault {

    static final String LEGACY_PREFIX = "pd1:";
    static final String PREFIX = "pd2:";
    private static final int CACHE_CAPACITY = 10_000;
    private static final String USER_ACTOR = Actor.Kind.USER + ":";
    private static final Pattern ERASED_USER = Pattern.compile(Personal.ERASED_USER_PREFIX + "([0-9a-f]{8}|legacy)");

    /** Whose key: a person or an organisation. */
    public record Owner(String kind, String id) {

        public static Owner person(UserId person) {
            return new Owner("person", person.value());
        }

        public static Owner organization(TenantId organization) {
            return new Owner("organization", organization.toString());
        }

        /**
         * Hoshi's own key, for operators' text that must outlive any one person or organisation (an erasure's
         * reason): kept out of the store in clear, erased only by deleting this one key.
         */
        public static Owner platform() {
            return new Owner("platform", "hoshi");
        }

        String name() {
            return kind + ":" + id;
        }
    }

    /** What an erasure did: the digest of the owner (as the vault looked it up) and the key id it deleted, if any. */
    public record Erasure(String ownerDigest, Optional<String> keyId) {

        /** What the person's sealed user ids read as from now on ({@code erased-<key ref>}). */
        public String erasedAs() {
            return erasedUser(keyId.map(k -> PREFIX + k + ":").orElse(null));
        }
    }

    private final MongoCollection<Document> legacyKeys;
    private final MongoCollection<Document> keys;
    private final MongoCollection<Document> settings;
    private final SecureRandom random = new SecureRandom();
    private final BoundedLru<String, Cached<SecretKey>> keysById = new BoundedLru<>(CACHE_CAPACITY);
    private final BoundedLru<String, Cached<String>> keyIdsByOwner = new BoundedLru<>(CACHE_CAPACITY);
    private final long ttlNanos;
    private final LongSupplier nanoTime;
    private volatile SecretKey pepper;

    private record Cached<V>(V value, long loadedAt) {}

    public PersonalDataVault(MongoDatabase database) {
        this(database, Duration.ofSeconds(30), System::nanoTime);
    }

    public PersonalDataVault(MongoDatabase database, Duration keyCacheTtl, LongSupplier nanoTime) {
        this.legacyKeys = database.getCollection("person_keys");
        this.keys = database.getCollection("keys");
        this.settings = database.getCollection("vault_settings");
        this.ttlNanos = keyCacheTtl.toNanos();
        this.nanoTime = nanoTime;
        keys.createIndex(Indexes.ascending("keyId"), new IndexOptions().unique(true));
    }

    /** Whether {@code text} is a value this vault sealed (either format). */
    public static boolean isSealed(String text) {
        return text != null && (text.startsWith(PREFIX) || text.startsWith(LEGACY_PREFIX));
    }

    /** A short, non-reversible reference to the key that sealed {@code sealed} ({@code pd2} values), for markers. */
    public static String keyReference(String sealed) {
        if (sealed == null || !sealed.startsWith(PREFIX)) {
            return "legacy";
        }
        String keyId = sealed.substring(PREFIX.length(), sealed.indexOf(':', PREFIX.length()));
        return keyId.substring(0, Math.min(8, keyId.length()));
    }

    /** What a user id sealed with an erased key reads as: {@code erased-} and the key's short reference. */
    public static String erasedUser(String sealed) {
        return Personal.ERASED_USER_PREFIX + keyReference(sealed);
    }

    /** Whether {@code text} is what an erased user id reads as. */
    public static boolean isErasedUser(String text) {
        return ERASED_USER.matcher(text).matches();
    }

    /**
     * Who acted ({@code kind:id}), sealed when a person ({@code USER:pd2:…} under their key); partner clients and
     * Hoshi itself stay as they are, as does what is sealed or erased already.
     */
    public String sealActor(String actor) {
        if (actor == null || !actor.startsWith(USER_ACTOR)) {
            return actor;
        }
        String subject = actor.substring(USER_ACTOR.length());
        if (isSealed(subject) || isErasedUser(subject)) {
            return actor;
        }
        return USER_ACTOR + seal(Owner.person(UserId.of(subject)), subject);
    }

    /** Who acted, in clear; {@code USER:erased-<key ref>} once the person was erased. */
    public String openActor(String actor) {
        if (actor == null || !actor.startsWith(USER_ACTOR + PREFIX)) {
            return actor;
        }
        String sealed = actor.substring(USER_ACTOR.length());
        return USER_ACTOR + open(sealed).orElseGet(() -> erasedUser(sealed));
    }

    /** {@code value} sealed with {@code owner}'s key (created on first use); null stays null. */
    public String seal(Owner owner, String value) {
        if (value == null) {
            return null;
        }
        String keyId = keyIdOf(owner);
        Optional<SecretKey> key = key(keyId);
        if (key.isEmpty()) {
            // the cached key id was erased meanwhile (its eviction came before its owner's entry expired): a new key
            keyIdsByOwner.remove(digest(owner));
            keyId = keyIdOf(owner);
            key = key(keyId);
        }
        String sealedWith = keyId;
        SecretKey found =
                key.orElseThrow(() -> new IllegalStateException("the key " + sealedWith + " was erased while sealing"));
        return PREFIX + keyId + ":" + AesGcm.seal(found, keyId, value);
    }

    /**
     * {@code value} as a read model stores it: sealed with {@code owner}'s key, unless null, sealed already or an
     * erased marker (nothing personal left).
     */
    public String sealValue(Owner owner, String value) {
        if (value == null || isSealed(value) || value.equals(Personal.ERASED) || isErasedUser(value)) {
            return value;
        }
        return seal(owner, value);
    }

    /** A stored text in clear: a sealed one opened, {@link Personal#ERASED} once its key is gone; others as they are. */
    public String openText(String stored) {
        return stored == null || !stored.startsWith(PREFIX)
                ? stored
                : open(stored).orElse(Personal.ERASED);
    }

    /** A stored user id in clear: a sealed one opened, {@code erased-<key ref>} once its key is gone. */
    public String openUserId(String stored) {
        return stored == null || !stored.startsWith(PREFIX)
                ? stored
                : open(stored).orElseGet(() -> erasedUser(stored));
    }

    /** The value of a {@code pd2} text, empty when its key was erased (or it is not such a text). */
    public Optional<String> open(String sealed) {
        if (sealed == null || !sealed.startsWith(PREFIX)) {
            return Optional.empty();
        }
        int colon = sealed.indexOf(':', PREFIX.length());
        if (colon < 0) {
            return Optional.empty();
        }
        String keyId = sealed.substring(PREFIX.length(), colon);
        Optional<SecretKey> key = key(keyId);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(AesGcm.open(key.get(), keyId, sealed.substring(colon + 1)));
        } catch (GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    /** The address encrypted for {@code person}, as text for an event; null stays null. */
    public String encrypt(UserId person, String value) {
        return seal(Owner.person(person), value);
    }

    /** The value, unless the person's key was erased (or the text is not one this vault wrote for them). */
    public Optional<String> decrypt(UserId person, String encrypted) {
        if (encrypted != null && encrypted.startsWith(PREFIX)) {
            return existingKeyId(Owner.person(person))
                    .filter(keyId -> encrypted.startsWith(PREFIX + keyId + ":"))
                    .flatMap(keyId -> open(encrypted));
        }
        if (encrypted == null || !encrypted.startsWith(LEGACY_PREFIX)) {
            return Optional.empty();
        }
        Document doc = legacyKeys.find(new Document("_id", person.value())).first();
        if (doc == null) {
            return Optional.empty();
        }
        try {
            SecretKey key = new SecretKeySpec(doc.get("key", Binary.class).getData(), "AES");
            return Optional.of(AesGcm.open(key, person.value(), encrypted.substring(LEGACY_PREFIX.length())));
        } catch (GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    /** Erases the person's keys (current and legacy): what was sealed for them can no longer be read anywhere. */
    public Erasure forget(UserId person) {
        legacyKeys.deleteOne(new Document("_id", person.value()));
        return erase(Owner.person(person));
    }

    /** Deletes {@code owner}'s key; the same again finds nothing to delete. */
    public Erasure erase(Owner owner) {
        String digest = digest(owner);
        Document deleted = keys.findOneAndDelete(new Document("_id", digest));
        keyIdsByOwner.remove(digest);
        Optional<String> keyId = Optional.ofNullable(deleted).map(d -> d.getString("keyId"));
        keyId.ifPresent(this::evict);
        return new Erasure(digest, keyId);
    }

    /** Forgets a cached key (another process erased it): from now on its values open as empty here too. */
    public void evict(String keyId) {
        keysById.put(keyId, new Cached<>(null, nanoTime.getAsLong()));
    }

    /** The keyed, non-reversible digest under which the vault finds {@code owner}'s key. */
    public String digest(Owner owner) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(pepper());
            return HexFormat.of().formatHex(mac.doFinal(owner.name().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Digesting a key owner failed", e);
        }
    }

    /**
     * A stable, non-reversible name of {@code person} for one {@code use} (an aggregate id that must not carry their
     * user id): the vault's keyed digest, different per use, so it is neither their id nor their key's digest. Only
     * someone who knows the user id and holds the vault's digest key can find it again.
     */
    public String pseudonym(String use, UserId person) {
        return digest(new Owner(use, person.value()));
    }

    /**
     * Whether {@code user}, a user id as a read model stored it, is the person {@code subjectDigest} names (an
     * erasure's {@link #digest}); what is not a user id is nobody.
     */
    public boolean isSubject(String user, String subjectDigest) {
        if (user == null || subjectDigest == null) {
            return false;
        }
        try {
            return digest(Owner.person(UserId.of(user))).equals(subjectDigest);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private Optional<SecretKey> key(String keyId) {
        Cached<SecretKey> cached = keysById.get(keyId);
        if (cached != null && (cached.value() == null || fresh(cached))) {
            return Optional.ofNullable(cached.value()); // an erased key id stays erased
        }
        Document doc = keys.find(new Document("keyId", keyId)).first();
        SecretKey key = doc == null
                ? null
                : new SecretKeySpec(doc.get("key", Binary.class).getData(), "AES");
        keysById.put(keyId, new Cached<>(key, nanoTime.getAsLong()));
        return Optional.ofNullable(key);
    }

    private Optional<String> existingKeyId(Owner owner) {
        Cached<String> cached = keyIdsByOwner.get(digest(owner));
        if (cached != null && fresh(cached)) {
            return Optional.of(cached.value());
        }
        return Optional.ofNullable(keys.find(new Document("_id", digest(owner))).first())
                .map(doc -> doc.getString("keyId"));
    }

    private String keyIdOf(Owner owner) {
        String digest = digest(owner);
        Cached<String> cached = keyIdsByOwner.get(digest);
        if (cached != null && fresh(cached)) {
            return cached.value();
        }
        Document doc = keys.find(new Document("_id", digest)).first();
        if (doc == null) {
            doc = create(digest, owner.kind());
        }
        String keyId = doc.getString("keyId");
        long now = nanoTime.getAsLong();
        keyIdsByOwner.put(digest, new Cached<>(keyId, now));
        keysById.put(
                keyId,
                new Cached<>(new SecretKeySpec(doc.get("key", Binary.class).getData(), "AES"), now));
        return keyId;
    }

    /** A new key for the owner; the first writer wins (a racing second reads the winner's). */
    private Document create(String digest, String kind) {
        Document fresh = new Document("_id", digest)
                .append("keyId", UUID.randomUUID().toString().replace("-", ""))
                .append("kind", kind)
                .append("key", new Binary(newKey().getEncoded()));
        try {
            keys.insertOne(fresh);
            return fresh;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            Document winner = keys.find(new Document("_id", digest)).first();
            if (winner == null) {
                throw e;
            }
            return winner;
        }
    }

    private boolean fresh(Cached<?> cached) {
        return nanoTime.getAsLong() - cached.loadedAt() < ttlNanos;
    }

    private SecretKey pepper() {
        SecretKey known = pepper;
        if (known != null) {
            return known;
        }
        Document doc = settings.find(new Document("_id", "digest-key")).first();
        if (doc == null) {
            try {
                settings.insertOne(new Document("_id", "digest-key").append("key", new Binary(newKey().getEncoded())));
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
            }
            doc = settings.find(new Document("_id", "digest-key")).first();
        }
        pepper = new SecretKeySpec(doc.get("key", Binary.class).getData(), "HmacSHA256");
        return pepper;
    }

    private SecretKey newKey() {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256, random);
            return generator.generateKey();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("No AES key generator", e);
        }
    }
}
