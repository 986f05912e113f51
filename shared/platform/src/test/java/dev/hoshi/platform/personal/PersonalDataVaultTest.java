package dev.hoshi.platform.personal;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.kernel.id.UserId;
import dev.hoshi.platform.personal.PersonalDataVault.Owner;
import dev.hoshi.testsupport.TestMongo;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.Test;

class PersonalDataVaultTest {

    private final MongoDatabase db =
            TestMongo.get().client().getDatabase(TestMongo.get().freshDatabaseName("vault"));
    private final PersonalDataVault vault = new PersonalDataVault(db);
    private final UserId hanako = UserId.of("hanako");

    @Test
    void aValueEncryptedForAPersonReadsBackAndShowsNoPlainText() {
        String sealed = vault.encrypt(hanako, "hanako@example.jp");

        assertThat(sealed).startsWith("pd2:").doesNotContain("hanako@example.jp");
        assertThat(vault.encrypt(hanako, "hanako@example.jp"))
                .as("a fresh nonce each time")
                .isNotEqualTo(sealed);
        assertThat(vault.decrypt(hanako, sealed)).contains("hanako@example.jp");
        assertThat(db.getCollection("keys").countDocuments()).isEqualTo(1);
        assertThat(db.getCollection("person_keys").countDocuments()).isZero();
        assertThat(db.getCollection("keys").find().first().toJson())
                .as("the vault finds keys by a keyed digest, not by user id")
                .doesNotContain("hanako");
    }

    @Test
    void anAddressSealedTheOldWayWithTheKeyKeptByUserIdStillReadsUntilForgotten() throws Exception {
        KeyGenerator generator = KeyGenerator.getInstance("AES");
        generator.init(256);
        SecretKey key = generator.generateKey();
        db.getCollection("person_keys")
                .insertOne(new Document("_id", "hanako").append("key", new Binary(key.getEncoded())));
        String legacy = "pd1:" + AesGcm.seal(key, "hanako", "hanako@example.jp");

        assertThat(vault.decrypt(hanako, legacy)).contains("hanako@example.jp");
        vault.forget(hanako);
        assertThat(vault.decrypt(hanako, legacy)).isEmpty();
        assertThat(db.getCollection("person_keys").countDocuments()).isZero();
    }

    @Test
    void erasingIsIdempotentAndAnOrganisationsKeyIsItsOwn() {
        Owner acme = Owner.organization(TenantId.of("acme"));
        String note = vault.seal(acme, "社内メモ");
        String hers = vault.encrypt(hanako, "hanako@example.jp");

        assertThat(vault.erase(acme).keyId()).isPresent();
        assertThat(vault.erase(acme).keyId())
                .as("the same again deletes nothing")
                .isEmpty();
        assertThat(vault.open(note)).isEmpty();
        assertThat(vault.open(hers)).contains("hanako@example.jp");
    }

    @Test
    void aKeyCachedByAnotherProcessIsForgottenWhenTheErasureIsHandledThere() {
        AtomicLong now = new AtomicLong();
        PersonalDataVault here = new PersonalDataVault(db, Duration.ofSeconds(30), now::get);
        PersonalDataVault there = new PersonalDataVault(db, Duration.ofSeconds(30), now::get);
        PersonalDataVault elsewhere = new PersonalDataVault(db, Duration.ofSeconds(30), now::get);
        String sealed = here.encrypt(hanako, "hanako@example.jp");
        assertThat(there.open(sealed)).contains("hanako@example.jp");
        assertThat(elsewhere.open(sealed)).contains("hanako@example.jp");

        PersonalDataVault.Erasure erasure = here.forget(hanako);

        assertThat(here.open(sealed)).as("at once where it was erased").isEmpty();
        assertThat(there.open(sealed)).as("cached elsewhere until the TTL").isPresent();
        there.evict(erasure.keyId().orElseThrow());
        assertThat(there.open(sealed))
                .as("at once where the erasure's event was handled")
                .isEmpty();
        assertThat(elsewhere.open(sealed)).isPresent();
        now.addAndGet(Duration.ofSeconds(31).toNanos());
        assertThat(elsewhere.open(sealed)).as("everywhere after the TTL").isEmpty();
    }

    @Test
    void anotherPersonsKeyCannotReadIt() {
        String sealed = vault.encrypt(hanako, "hanako@example.jp");
        vault.encrypt(UserId.of("taro"), "taro@example.jp");

        assertThat(vault.decrypt(UserId.of("taro"), sealed)).isEmpty();
    }

    @Test
    void forgettingThePersonMakesEveryCopyUnreadable() {
        String sealed = vault.encrypt(hanako, "hanako@example.jp");

        vault.forget(hanako);

        assertThat(vault.decrypt(hanako, sealed)).isEmpty();
        assertThat(vault.decrypt(hanako, null)).isEmpty();
    }
}
