package dev.hoshi.compliance.bench;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import dev.hoshi.compliance.ComplianceApplication;
import dev.hoshi.compliance.api.securityaction.AssessmentId;
import dev.hoshi.compliance.api.securityaction.SecurityActionCommands.CommitToFiveArticlesCommand;
import dev.hoshi.compliance.api.securityaction.SecurityActionCommands.SubmitSelfAssessmentCommand;
import dev.hoshi.compliance.api.securityaction.SecurityActionId;
import dev.hoshi.compliance.api.status.ComplianceStatusQueries.ComplianceStatusView;
import dev.hoshi.compliance.api.status.ComplianceStatusQueries.FindComplianceStatusQuery;
import dev.hoshi.compliance.api.status.SecurityActionStatus;
import dev.hoshi.kernel.context.Actor;
import dev.hoshi.kernel.context.CurrentContext;
import dev.hoshi.kernel.context.RequestContext;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.kernel.time.BusinessTime;
import dev.hoshi.testsupport.TestMongo;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryGateway;
import org.bson.Document;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Not a test: the compliance service in-process on the test MongoDB (MONGODB_URI, else Docker, else
 * the embedded server in memory), timing a command on organisations whose SECURITY ACTION record holds 10, 100 and
 * 1,000 events, with the aggregate evicted (as after a restart or on another replica: the snapshot plus the events
 * since) and cached (as between a user's clicks); the dashboard read once the document holds the command's status,
 * one point look-up however long the history;
 * an {@code asOf} read, which folds the history; and the event store's read of the aggregate (its snapshot and the
 * events after it), what an evicted command adds. Prints medians and the 1,000 / 10 ratios. {@code
 * infra/bench/commands.sh} runs it.
 */
public final class CommandBenchmark {

    /** Organisations per row; {@code -Dbench.organizations=N} to change. */
    private static final int ORGANIZATIONS = Integer.getInteger("bench.organizations", 40);

    private static final int[] SIZES = {10, 100, 1_000};

    private CommandBenchmark() {}

    public static void main(String[] args) throws Exception {
        TestMongo mongo = TestMongo.get();
        SpringApplication app = new SpringApplication(ComplianceApplication.class);
        // arguments outrank the platform's defaults; the web server listens on a free port and is not used
        try (ConfigurableApplicationContext context = app.run(
                "--server.port=0",
                "--spring.data.mongodb.uri=" + mongo.connectionString(),
                "--hoshi.eventstore.database=" + mongo.freshDatabaseName("bench-events"),
                "--hoshi.service.database=" + mongo.freshDatabaseName("bench-compliance"),
                "--hoshi.compliance.due-check.initial-delay=PT24H",
                "--hoshi.compliance.status-backfill.initial-delay=PT24H",
                "--logging.level.root=WARN")) {
            CommandGateway commands = context.getBean(CommandGateway.class);
            QueryGateway queries = context.getBean(QueryGateway.class);
            Cache cache = context.getBean("securityActionCache", Cache.class);
            EventStore store = context.getBean(EventStore.class);
            MongoCollection<Document> dashboards =
                    context.getBean("serviceDatabase", MongoDatabase.class).getCollection("compliance_dashboard");
            System.out.printf("backend: %s; medians over %d organisations per row%n", mongo.describe(), ORGANIZATIONS);
            System.out.printf(
                    "%-8s %14s %14s %14s %16s %18s%n",
                    "events", "cached (ms)", "evicted (ms)", "dashboard (ms)", "asOf fold (ms)", "store read (ms)");
            run(commands, queries, store, cache, dashboards, "warm-up", 100, false);
            Map<Integer, double[]> rows = new HashMap<>();
            for (int size : SIZES) {
                rows.put(size, run(commands, queries, store, cache, dashboards, "bench-" + size, size, true));
            }
            double[] small = rows.get(10);
            double[] large = rows.get(1_000);
            System.out.printf(
                    "ratio 1,000 / 10: cached %.2f, evicted %.2f, dashboard %.2f, asOf fold %.2f, event store read %.2f%n",
                    large[0] / small[0],
                    large[1] / small[1],
                    large[2] / small[2],
                    large[3] / small[3],
                    large[4] / small[4]);
        }
        System.exit(0); // the embedded test server's threads would keep the JVM alive
    }

    /**
     * Seeds {@code ORGANIZATIONS} organisations to {@code events} events each, then on each one times a command with
     * the aggregate evicted, one with it cached, the dashboard read and an {@code asOf} read (each command adds two
     * events, so every organisation is timed at its size); returns the medians.
     */
    private static double[] run(
            CommandGateway commands,
            QueryGateway queries,
            EventStore store,
            Cache cache,
            MongoCollection<Document> dashboards,
            String name,
            int events,
            boolean print)
            throws Exception {
        LocalDate today = BusinessTime.today(Clock.systemUTC());
        List<Long> cached = new ArrayList<>();
        List<Long> evicted = new ArrayList<>();
        List<Long> dashboard = new ArrayList<>();
        List<Long> asOf = new ArrayList<>();
        List<Long> load = new ArrayList<>();
        for (int o = 0; o < ORGANIZATIONS; o++) {
            TenantId tenant = TenantId.of(name + "-" + o + "-" + System.nanoTime());
            SecurityActionId id = SecurityActionId.of(tenant);
            int[] sheet = {0};
            Supplier<Object> nextSheet = () -> new SubmitSelfAssessmentCommand(
                    id, AssessmentId.random(), null, null, answers(sheet[0]++), today.minusDays(sheet[0] % 300), null);
            CurrentContext.callWith(RequestContext.forTenant(tenant, Actor.user("bench")), () -> {
                commands.sendAndWait(new CommitToFiveArticlesCommand(id, Set.of("A1", "A2", "A3", "A4", "A5"), null));
                while (store.lastSequenceNumberFor(id.toString()).orElse(-1L) + 1 < events) {
                    commands.sendAndWait(nextSheet.get());
                }
                load.add(time(() -> store.readEvents(id.toString()).forEachRemaining(m -> m.getPayload())));
                cache.removeAll();
                evicted.add(time(() -> commands.sendAndWait(nextSheet.get())));
                SecurityActionStatus[] last = new SecurityActionStatus[1];
                cached.add(time(() -> last[0] = commands.sendAndWait(nextSheet.get())));
                awaitDashboard(dashboards, tenant, last[0]);
                dashboard.add(time(
                        () -> queries.query(new FindComplianceStatusQuery(tenant, null), ComplianceStatusView.class)
                                .join()));
                asOf.add(time(
                        () -> queries.query(new FindComplianceStatusQuery(tenant, today), ComplianceStatusView.class)
                                .join()));
                return null;
            });
        }
        double[] medians = {median(cached), median(evicted), median(dashboard), median(asOf), median(load)};
        if (print) {
            System.out.printf(
                    "%-8s %14.2f %14.2f %14.2f %16.2f %18.2f%n",
                    events, medians[0], medians[1], medians[2], medians[3], medians[4]);
        }
        return medians;
    }

    /** Waits (up to 10 s) until the dashboard document holds the status the last command published. */
    private static void awaitDashboard(
            MongoCollection<Document> dashboards, TenantId tenant, SecurityActionStatus status)
            throws InterruptedException {
        String expected = status.latestAssessment().assessmentId();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            Document stored =
                    dashboards.find(new Document("_id", tenant.toString())).first();
            Document latest = stored == null || stored.get("status") == null
                    ? null
                    : stored.get("status", Document.class).get("latestAssessment", Document.class);
            if (latest != null && expected.equals(latest.getString("assessmentId"))) {
                return;
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException("the dashboard of " + tenant + " did not follow within 10 s");
    }

    /** Each sheet answers differently, so each changes the score and the status: two events a command. */
    private static Map<String, String> answers(int n) {
        Map<String, String> answers = new HashMap<>();
        for (int i = 1; i <= 25; i++) {
            answers.put("Q" + i, i <= n % 26 ? "DONE" : "PARTLY");
        }
        return answers;
    }

    private static long time(Runnable action) {
        long start = System.nanoTime();
        action.run();
        return System.nanoTime() - start;
    }

    private static double median(List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2) / 1e6;
    }
}
