package dev.hoshi.store;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The value type of the embedded store's collections: writes each document as BSON, the encoding MongoDB itself
 * stores and mongo-java-server already speaks on the wire, and reads both that and the Java serialization that files
 * written before hold.
 *
 * <p>mongo-java-server keeps a collection in an H2 map of documents, and H2's default value type Java-serializes
 * every document it writes into a page and deserializes every document it reads from one (a new object stream, with
 * every class described again, per document). A profile of the local system under load found about a quarter of the
 * store's CPU there, and much of what its collector had to clean up (docs/performance.md).
 *
 * <p>Format: a BSON document is written as the byte {@value #BSON} followed by the document, whose first four bytes
 * are its own length. {@link ObjectDataType} starts every value it writes with a tag of at most 119, so a value
 * without this byte is one written before (or a value that is not a document, or a document BSON cannot hold, such
 * as one with a Java type the wire never carries), and is read and written as {@link ObjectDataType} does. A file
 * written by this type is read by this type only: a Hoshi from before it cannot open a file this one has written to.
 */
final class BsonDocumentType extends BasicDataType<Object> {

    /** First byte of a BSON document; never the first byte of what {@link ObjectDataType} writes (tags 0–119). */
    static final byte BSON = 127;

    /** How much memory H2 assumes a document takes before it has seen any (the stock type's starting figure). */
    private static final int INITIAL_MEMORY_ESTIMATE = 10_000;

    /**
     * A document in memory takes several times its BSON size (a map entry, a string and often a boxed number per
     * field); H2 sizes its page cache and splits pages by this estimate.
     */
    private static final int MEMORY_PER_BSON_BYTE = 4;

    private static final ThreadLocal<ByteBuf> ENCODING = ThreadLocal.withInitial(() -> Unpooled.buffer(4_096));

    private final ObjectDataType legacy = new ObjectDataType();

    /** An exponential moving average, as {@link ObjectDataType} keeps for serialized objects; races only blur it. */
    private volatile int memoryEstimate = INITIAL_MEMORY_ESTIMATE;

    @Override
    public Object[] createStorage(int size) {
        return new Object[size];
    }

    @Override
    public int getMemory(Object value) {
        return value instanceof Document ? memoryEstimate : legacy.getMemory(value);
    }

    @Override
    public void write(WriteBuffer buff, Object value) {
        if (value instanceof Document document) {
            ByteBuf encoded = ENCODING.get().clear();
            try {
                BsonEncoder.encodeDocument(document, encoded);
            } catch (IllegalArgumentException notBson) {
                legacy.write(buff, value);
                return;
            }
            int length = encoded.readableBytes();
            estimate(length);
            buff.put(BSON).put(encoded.array(), encoded.arrayOffset() + encoded.readerIndex(), length);
            return;
        }
        legacy.write(buff, value);
    }

    @Override
    public Object read(ByteBuffer buff) {
        int start = buff.position();
        if (buff.get(start) != BSON) {
            return legacy.read(buff);
        }
        int length = littleEndianInt(buff, start + 1);
        ByteBuffer bson = buff.duplicate();
        bson.position(start + 1).limit(start + 1 + length);
        Document document = BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bson));
        buff.position(start + 1 + length);
        estimate(length);
        return document;
    }

    @Override
    public int compare(Object a, Object b) {
        return legacy.compare(a, b);
    }

    private void estimate(int bsonLength) {
        memoryEstimate = (int) (((long) bsonLength * MEMORY_PER_BSON_BYTE + 15L * memoryEstimate) / 16);
    }

    private static int littleEndianInt(ByteBuffer buff, int at) {
        return (buff.get(at) & 0xff)
                | (buff.get(at + 1) & 0xff) << 8
                | (buff.get(at + 2) & 0xff) << 16
                | (buff.get(at + 3) & 0xff) << 24;
    }
}
