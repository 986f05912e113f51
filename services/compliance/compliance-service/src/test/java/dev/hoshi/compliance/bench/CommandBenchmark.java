package dev.hoshi.compliance.bench;

import dev.hoshi.compliance.ComplianceApplication;
import dev.hoshi.compliance.api.securityaction.AssessmentId;
import dev.hoshi.compliance.api.securityaction.SecurityActionCommands.CommitToFiveArticlesCommand;
import dev.hoshi.compliance.api.securityaction.SecurityActionCommands.SubmitSelfAssessmentCommand;
import dev.hoshi.compliance.api.securityaction.SecurityActionId;
import dev.hoshi.compliance.api.status.ComplianceStatusQueries.ComplianceStatusView;
import dev.hoshi.compliance.api.status.ComplianceStatusQueries.FindComplianceStatusQuery;
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
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Not a test: the compliance service in-process on the test MongoDB (MONGODB_URI, else Docker, else
 * the embedded server in memory), timing a command on organisations whose SECURITY ACTION record holds about 10, 100
 * and 1,000 events, with the aggregate cached (as between a user's clicks) and evicted before every command (as after
 * a restart or on another replica: snapshot plus the events since), and the dashboard read, which is one point
 * look-up however long the history. Prints medians and the 1,000 / 10 ratios. {@code infra/bench/commands.sh} runs it.
 */
public final class CommandBenchmark {

    private static final int RUNS = 200;
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
            System.out.printf("backend: %s; %d commands per row%n", mongo.describe(), RUNS);
            System.out.printf(
                    "%-8s %14s %14s %14s %16s%n",
                    "events", "cached (ms)", "evicted (ms)", "dashboard (ms)", "asOf fold (ms)");
            run(commands, queries, store, cache, "warm-up", 100, false);
            Map<Integer, double[]> rows = new HashMap<>();
            for (int size : SIZES) {
                rows.put(size, run(commands, queries, store, cache, "bench-" + size, size, true));
            }
            double[] small = rows.get(10);
            double[] large = rows.get(1_000);
            System.out.printf(
                    "ratio 1,000 / 10: cached %.2f, evicted %.2f, dashboard %.2f, asOf fold %.2f%n",
                    large[0] / small[0], large[1] / small[1], large[2] / small[2], large[3] / small[3]);
        }
        System.exit(0); // the embedded test server's threads would keep the JVM alive
    }

    /** Seeds an organisation to about {@code events} events, then times commands and reads; returns the medians. */
    private static double[] run(
            CommandGateway commands,
            QueryGateway queries,
            EventStore store,
            Cache cache,
            String name,
            int events,
            boolean print)
            throws Exception {
        TenantId tenant = TenantId.of(name + "-" + System.nanoTime());
        SecurityActionId id = SecurityActionId.of(tenant);
        LocalDate today = BusinessTime.today(Clock.systemUTC());
        int[] sheet = {0};
        Supplier<Object> nextSheet = () -> new SubmitSelfAssessmentCommand(
                id, AssessmentId.random(), null, null, answers(sheet[0]++), today.minusDays(sheet[0] % 300), null);
        return CurrentContext.callWith(RequestContext.forTenant(tenant, Actor.user("bench")), () -> {
            commands.sendAndWait(new CommitToFiveArticlesCommand(id, Set.of("A1", "A2", "A3", "A4", "A5"), null));
            while (store.lastSequenceNumberFor(id.toString()).orElse(-1L) + 1 < events) {
                commands.sendAndWait(nextSheet.get());
            }
            List<Long> cached = new ArrayList<>();
            List<Long> evicted = new ArrayList<>();
            List<Long> dashboard = new ArrayList<>();
            List<Long> asOf = new ArrayList<>();
            for (int i = 0; i < RUNS; i++) {
                cached.add(time(() -> commands.sendAndWait(nextSheet.get())));
                cache.removeAll();
                evicted.add(time(() -> commands.sendAndWait(nextSheet.get())));
                dashboard.add(time(
                        () -> queries.query(new FindComplianceStatusQuery(tenant, null), ComplianceStatusView.class)
                                .join()));
                asOf.add(time(
                        () -> queries.query(new FindComplianceStatusQuery(tenant, today), ComplianceStatusView.class)
                                .join()));
            }
            double[] medians = {median(cached), median(evicted), median(dashboard), median(asOf)};
            if (print) {
                System.out.printf(
                        "%-8s %14.2f %14.2f %14.2f %16.2f%n", events, medians[0], medians[1], medians[2], medians[3]);
            }
            return medians;
        });
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
