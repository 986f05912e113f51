package dev.hoshi.platform.personal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.kernel.id.UserId;
import dev.hoshi.kernel.personal.Personal;
import dev.hoshi.kernel.personal.Personal.KeyOf;
import dev.hoshi.platform.personal.PersonalDataVault.Owner;
import dev.hoshi.testsupport.TestMongo;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

class PersonalDataSerializerTest {

    /** An event as the -api modules declare them. */
    record NoteTaken(
            TenantId organizationId,
            @Personal UserId author,
            @Personal(value = KeyOf.PERSON, of = "author") String authorName,
            @Personal(KeyOf.ORGANIZATION) String note,
            String topic) {}

    /** A part of an event without its own organisation id: sealed with the enclosing event's organisation's key. */
    record Asset(String name, @Personal(KeyOf.ORGANIZATION) String owner) {}

    record AssetRecorded(TenantId organizationId, Asset asset, @Personal(KeyOf.ACTOR) String viewer) {}

    /** Aggregate state as a snapshot keeps it: the events it folded, by key. */
    @JsonAutoDetect(
            fieldVisibility = Visibility.ANY,
            getterVisibility = Visibility.NONE,
            isGetterVisibility = Visibility.NONE)
    static final class Notebook {
        private final Map<String, NoteTaken> notes = new TreeMap<>();
    }

    /** An aggregate keeping people by user id: a set and a map's keys. */
    @JsonAutoDetect(
            fieldVisibility = Visibility.ANY,
            getterVisibility = Visibility.NONE,
            isGetterVisibility = Visibility.NONE)
    static final class Team {
        @Personal
        private final Set<UserId> analysts = new LinkedHashSet<>();

        @Personal
        private final Map<UserId, String> roles = new LinkedHashMap<>();
    }

    private final MongoDatabase db =
            TestMongo.get().client().getDatabase(TestMongo.get().freshDatabaseName("vault"));
    private final PersonalDataVault vault = new PersonalDataVault(db);
    private final Serializer serializer = PersonalDataSerializer.wrap(
            JacksonSerializer.builder().objectMapper(new ObjectMapper()).build(), vault);
    private final NoteTaken event =
            new NoteTaken(TenantId.of("acme"), UserId.of("hanako-subject"), "山田花子", "金庫の暗証番号は1234", "vault");

    @Test
    void markedValuesAreStoredSealedAndReadBackInClear() {
        String json = serializer.serialize(event, String.class).getData();

        assertThat(json).doesNotContain("hanako-subject", "山田花子", "金庫の暗証番号").contains("\"topic\":\"vault\"");
        assertThat(roundTrip(event)).isEqualTo(event);
    }

    @Test
    void afterThePersonsErasureTheirValuesReadAsErasedAndTheOrganisationsStay() {
        String json = serializer.serialize(event, String.class).getData();

        vault.forget(UserId.of("hanako-subject"));
        NoteTaken read = read(json, NoteTaken.class);

        assertThat(read.author().value()).matches("erased-[0-9a-f]{8}");
        assertThat(read.authorName()).isEqualTo(Personal.ERASED);
        assertThat(read.note()).isEqualTo("金庫の暗証番号は1234");
        assertThat(read.organizationId()).isEqualTo(TenantId.of("acme"));
    }

    @Test
    void afterTheOrganisationsErasureItsFreeTextReadsAsErased() {
        String json = serializer.serialize(event, String.class).getData();

        vault.erase(Owner.organization(TenantId.of("acme")));

        assertThat(read(json, NoteTaken.class).note()).isEqualTo(Personal.ERASED);
        assertThat(read(json, NoteTaken.class).authorName()).isEqualTo("山田花子");
    }

    @Test
    void valuesStoredInClearBeforeStillRead() {
        String old = "{\"organizationId\":\"acme\",\"author\":\"taro\",\"authorName\":\"太郎\",\"note\":\"memo\","
                + "\"topic\":\"t\"}";

        assertThat(read(old, NoteTaken.class))
                .isEqualTo(new NoteTaken(TenantId.of("acme"), UserId.of("taro"), "太郎", "memo", "t"));
    }

    @Test
    void snapshotsOfStateHoldingEventsAreSealedToo() {
        Notebook notebook = new Notebook();
        notebook.notes.put("n1", event);

        String json = serializer.serialize(notebook, String.class).getData();
        assertThat(json).doesNotContain("hanako-subject", "山田花子", "金庫の暗証番号");
        assertThat(read(json, Notebook.class).notes).containsEntry("n1", event);

        vault.forget(UserId.of("hanako-subject"));
        Notebook afterErasure = read(json, Notebook.class);
        String again = serializer.serialize(afterErasure, String.class).getData();
        assertThat(afterErasure.notes.get("n1").authorName()).isEqualTo(Personal.ERASED);
        assertThat(again).as("an erased value is written as erased, no new key").contains(Personal.ERASED);
        assertThat(db.getCollection("keys").countDocuments())
                .as("only the organisation's key is left")
                .isEqualTo(1);
    }

    @Test
    void whoActedIsSealedWithThePersonsKeyAndReadsAsAnErasedPersonAfterwards() {
        MetaData meta = MetaData.with("actor", "USER:hanako-subject").and("tenantId", "acme");
        MetaData system = MetaData.with("actor", "SYSTEM:hoshi");

        String json = serializer.serialize(meta, String.class).getData();
        assertThat(json).doesNotContain("hanako-subject").contains("USER:pd2:", "acme");
        assertThat(readMeta(json)).isEqualTo(meta);
        assertThat(readMeta(serializer.serialize(system, String.class).getData()))
                .isEqualTo(system);

        vault.forget(UserId.of("hanako-subject"));
        assertThat(readMeta(json).get("actor").toString()).matches("USER:erased-[0-9a-f]{8}");
    }

    @Test
    void aNestedValueTakesTheEnclosingOrganisationsKeyAndAnActorComponentSealsOnlyPeople() {
        AssetRecorded recorded =
                new AssetRecorded(TenantId.of("acme"), new Asset("顧客台帳", "総務部 佐藤"), "USER:hanako-subject");
        AssetRecorded byPartner = new AssetRecorded(TenantId.of("acme"), new Asset("a", null), "PARTNER_CLIENT:p1");

        String json = serializer.serialize(recorded, String.class).getData();
        assertThat(json).doesNotContain("佐藤", "hanako-subject").contains("顧客台帳");
        assertThat(serializer.serialize(byPartner, String.class).getData()).contains("PARTNER_CLIENT:p1");
        assertThat(read(json, AssetRecorded.class)).isEqualTo(recorded);

        vault.forget(UserId.of("hanako-subject"));
        vault.erase(Owner.organization(TenantId.of("acme")));
        AssetRecorded erased = read(json, AssetRecorded.class);
        assertThat(erased.asset().owner()).isEqualTo(Personal.ERASED);
        assertThat(erased.viewer()).matches("USER:erased-[0-9a-f]{8}");
    }

    @Test
    void theUserIdsOfAMarkedSetAndOfAMarkedMapsKeysAreSealedEachWithItsPersonsKey() {
        Team team = new Team();
        team.analysts.add(UserId.of("hanako-subject"));
        team.analysts.add(UserId.of("taro-subject"));
        team.roles.put(UserId.of("hanako-subject"), "OWNER");

        String json = serializer.serialize(team, String.class).getData();
        assertThat(json).doesNotContain("hanako-subject", "taro-subject").contains("OWNER");
        Team read = read(json, Team.class);
        assertThat(read.analysts).containsExactly(UserId.of("hanako-subject"), UserId.of("taro-subject"));
        assertThat(read.roles).containsExactly(Map.entry(UserId.of("hanako-subject"), "OWNER"));

        vault.forget(UserId.of("hanako-subject"));
        Team erased = read(json, Team.class);
        assertThat(erased.analysts).extracting(UserId::value).first().asString().matches("erased-[0-9a-f]{8}");
        assertThat(erased.analysts).contains(UserId.of("taro-subject"));
        assertThat(erased.roles.keySet())
                .extracting(UserId::value)
                .first()
                .asString()
                .startsWith("erased-");
    }

    private NoteTaken roundTrip(NoteTaken value) {
        return serializer.deserialize(serializer.serialize(value, String.class));
    }

    private <T> T read(String json, Class<T> type) {
        SerializedObject<String> stored =
                new SimpleSerializedObject<>(json, String.class, serializer.typeForClass(type));
        return serializer.deserialize(stored);
    }

    private MetaData readMeta(String json) {
        return read(json, MetaData.class);
    }
}
