package dev.hoshi.insights.bench;

import com.mongodb.client.MongoDatabase;
import dev.hoshi.insights.InsightsApplication;
import dev.hoshi.testsupport.InternalTokens;
import dev.hoshi.testsupport.TestMongo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Not a test: the insights service in-process on the test MongoDB (MONGODB_URI, else Docker, else the embedded server
 * in memory) and compliance's statuses appended by "another process" ({@link CrossServiceLag}); prints the lag's
 * p50, p95 and maximum with rounds 30 ms apart (events flowing) and 2 s apart (the store idle, its look backed off).
 * Extra arguments after the number of rounds go to the service, e.g. {@code --hoshi.processing.idle-fetch-delay=1s}.
 * {@code infra/bench/read-after-write.sh} runs it after compliance's own read-after-write benchmark.
 */
public final class CrossServiceLagBenchmark {

    private CrossServiceLagBenchmark() {}

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        TestMongo mongo = TestMongo.get();
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.data.mongodb.uri=" + mongo.connectionString(),
                "--hoshi.eventstore.database=" + mongo.freshDatabaseName("bench-events"),
                "--hoshi.service.database=" + mongo.freshDatabaseName("bench-insights"),
                "--hoshi.insights.attestation.ephemeral-key=true",
                "--hoshi.security.jwks-uri=" + InternalTokens.shared().jwksUri(),
                "--logging.level.root=WARN"));
        List<String> settings = List.of(args).subList(Math.min(1, args.length), args.length);
        arguments.addAll(settings);
        try (ConfigurableApplicationContext context =
                new SpringApplication(InsightsApplication.class).run(arguments.toArray(String[]::new))) {
            CrossServiceLag lag = new CrossServiceLag(
                    context.getBean(EventStorageEngine.class), context.getBean("serviceDatabase", MongoDatabase.class));
            System.out.printf("backend: %s; settings %s%n", mongo.describe(), settings);
            lag.rounds(20, Duration.ofMillis(30)); // warm-up
            print("rounds 30 ms apart", lag.rounds(rounds, Duration.ofMillis(30)));
            print("rounds 2 s apart (idle store)", lag.rounds(Math.max(10, rounds / 5), Duration.ofSeconds(2)));
        }
        System.exit(0); // the embedded test server's threads would keep the JVM alive
    }

    private static void print(String what, List<Long> lags) {
        Collections.sort(lags);
        System.out.printf(
                "another service's event to insights_member_state lag, %s (%d): p50 %.1f ms, p95 %.1f ms, max %.1f"
                        + " ms%n",
                what,
                lags.size(),
                CrossServiceLag.percentileMillis(lags, 0.50),
                CrossServiceLag.percentileMillis(lags, 0.95),
                lags.get(lags.size() - 1) / 1e6);
    }
}
