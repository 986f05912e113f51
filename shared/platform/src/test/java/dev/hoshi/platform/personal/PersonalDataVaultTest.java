package dev.hoshi.platform.personal;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import dev.hoshi.kernel.id.UserId;
import dev.hoshi.testsupport.TestMongo;
import org.junit.jupiter.api.Test;

class PersonalDataVaultTest {

    private final MongoDatabase db =
            TestMongo.get().client().getDatabase(TestMongo.get().freshDatabaseName("vault"));
    private final PersonalDataVault vault = new PersonalDataVault(db.getCollection("person_keys"));
    private final UserId hanako = UserId.of("hanako");

    @Test
    void aValueEncryptedForAPersonReadsBackAndShowsNoPlainText() {
        String sealed = vault.encrypt(hanako, "hanako@example.jp");

        assertThat(sealed).startsWith("pd1:").doesNotContain("hanako@example.jp");
        assertThat(vault.encrypt(hanako, "hanako@example.jp"))
                .as("a fresh nonce each time")
                .isNotEqualTo(sealed);
        assertThat(vault.decrypt(hanako, sealed)).contains("hanako@example.jp");
        assertThat(db.getCollection("person_keys").countDocuments()).isEqualTo(1);
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
