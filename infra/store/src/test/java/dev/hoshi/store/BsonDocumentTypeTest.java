package dev.hoshi.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.bson.BsonTimestamp;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.Code;
import org.bson.types.Decimal128;
import org.bson.types.MaxKey;
import org.bson.types.MinKey;
import org.bson.types.ObjectId;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store's documents as BSON ({@link BsonDocumentType}): every type the driver sends comes back the same after the
 * file is closed and opened again, at sizes past H2's page splits and past the encoder's first buffer; a file the
 * stock backend wrote (Java serialization) reads, takes new writes, and reads again with both kinds in one map.
 */
class BsonDocumentTypeTest {

    private static final int DOCUMENTS = 3_000;

    @TempDir
    Path data;

    @Test
    void everyValueTypeTheDriverSendsComesBackTheSameAfterReopening() throws Exception {
        Path file = data.resolve("hoshi.mv");
        Document sent = everyType();
        Document large = new Document("_id", "large")
                .append("text", "情報セキュリティ".repeat(250_000)) // 6 MB of UTF-8, far past the first 4 KB buffer
                .append("fields", manyFields(2_000));
        withStore(file, things -> {
            things.insertOne(sent);
            things.insertOne(large);
        });

        withStore(file, things -> {
            assertThat(things.find(Filters.eq("_id", sent.get("_id"))).first()).isEqualTo(sent);
            assertThat(things.find(Filters.eq("_id", "large")).first()).isEqualTo(large);
        });
        MVStore raw = new MVStore.Builder().fileName(file.toString()).readOnly().open();
        // H2's own value type, as the stock backend reads: the document on disk is BSON, not Java serialization
        try {
            assertThatThrownBy(() -> raw.openMap(FastIndexH2Backend.COLLECTION_MAP_PREFIX + "hoshi.things")
                            .get("large"))
                    .hasMessageContaining("Unknown tag 127");
        } finally {
            raw.close();
        }
    }

    @Test
    void aFileTheStockBackendWroteReadsTakesNewWritesAndReadsAgainWithBothFormatsInOneMap() throws Exception {
        Path file = data.resolve("hoshi.mv");
        try (ServedBackend stock = ServedBackend.serve(new H2Backend(file.toString()))) {
            things(stock).insertMany(documents(0, DOCUMENTS));
        }

        List<Document> expected = new ArrayList<>(documents(0, DOCUMENTS + 500));
        withStore(file, things -> {
            assertThat(sortedById(things)).isEqualTo(sortedById(expected.subList(0, DOCUMENTS)));
            for (int i = 0; i < DOCUMENTS; i += 2) { // every other one rewritten as BSON, the rest left as they were
                things.updateOne(Filters.eq("_id", id(i)), Updates.set("level", 2));
                expected.get(i).put("level", 2);
            }
            things.insertMany(documents(DOCUMENTS, DOCUMENTS + 500));
        });

        withStore(file, things -> assertThat(sortedById(things)).isEqualTo(sortedById(expected)));
    }

    @Test
    void compactingRewritesOldPagesAndEveryDocumentStaysTheSame() throws Exception {
        Path file = data.resolve("hoshi.mv");
        try (ServedBackend stock = ServedBackend.serve(new H2Backend(file.toString()))) {
            MongoCollection<Document> things = things(stock);
            things.insertMany(documents(0, DOCUMENTS));
            for (int i = 0; i < DOCUMENTS; i += 3) {
                things.deleteOne(Filters.eq("_id", id(i)));
            }
        }
        FastIndexH2Backend backend = new FastIndexH2Backend(file.toString());
        try (ServedBackend served = ServedBackend.serve(backend)) {
            backend.getMvStore().compactFile(60_000); // reads the stock pages, writes them again with this type
        }

        List<Document> all = documents(0, DOCUMENTS);
        List<Document> expected = IntStream.range(0, DOCUMENTS)
                .filter(i -> i % 3 != 0)
                .mapToObj(all::get)
                .toList();
        withStore(file, things -> assertThat(sortedById(things)).isEqualTo(sortedById(expected)));
    }

    @Test
    void aDocumentIsWrittenAsBsonAndWhatBsonCannotHoldIsWrittenAsBefore() {
        BsonDocumentType type = new BsonDocumentType();
        de.bwaldvogel.mongo.bson.Document bson = new de.bwaldvogel.mongo.bson.Document("_id", "a")
                .append("at", Instant.parse("2026-12-05T04:00:00Z"))
                .append("score", 21);
        de.bwaldvogel.mongo.bson.Document javaOnly =
                new de.bwaldvogel.mongo.bson.Document("_id", "b").append("at", new Date(0)); // no BSON type for it

        ByteBuffer written = write(type, bson, javaOnly, "not a document");

        assertThat(written.get(0)).isEqualTo(BsonDocumentType.BSON);
        assertThat(type.read(written)).isEqualTo(bson);
        assertThat(written.get(written.position())).isNotEqualTo(BsonDocumentType.BSON);
        assertThat(type.read(written)).isEqualTo(javaOnly);
        assertThat(type.read(written)).isEqualTo("not a document");
        assertThat(written.hasRemaining()).isFalse();
    }

    private static ByteBuffer write(BsonDocumentType type, Object... values) {
        WriteBuffer buffer = new WriteBuffer();
        for (Object value : values) {
            type.write(buffer, value);
        }
        return buffer.getBuffer().flip();
    }

    private static Document everyType() {
        byte[] uuid = new byte[16];
        uuid[3] = 7;
        return new Document("_id", new ObjectId("6750f0a1c2d3e4f5a6b7c8d9"))
                .append("name", "佐藤製作所")
                .append("int", 25)
                .append("long", 9_000_000_000L)
                .append("double", 62.5)
                .append("decimal", Decimal128.parse("1234.5678"))
                .append("true", true)
                .append("false", false)
                .append("null", null)
                .append("date", new Date(1_764_892_800_000L))
                .append("timestamp", new BsonTimestamp(1_764_892_800, 3))
                .append("binary", new Binary(new byte[] {0, 1, 2, -1}))
                .append("uuid", new Binary((byte) 4, uuid))
                .append("legacyUuid", new Binary((byte) 3, uuid))
                .append("regex", new org.bson.BsonRegularExpression("^sato", "i"))
                .append("code", new Code("function () {}"))
                .append("min", new MinKey())
                .append("max", new MaxKey())
                .append("empty", new Document())
                .append("nested", new Document("article", 3).append("items", List.of(1, "two", new Document("x", 3.0))))
                .append("array", List.of(List.of(), List.of(1L, 2L), new Document("ok", true)));
    }

    private static Document manyFields(int count) {
        Document fields = new Document();
        for (int i = 0; i < count; i++) {
            fields.append("item" + i, new Document("status", i % 3).append("note", "メモ " + i));
        }
        return fields;
    }

    private static List<Document> documents(int from, int to) {
        List<Document> documents = new ArrayList<>();
        for (int i = from; i < to; i++) {
            documents.add(new Document("_id", id(i))
                    .append("tenant", "org-" + (i / 25))
                    .append("level", i % 2)
                    .append("score", (long) i * 7)
                    .append("reviewed", new Date(1_700_000_000_000L + i * 60_000L))
                    .append("items", List.of(new Document("no", i % 25).append("status", "DONE"))));
        }
        return documents;
    }

    private static String id(int i) {
        return "thing-" + i;
    }

    private static Map<String, Document> sortedById(MongoCollection<Document> things) {
        return sortedById(things.find().into(new ArrayList<>()));
    }

    private static Map<String, Document> sortedById(List<Document> documents) {
        Map<String, Document> byId = new TreeMap<>();
        documents.forEach(document -> byId.put(document.getString("_id"), document));
        return byId;
    }

    private static MongoCollection<Document> things(ServedBackend served) {
        return served.client().getDatabase("hoshi").getCollection("things");
    }

    private interface WithThings {
        void accept(MongoCollection<Document> things) throws Exception;
    }

    private static void withStore(Path file, WithThings work) throws Exception {
        try (ServedBackend served = ServedBackend.serve(new FastIndexH2Backend(file.toString()))) {
            work.accept(things(served));
        }
    }
}
