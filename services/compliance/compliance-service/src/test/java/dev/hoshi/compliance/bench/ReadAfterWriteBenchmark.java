package dev.hoshi.compliance.bench;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import dev.hoshi.compliance.ComplianceApplication;
import dev.hoshi.compliance.api.securityaction.AssessmentId;
import dev.hoshi.compliance.api.securityaction.SecurityActionCommands.CommitToFiveArticlesCommand;
import dev.hoshi.compliance.api.securityaction.SecurityActionCommands.SubmitSelfAssessmentCommand;
import dev.hoshi.compliance.api.securityaction.SecurityActionId;
import dev.hoshi.kernel.context.Actor;
import dev.hoshi.kernel.context.CurrentContext;
import dev.hoshi.kernel.context.RequestContext;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.kernel.time.BusinessTime;
import dev.hoshi.testsupport.TestMongo;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.bson.Document;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Not a test: how long after a command completes its effect shows in the same service's read model. The compliance
 * service runs in-process on the test MongoDB (MONGODB_URI, else Docker, else the embedded server in memory); each
 * round submits a self-assessment sheet dated today, then reads {@code compliance_dashboard/<organisation>} until its
 * status names that sheet as the latest. Rounds are spaced as a user's clicks are, so the processors are idle when the
 * command arrives. Prints the lag's p50, p95 and maximum. {@code infra/bench/read-after-write.sh} runs it.
 */
public final class ReadAfterWriteBenchmark {

    private static final int ROUNDS = 200;
    private static final Duration PAUSE = Duration.ofMillis(30);
    private static final Duration POLL = Duration.ofNanos(500_000);
    private static final Duration GIVE_UP = Duration.ofSeconds(30);

    private ReadAfterWriteBenchmark() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : ROUNDS;
        TestMongo mongo = TestMongo.get();
        SpringApplication app = new SpringApplication(ComplianceApplication.class);
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.data.mongodb.uri=" + mongo.connectionString(),
                "--hoshi.eventstore.database=" + mongo.freshDatabaseName("bench-events"),
                "--hoshi.service.database=" + mongo.freshDatabaseName("bench-compliance"),
                "--hoshi.compliance.due-check.initial-delay=PT24H",
                "--hoshi.compliance.status-backfill.initial-delay=PT24H",
                "--logging.level.root=WARN"));
        // further settings to compare, e.g. --hoshi.processing.event-notification=false
        arguments.addAll(List.of(args).subList(Math.min(1, args.length), args.length));
        try (ConfigurableApplicationContext context = app.run(arguments.toArray(String[]::new))) {
            CommandGateway commands = context.getBean(CommandGateway.class);
            MongoCollection<Document> dashboards =
                    context.getBean("serviceDatabase", MongoDatabase.class).getCollection("compliance_dashboard");
            System.out.printf(
                    "backend: %s; %d commands; settings %s%n",
                    mongo.describe(), rounds, arguments.subList(7, arguments.size()));
            measure(commands, dashboards, "warm-up", 50);
            List<Long> lags = measure(commands, dashboards, "bench", rounds);
            Collections.sort(lags);
            System.out.printf(
                    "command to compliance_dashboard lag (ms): p50 %.1f, p95 %.1f, max %.1f%n",
                    percentile(lags, 0.50), percentile(lags, 0.95), lags.get(lags.size() - 1) / 1e6);
        }
        System.exit(0); // the embedded test server's threads would keep the JVM alive
    }

    private static List<Long> measure(
            CommandGateway commands, MongoCollection<Document> dashboards, String name, int rounds) throws Exception {
        TenantId tenant = TenantId.of(name + "-" + System.nanoTime());
        SecurityActionId id = SecurityActionId.of(tenant);
        LocalDate today = BusinessTime.today(Clock.systemUTC());
        return CurrentContext.callWith(RequestContext.forTenant(tenant, Actor.user("bench")), () -> {
            commands.sendAndWait(new CommitToFiveArticlesCommand(id, Set.of("A1", "A2", "A3", "A4", "A5"), null));
            List<Long> lags = new ArrayList<>();
            for (int i = 0; i < rounds; i++) {
                Thread.sleep(PAUSE.toMillis());
                AssessmentId sheet = AssessmentId.random();
                commands.sendAndWait(new SubmitSelfAssessmentCommand(id, sheet, null, null, answers(i), today, null));
                long completed = System.nanoTime();
                while (!sheet.toString().equals(latestSheet(dashboards, tenant))) {
                    if (System.nanoTime() - completed > GIVE_UP.toNanos()) {
                        throw new IllegalStateException("the dashboard never showed sheet " + sheet);
                    }
                    // a look every 0.5 ms: fine enough, and leaves the two cores to the processors
                    LockSupport.parkNanos(POLL.toNanos());
                }
                lags.add(System.nanoTime() - completed);
            }
            return lags;
        });
    }

    private static String latestSheet(MongoCollection<Document> dashboards, TenantId tenant) {
        Document stored =
                dashboards.find(new Document("_id", tenant.toString())).first();
        Document status = stored == null ? null : stored.get("status", Document.class);
        Document latest = status == null ? null : status.get("latestAssessment", Document.class);
        return latest == null ? null : latest.getString("assessmentId");
    }

    private static Map<String, String> answers(int n) {
        Map<String, String> answers = new HashMap<>();
        for (int i = 1; i <= 25; i++) {
            answers.put("Q" + i, i <= n % 26 ? "DONE" : "PARTLY");
        }
        return answers;
    }

    private static double percentile(List<Long> sortedNanos, double p) {
        int index = (int) Math.ceil(p * sortedNanos.size()) - 1;
        return sortedNanos.get(Math.max(0, index)) / 1e6;
    }
}
