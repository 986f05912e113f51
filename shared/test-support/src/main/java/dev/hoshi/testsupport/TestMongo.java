package dev.hoshi.testsupport;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.MongoDBContainer;

/**
 * The MongoDB that tests run against, chosen once per JVM:
 *
 * <ol>
 *   <li>{@code MONGODB_URI}, when set: a real server (a replica set gives transactions);
 *   <li>else Testcontainers' MongoDB (a single-node replica set), when a Docker engine answers;
 *   <li>else the in-process MongoDB-wire server {@code mongo-java-server} (memory backend), which has no
 *       transactions and uses only unique indexes.
 * </ol>
 *
 * <p>The choice is printed once ({@code [hoshi-test] MongoDB backend: ...}) and kept in the system properties
 * {@value #BACKEND_PROPERTY} and {@value #TRANSACTIONS_PROPERTY}, which Surefire and Failsafe write into each suite's
 * XML report ({@code .ci/run} sums them up at the end), so a run always says what it tested.
 * {@code HOSHI_TEST_MONGO=embedded} forces the in-process server even where Docker is available. Each suite should
 * take its own database from {@link #freshDatabaseName(String)} so suites never see each other's data.
 */
public final class TestMongo {

    /** Where the tests' MongoDB comes from. */
    public enum Backend {
        EXTERNAL,
        TESTCONTAINERS,
        EMBEDDED
    }

    /** The system property naming the backend ({@link #describe()}). */
    public static final String BACKEND_PROPERTY = "hoshi.test.mongo";

    /** The system property saying whether the backend has transactions ({@code true} / {@code false}). */
    public static final String TRANSACTIONS_PROPERTY = "hoshi.test.mongo.transactions";

    private static volatile TestMongo instance;

    private final Backend backend;
    private final String connectionString;
    private final MongoClient client;
    private final boolean transactions;

    private TestMongo(Backend backend, String connectionString) {
        this.backend = backend;
        this.connectionString = connectionString;
        this.client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(connectionString))
                .applyToClusterSettings(c -> c.serverSelectionTimeout(20, TimeUnit.SECONDS))
                .build());
        this.transactions = detectTransactions(client);
    }

    /** The JVM's test MongoDB, started on first use. */
    public static TestMongo get() {
        TestMongo mongo = instance;
        if (mongo == null) {
            synchronized (TestMongo.class) {
                mongo = instance;
                if (mongo == null) {
                    mongo = start();
                    instance = mongo;
                    announce(mongo);
                }
            }
        }
        return mongo;
    }

    private static TestMongo start() {
        String uri = System.getenv("MONGODB_URI");
        if (uri != null && !uri.isBlank()) {
            return new TestMongo(Backend.EXTERNAL, uri);
        }
        if (!"embedded".equalsIgnoreCase(System.getenv("HOSHI_TEST_MONGO")) && dockerAnswers()) {
            MongoDBContainer container = new MongoDBContainer("mongo:7.0");
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "hoshi-test-mongo-stop"));
            return new TestMongo(Backend.TESTCONTAINERS, container.getReplicaSetUrl());
        }
        MongoServer server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow, "hoshi-test-mongo-stop"));
        var address = server.getLocalAddress();
        return new TestMongo(Backend.EMBEDDED, "mongodb://127.0.0.1:" + address.getPort());
    }

    /**
     * Asks Testcontainers only when a Docker endpoint is plausible, so machines without Docker (like CI here) do not
     * get its error block on every run.
     */
    private static boolean dockerAnswers() {
        boolean plausible = System.getenv("DOCKER_HOST") != null
                || Files.exists(Path.of("/var/run/docker.sock"))
                || Files.exists(Path.of(System.getProperty("user.home"), ".docker", "run", "docker.sock"))
                || Files.exists(Path.of(System.getProperty("user.home"), ".testcontainers.properties"));
        if (!plausible) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static boolean detectTransactions(MongoClient client) {
        Document hello = client.getDatabase("admin").runCommand(new Document("isMaster", 1));
        return hello.get("setName") != null && hello.get("logicalSessionTimeoutMinutes") != null;
    }

    private static void announce(TestMongo mongo) {
        String line = "[hoshi-test] MongoDB backend: " + mongo.describe();
        System.out.println(line);
        System.setProperty(BACKEND_PROPERTY, mongo.describe());
        System.setProperty(TRANSACTIONS_PROPERTY, String.valueOf(mongo.supportsTransactions()));
    }

    /** One line for logs and benchmark output: backend, address, transactions. */
    public String describe() {
        String where =
                switch (backend) {
                    case EXTERNAL -> "MONGODB_URI (" + redacted(connectionString) + ")";
                    case TESTCONTAINERS -> "Testcontainers mongo:7.0 replica set at " + connectionString;
                    case EMBEDDED -> "embedded mongo-java-server (memory backend) at " + connectionString;
                };
        return where + (transactions ? ", with transactions" : ", no transactions");
    }

    private static String redacted(String uri) {
        return uri.replaceAll("//[^@/]*@", "//***@");
    }

    public Backend backend() {
        return backend;
    }

    public String connectionString() {
        return connectionString;
    }

    public MongoClient client() {
        return client;
    }

    public boolean supportsTransactions() {
        return transactions;
    }

    /** A database name no other suite uses: {@code prefix_<random>}. */
    public String freshDatabaseName(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }
}
