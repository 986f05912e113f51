package dev.hoshi.eventstore;

import com.mongodb.client.MongoClient;
import org.bson.Document;

/**
 * Whether the server can run multi-document transactions: a replica set member or a mongos that supports sessions.
 * The embedded MongoDB-wire server is neither, and refuses any use of a session, so this is asked once, up front.
 */
final class TransactionSupport {

    private TransactionSupport() {}

    static boolean isSupported(MongoClient client) {
        Document hello = hello(client);
        boolean sessions = hello.get("logicalSessionTimeoutMinutes") != null;
        boolean replicaSet = hello.get("setName") != null;
        boolean mongos = "isdbgrid".equals(hello.getString("msg"));
        return sessions && (replicaSet || mongos);
    }

    /** {@code isMaster}, not {@code hello}: every MongoDB 6+ still answers it and the embedded server knows no other. */
    private static Document hello(MongoClient client) {
        return client.getDatabase("admin").runCommand(new Document("isMaster", 1));
    }
}
