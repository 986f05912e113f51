package dev.hoshi.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.io.IOException;
import java.nio.file.Path;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedStoreTest {

    @TempDir
    Path data;

    @Test
    void dataSurvivesAStopAndAStartOnTheSameDirectory() throws IOException {
        try (EmbeddedStore store = EmbeddedStore.start(data, 0);
                MongoClient client = MongoClients.create(store.connectionString())) {
            client.getDatabase("hoshi").getCollection("things").insertOne(new Document("_id", "kept"));
        }

        try (EmbeddedStore again = EmbeddedStore.start(data, 0);
                MongoClient client = MongoClients.create(again.connectionString())) {
            assertThat(client.getDatabase("hoshi")
                            .getCollection("things")
                            .find()
                            .first())
                    .containsEntry("_id", "kept");
        }
        assertThat(data.resolve("store/hoshi.mv")).exists();
    }

    @Test
    void aBusyPortGivesAnErrorThatSaysWhatToDo() throws IOException {
        try (EmbeddedStore first = EmbeddedStore.start(data.resolve("a"), 0)) {
            assertThatThrownBy(() -> EmbeddedStore.start(data.resolve("b"), first.port()))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("HOSHI_STORE_PORT");
        }
    }
}
