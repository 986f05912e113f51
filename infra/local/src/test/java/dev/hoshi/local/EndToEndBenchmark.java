package dev.hoshi.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;

/**
 * The whole system under load, as users reach it: {@code infra/bench/e2e.sh}. Starts the real jars as the local
 * runner does (embedded store unless {@code MONGODB_URI}), seeds N tenants with a year of history through the
 * gateway's GraphQL, then measures, in one run: an unauthenticated gateway health request and the raw driver's
 * {@code insertOne} as baselines, dashboard reads alone, mutations alone, a fixed-time mix of dashboard reads,
 * association rollups, member-list pages and mutations, read-after-write lags (same service and across services),
 * and each service's RSS; after each measured phase, the CPU each JVM used ({@link CpuUse}). Any GraphQL or HTTP
 * error fails the run.
 *
 * <p>Options: {@code --tenants=1000 --clients=4 --seconds=60 --baseline-seconds=10 --seed-clients=8
 * --lag-probes=40 --warmup-seconds=30 --warmup-max-seconds=600 --data=DIR}: the warm-up runs rounds of the mix of
 * {@code --warmup-seconds} each until the JIT has gone quiet ({@link #warmUp}). With {@code --data} the store lives in
 * DIR and a second run on it skips the seeding (useful at 10,000 tenants, where seeding takes longest). {@code --tracing-rounds=N} measures
 * tracing's cost instead (sampling 0 against 1.0, {@link #tracingOverhead}).
 */
public final class EndToEndBenchmark {

    /** How the printed figures name this JVM, which hosts the embedded store and the clients. */
    static final String BENCHMARK_JVM = "benchmark and store";

    static final String ASSOCIATION = "bench-association";
    static final String OWNER = "kato"; // demo persona demo-kato owns every seeded tenant
    static final String ANALYST = "tanaka"; // demo persona demo-tanaka is the association's analyst
    static final String[] INDUSTRIES = {"E", "D", "H"}; // divisions with one SME sector
    static final String[] PREFECTURES = {"13", "14", "11", "12", "27", "23", "40", "01"};
    static final String[] CONTROLS = {"C01-01", "C02-01", "C03-01", "C04-01", "C05-01", "C06-01", "C07-01"};
    static final String[] STATUSES = {"IMPLEMENTED", "IN_PROGRESS", "PLANNED", "NOT_STARTED"};

    record Options(
            int tenants,
            int clients,
            int seconds,
            int baselineSeconds,
            int seedClients,
            int lagProbes,
            Optional<Path> data,
            boolean rebuilds,
            int tracingRounds,
            int warmupSeconds,
            int warmupMaxSeconds) {}

    private final Options options;
    private final LocalDate today = LocalDate.now(ZoneId.of("Asia/Tokyo"));
    private GatewayClient client;
    /** The CPU each JVM used, printed after each measured phase; null until the stack is up. */
    private CpuUse cpu;

    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    EndToEndBenchmark(Options options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Options options = options(args);
        System.out.printf(
                "Hoshi end-to-end benchmark: %,d tenants, %d clients, %d s mixed load, %d s per baseline%n",
                options.tenants(), options.clients(), options.seconds(), options.baselineSeconds());
        new EndToEndBenchmark(options).run();
    }

    static Options options(String[] args) {
        Map<String, String> given = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0) {
                throw new IllegalArgumentException("Options look like --tenants=1000; got " + arg);
            }
            given.put(arg.substring(2, eq), arg.substring(eq + 1));
        }
        Options options = new Options(
                intOption(given, "tenants", 1000),
                intOption(given, "clients", 4),
                intOption(given, "seconds", 60),
                intOption(given, "baseline-seconds", 10),
                intOption(given, "seed-clients", 8),
                intOption(given, "lag-probes", 40),
                Optional.ofNullable(given.remove("data")).map(Path::of),
                Boolean.parseBoolean(given.getOrDefault("rebuilds", "true")),
                intOption(given, "tracing-rounds", 0),
                intOption(given, "warmup-seconds", 30),
                intOption(given, "warmup-max-seconds", 600));
        given.remove("rebuilds");
        if (!given.isEmpty()) {
            throw new IllegalArgumentException("Unknown options " + given.keySet()
                    + "; known: --tenants --clients --seconds --baseline-seconds --seed-clients --lag-probes"
                    + " --data --rebuilds --tracing-rounds --warmup-seconds --warmup-max-seconds");
        }
        return options;
    }

    private static int intOption(Map<String, String> given, String name, int fallback) {
        String value = given.remove(name);
        return value == null ? fallback : Integer.parseInt(value);
    }

    void run() throws Exception {
        Path data = options.data().isPresent()
                ? Files.createDirectories(options.data().get())
                : Files.createTempDirectory("hoshi-e2e");
        Optional<String> external =
                Optional.ofNullable(System.getenv("MONGODB_URI")).filter(s -> !s.isBlank());
        LocalStack.Config config = LocalStack.Config.onFreePorts(Path.of("").toAbsolutePath(), data, external);
        LocalStack stack = start(config, Map.of());
        String storeUri = external.orElse("mongodb://127.0.0.1:" + config.storePort());
        try {
            if (alreadySeeded()) {
                System.out.printf("  %s already holds the %,d tenants: seeding skipped%n", data, options.tenants());
                awaitListedMembers(options.tenants());
            } else {
                seed();
            }
            long waitStarted = System.nanoTime();
            long behind = new ProjectionRebuildTimer().awaitAllCaughtUp(storeUri, Duration.ofMinutes(30));
            System.out.printf(
                    "  every processor caught up %.1f s later (the furthest behind was %,d events behind)%n",
                    seconds(System.nanoTime() - waitStarted), behind);
            if (options.tracingRounds() > 0) {
                stack.close();
                tracingOverhead(config);
                return;
            }
            warmUp(stack, storeUri);
            List<Row> rows = new ArrayList<>();
            Row health = measure("gateway health (no auth)", options.baselineSeconds(), this::health);
            Row dashboardOnly = measure("dashboard read alone", options.baselineSeconds(), this::dashboard);
            Row mutationOnly = measure("mutation alone", options.baselineSeconds(), this::mutation);
            Mixed mixed = mixed();
            Lags lags = lags();
            // last: the store then drops what it inserted, and compacting that would take the CPU from what follows
            Row insert = insertOneBaseline(storeUri, "insert_one_baseline", options.baselineSeconds(), true);
            rows.add(health);
            rows.add(insert);
            rows.add(dashboardOnly);
            rows.add(mutationOnly);
            rows.addAll(mixed.rows());
            Map<String, Long> rss = rss(stack);
            report(rows, health, insert, dashboardOnly, mutationOnly, mixed, lags, rss, storeUri);
            if (options.rebuilds()) {
                ProjectionRebuildTimer.report(new ProjectionRebuildTimer()
                        .rebuildEach(
                                storeUri,
                                (service, projection) -> graphql(
                                        service,
                                        "operator",
                                        null,
                                        "mutation($name: String!) { rebuildProjection(name: $name) {"
                                                + " errors { code message } } }",
                                        ProjectionRebuildTimer.variables(projection))));
            }
        } finally {
            stack.close();
        }
    }

    /** Starts the stack as the benchmark runs it, with {@code environment} on top, and a client of its gateway. */
    private LocalStack start(LocalStack.Config config, Map<String, String> environment) throws Exception {
        LocalStack stack = LocalStack.create(config)
                // as production runs it: the due-date check once a day, not every 10 s as in the demo
                .withEnvironment("HOSHI_COMPLIANCE_DUE_CHECK_INITIAL_DELAY", "PT1H")
                .withEnvironment("HOSHI_COMPLIANCE_DUE_CHECK_INTERVAL", "P1D");
        // the benchmark's clients act as one owner persona each far above a person's pace
        LocalStackFixture.NO_RATE_LIMIT.forEach(stack::withEnvironment);
        environment.forEach(stack::withEnvironment);
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "e2e-stop"));
        long startNanos = System.nanoTime();
        stack.startAll(line -> System.out.println("  " + line));
        System.out.printf("  all healthy after %.0f s%n", seconds(System.nanoTime() - startNanos));
        client = new GatewayClient(config.gatewayUrl());
        cpu = new CpuUse(stack.processesByName());
        tokens.clear();
        return stack;
    }

    // ---- tracing's cost -----------------------------------------------------------------------------------------

    /**
     * {@code --tracing-rounds=N}: instead of the phases above, the cost of tracing on the request path. N rounds, each
     * restarting the stack (same data) once with sampling 0 and once with sampling 1.0 (order A B, then B A, so a
     * drift of the machine's load falls on both alike); in each, a warm-up of {@code --baseline-seconds} of both
     * operations, then dashboard reads alone and mutations alone for {@code --seconds} each. No exporter is configured
     * (the default): what is measured is making, propagating and ending the spans.
     */
    private void tracingOverhead(LocalStack.Config config) throws Exception {
        String[] samplings = {"0.0", "1.0"};
        Map<String, List<Double>> p50s = new LinkedHashMap<>(); // "<operation> <sampling>" -> p50 per round
        for (int round = 0; round < options.tracingRounds(); round++) {
            for (int i = 0; i < samplings.length; i++) {
                String sampling = samplings[round % 2 == 0 ? i : samplings.length - 1 - i];
                System.out.printf("  round %d, sampling %s%n", round + 1, sampling);
                LocalStack stack = start(config, Map.of("MANAGEMENT_TRACING_SAMPLING_PROBABILITY", sampling));
                try {
                    Call dashboard = this::dashboard;
                    Call mutation = this::mutation;
                    drive(
                            options.baselineSeconds(),
                            random -> random.nextBoolean() ? dashboard : mutation,
                            Map.of(dashboard, new Recorder("warm-up"), mutation, new Recorder("warm-up")));
                    for (Map.Entry<String, Call> operation : List.of(
                            Map.entry("dashboard read alone", dashboard), Map.entry("mutation alone", mutation))) {
                        Row row = measure(
                                operation.getKey() + ", sampling " + sampling, options.seconds(), operation.getValue());
                        p50s.computeIfAbsent(operation.getKey() + " " + sampling, k -> new ArrayList<>())
                                .add(row.percentileMillis(50));
                    }
                } finally {
                    stack.close();
                }
            }
        }
        System.out.printf(
                "%nTracing's cost: %,d tenants, %d clients, %d rounds, %d s per operation, %d cores%n",
                options.tenants(),
                options.clients(),
                options.tracingRounds(),
                options.seconds(),
                Runtime.getRuntime().availableProcessors());
        System.out.println("| operation | p50 ms per round, sampling 0 | sampling 1.0 | median p50, 0 | 1.0 | ratio |");
        System.out.println("|---|---|---|---|---|---|");
        for (String operation : List.of("dashboard read alone", "mutation alone")) {
            List<Double> off = p50s.get(operation + " 0.0");
            List<Double> on = p50s.get(operation + " 1.0");
            double offMedian = median(off);
            double onMedian = median(on);
            System.out.printf(
                    "| %s | %s | %s | %.2f | %.2f | %.3f |%n",
                    operation, millis(off), millis(on), offMedian, onMedian, onMedian / offMedian);
        }
    }

    private static double median(List<Double> values) {
        double[] sorted =
                values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static String millis(List<Double> values) {
        return values.stream().map(v -> "%.2f".formatted(v)).collect(java.util.stream.Collectors.joining(", "));
    }

    // ---- seeding ------------------------------------------------------------------------------------------------

    static String tenant(int i) {
        return "bench-%05d".formatted(i);
    }

    private void seed() throws Exception {
        long started = System.nanoTime();
        graphql(
                "directory",
                "operator",
                null,
                "mutation($input: RegisterSupportOrganizationInput!) { registerSupportOrganization(input: $input) {"
                        + " supportOrganizationId errors { code message } } }",
                Map.of(
                        "input",
                        Map.of(
                                "id", ASSOCIATION,
                                "name", "ベンチマーク工業会",
                                "nameEn", "Benchmark Association",
                                "kind", "INDUSTRY_ASSOCIATION",
                                "analyst", "demo-" + ANALYST)));
        AtomicInteger done = new AtomicInteger();
        AtomicInteger mutations = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(options.seedClients());
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < options.tenants(); i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    mutations.addAndGet(seedTenant(index));
                    int n = done.incrementAndGet();
                    if (n % Math.max(1, options.tenants() / 10) == 0) {
                        System.out.printf(
                                "  seeded %,d tenants (%,d mutations, %.0f s)%n",
                                n, mutations.get(), seconds(System.nanoTime() - started));
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        double seedSeconds = seconds(System.nanoTime() - started);
        long caughtUp = System.nanoTime();
        int members = awaitListedMembers(options.tenants());
        System.out.printf(
                "Seeded %,d tenants with a year of history: %,d mutations through the gateway in %.0f s (%.0f/s);"
                        + " insights listed all %,d members %.1f s after the last mutation%n",
                options.tenants(),
                mutations.get(),
                seedSeconds,
                mutations.get() / seedSeconds,
                members,
                seconds(System.nanoTime() - caughtUp));
    }

    /** Whether an earlier run on the same data directory seeded as many tenants (its last one exists). */
    private boolean alreadySeeded() throws Exception {
        return !graphql(
                        "directory",
                        "operator",
                        null,
                        "{ organization(id: \"" + tenant(options.tenants() - 1) + "\") { id } }",
                        Map.of())
                .path("organization")
                .isNull();
    }

    /** One tenant's directory entry, consent and a year of compliance history; returns the mutations sent. */
    private int seedTenant(int i) throws Exception {
        String id = tenant(i);
        Random random = new Random(i);
        register(id, "ベンチ企業 " + i);
        untilKnown(() -> graphql(
                "directory",
                "operator",
                null,
                "mutation($input: RecordMembershipInput!) { recordMembership(input: $input) {"
                        + " organizationId errors { code message } } }",
                Map.of("input", Map.of("supportOrganizationId", ASSOCIATION, "organizationId", id))));
        Map<String, Object> profile = Map.of(
                "industry",
                INDUSTRIES[i % INDUSTRIES.length],
                "employees",
                3 + random.nextInt(200),
                "capitalYen",
                1_000_000L * (1 + random.nextInt(100)),
                "prefecture",
                PREFECTURES[i % PREFECTURES.length]);
        untilKnown(() -> graphql(
                "directory",
                OWNER,
                id,
                "mutation($input: UpdateOrganizationProfileInput!) { updateOrganizationProfile(input: $input) {"
                        + " errors { code message } } }",
                Map.of("input", profile)));
        String scope = i % 4 == 3 ? "LEVEL_AND_SCORES" : "FULL_DETAIL";
        // the membership is read from directory's own read model, current a moment after recordMembership
        untilKnown(() -> graphql(
                "directory",
                OWNER,
                id,
                "mutation($input: GrantConsentInput!) { grantConsent(input: $input) { grantId errors { code message } } }",
                Map.of(
                        "input",
                        Map.of("granteeKind", "SUPPORT_ORGANIZATION", "granteeId", ASSOCIATION, "scope", scope))));
        int sent = 4;
        List<String[]> history = new ArrayList<>();
        history.add(new String[] {"commitToFiveArticles", "{articles: [\"A1\",\"A2\",\"A3\",\"A4\",\"A5\"]", "365"});
        history.add(new String[] {"adoptBasicPolicy", "{", "350"});
        history.add(new String[] {
            "publishBasicPolicy", "{publicUrl: \"https://" + id + ".example.jp/security-policy\"", "345"
        });
        history.add(new String[] {
            "recordDeclaration", "{level: ONE_STAR, declarationId: \"5" + (1_000_000_000L + i) + "\"", "340"
        });
        history.add(new String[] {"updateControlStatus", "{controlId: \"C01-01\", status: IMPLEMENTED", "300"});
        history.add(new String[] {"updateControlStatus", "{controlId: \"C06-01\", status: IN_PROGRESS", "200"});
        history.add(new String[] {
            "recordDeclaration", "{level: TWO_STARS, declarationId: \"5" + (1_000_000_000L + i) + "\"", "170"
        });
        history.add(new String[] {"updateControlStatus", "{controlId: \"C06-01\", status: IMPLEMENTED", "100"});
        history.add(new String[] {"completeReview", "{kind: BASIC_POLICY, note: \"年次見直し / yearly review\"", "30"});
        untilKnown(() -> {
            if (graphql("compliance", OWNER, id, "{ organizationStatus { level } }", Map.of())
                    .path("organizationStatus")
                    .isNull()) {
                throw new IllegalStateException("compliance does not know " + id + " yet");
            }
        });
        submitSheet(id, random, 360);
        for (String[] step : history) {
            if (step[0].equals("recordDeclaration") && step[2].equals("170")) {
                submitSheet(id, random, 180); // the second yearly sheet comes before ★★
                sent++;
            }
            String input = step[1] + (step[1].equals("{") ? "" : ", ") + "effectiveOn: \""
                    + today.minusDays(Integer.parseInt(step[2])) + "\"}";
            graphql(
                    "compliance",
                    OWNER,
                    id,
                    "mutation { " + step[0] + "(input: " + input + ") { errors { code message } } }",
                    Map.of());
            sent++;
        }
        submitSheet(id, random, 10);
        return sent + 2;
    }

    /** An operator registers an organisation owned by the benchmark's owner persona. */
    private void register(String id, String name) throws Exception {
        graphql(
                "directory",
                "operator",
                null,
                "mutation($input: RegisterOrganizationInput!) { registerOrganization(input: $input) {"
                        + " organization { id } errors { code message } } }",
                Map.of("input", Map.of("id", id, "name", name, "owner", "demo-" + OWNER)));
    }

    private void submitSheet(String id, Random random, int daysAgo) throws Exception {
        List<Map<String, String>> answers = new ArrayList<>();
        String[] kinds = {"DONE", "DONE", "DONE", "PARTLY", "NOT_DONE", "UNKNOWN"};
        for (int item = 1; item <= 25; item++) {
            answers.add(Map.of("item", "Q" + item, "answer", kinds[random.nextInt(kinds.length)]));
        }
        graphql(
                "compliance",
                OWNER,
                id,
                "mutation($input: SubmitSelfAssessmentInput!) { submitSelfAssessment(input: $input) {"
                        + " assessmentId errors { code message } } }",
                Map.of(
                        "input",
                        Map.of(
                                "answers",
                                answers,
                                "completedOn",
                                today.minusDays(daysAgo).toString())));
    }

    private interface Call {
        void run() throws Exception;
    }

    /** Another service learns of a new organisation asynchronously: retries {@code call} for up to 30 s. */
    private static void untilKnown(Call call) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                call.run();
                return;
            } catch (IllegalStateException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(20);
            }
        }
    }

    /**
     * Waits until insights lists every seeded member (paging through the member list: the rollup's own size is not
     * shown when it moved by less than the disclosure threshold since a size it showed, so it cannot be polled).
     */
    private int awaitListedMembers(int expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
        long nextReport = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            int members = 0;
            String after = null;
            do {
                JsonNode page = graphql(
                                "insights",
                                ANALYST,
                                null,
                                "query($after: String) { supportOrganizationMembers(supportOrganizationId: \""
                                        + ASSOCIATION + "\", first: 100, after: $after) { edges { cursor }"
                                        + " pageInfo { hasNextPage endCursor } } }",
                                after == null ? Map.of() : Map.of("after", after))
                        .path("supportOrganizationMembers");
                members += page.path("edges").size();
                after = page.path("pageInfo").path("hasNextPage").asBoolean()
                        ? page.path("pageInfo").path("endCursor").asText()
                        : null;
            } while (after != null);
            if (members >= expected || System.nanoTime() > deadline) {
                return members;
            }
            if (System.nanoTime() > nextReport) {
                System.out.printf("  insights lists %,d of the %,d members so far%n", members, expected);
                nextReport = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            }
            Thread.sleep(1000);
        }
    }

    // ---- the operations -----------------------------------------------------------------------------------------

    private Random random() {
        return java.util.concurrent.ThreadLocalRandom.current();
    }

    private void health() throws Exception {
        HttpResponse<String> response = client.http()
                .send(
                        HttpRequest.newBuilder(URI.create(client.url() + "/actuator/health"))
                                .timeout(GatewayClient.ANSWER_WITHIN)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("gateway health answered " + response.statusCode());
        }
    }

    private void dashboard() throws Exception {
        String id = tenant(random().nextInt(options.tenants()));
        JsonNode status = graphql(
                        "compliance",
                        OWNER,
                        id,
                        "{ organizationStatus { level standing eligibleLevel missingForNextStar"
                                + " latestAssessment { score band } policy { adopted published } reviews { kind dueOn overdue }"
                                + " controls { controlId status } } }",
                        Map.of())
                .path("organizationStatus");
        if (status.isNull() || status.isMissingNode()) {
            throw new IllegalStateException("no dashboard for " + id);
        }
    }

    private void rollup() throws Exception {
        String filter = random().nextBoolean()
                ? ""
                : ", filter: {prefecture: \"" + PREFECTURES[random().nextInt(PREFECTURES.length)] + "\"}";
        graphql(
                "insights",
                ANALYST,
                null,
                "{ supportOrganizationRollup(supportOrganizationId: \"" + ASSOCIATION + "\"" + filter
                        + ") { consentingMembers levels { none oneStarDeclared twoStarsDeclared }"
                        + " reviewsOverdue scores { mean median } controls { chapters { chapter implementedRate } } } }",
                Map.of());
    }

    private void memberPage() throws Exception {
        String[] sorts = {"SCORE", "LEVEL", "LAST_ASSESSMENT", "OVERDUE"};
        graphql(
                "insights",
                ANALYST,
                null,
                "{ supportOrganizationMembers(supportOrganizationId: \"" + ASSOCIATION + "\", sort: "
                        + sorts[random().nextInt(sorts.length)]
                        + ", first: 20) { edges { node { organizationId name level score } cursor }"
                        + " pageInfo { hasNextPage endCursor } } }",
                Map.of());
    }

    private void mutation() throws Exception {
        String id = tenant(random().nextInt(options.tenants()));
        graphql(
                "compliance",
                OWNER,
                id,
                "mutation { updateControlStatus(input: {controlId: \"" + CONTROLS[random().nextInt(CONTROLS.length)]
                        + "\", status: " + STATUSES[random().nextInt(STATUSES.length)]
                        + ", owner: \"demo-kato\"}) { errors { code message } } }",
                Map.of());
    }

    // ---- measuring ----------------------------------------------------------------------------------------------

    /** One operation's figures. */
    record Row(String operation, long count, double seconds, long[] sortedNanos) {
        double perSecond() {
            return count / seconds;
        }

        double percentileMillis(double p) {
            return percentile(sortedNanos, p);
        }
    }

    /** Latencies of one operation from many threads. */
    static final class Recorder {
        private final String operation;
        private final List<long[]> chunks = new ArrayList<>();

        Recorder(String operation) {
            this.operation = operation;
        }

        synchronized void add(long[] nanos, int n) {
            chunks.add(Arrays.copyOf(nanos, n));
        }

        Row row(double seconds) {
            long[] all = chunks.stream().flatMapToLong(Arrays::stream).sorted().toArray();
            return new Row(operation, all.length, seconds, all);
        }
    }

    /** Runs {@code call} from every client for {@code seconds}; any failure stops the run. */
    private Row measure(String name, int seconds, Call call) throws Exception {
        Recorder recorder = new Recorder(name);
        Optional<CpuUse.Snapshot> before = cpuNow();
        double elapsed = drive(seconds, random -> call, Map.of(call, recorder));
        Row row = recorder.row(elapsed);
        System.out.printf("  %-28s %,8.0f/s  p50 %6.1f ms%n", name, row.perSecond(), row.percentileMillis(50));
        printCpuSince(before);
        return row;
    }

    private Optional<CpuUse.Snapshot> cpuNow() {
        return cpu == null ? Optional.empty() : cpu.now();
    }

    /** The CPU each JVM used since {@code before}, and how busy the machine was (docs/performance.md). */
    private void printCpuSince(Optional<CpuUse.Snapshot> before) {
        Optional<CpuUse.Snapshot> after = cpuNow();
        if (before.isPresent() && after.isPresent()) {
            System.out.println("    "
                    + CpuUse.describe(
                            before.get(), after.get(), Runtime.getRuntime().availableProcessors()));
        }
    }

    interface Picker {
        Call pick(Random random);
    }

    private double drive(int seconds, Picker picker, Map<Call, Recorder> recorders) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(options.clients());
        long started = System.nanoTime();
        try {
            List<Future<?>> clients = new ArrayList<>();
            for (int c = 0; c < options.clients(); c++) {
                int client = c;
                clients.add(pool.submit(() -> {
                    Random random = new Random(client);
                    Map<Call, long[]> nanos = new LinkedHashMap<>();
                    Map<Call, Integer> counts = new LinkedHashMap<>();
                    while (System.nanoTime() < end) {
                        Call call = picker.pick(random);
                        long t0 = System.nanoTime();
                        call.run();
                        long took = System.nanoTime() - t0;
                        long[] buffer = nanos.computeIfAbsent(call, k -> new long[1024]);
                        int n = counts.merge(call, 1, Integer::sum);
                        if (n > buffer.length) {
                            buffer = Arrays.copyOf(buffer, buffer.length * 2);
                            nanos.put(call, buffer);
                        }
                        buffer[n - 1] = took;
                    }
                    nanos.forEach((call, buffer) -> recorders.get(call).add(buffer, counts.get(call)));
                    return null;
                }));
            }
            for (Future<?> client : clients) {
                client.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return seconds(System.nanoTime() - started);
    }

    /**
     * The raw driver's {@code insertOne} into a collection of a database of its own, dropped afterwards; {@code
     * measured} false runs it without printing (the warm-up).
     */
    private Row insertOneBaseline(String storeUri, String collectionName, int seconds, boolean measured)
            throws Exception {
        try (MongoClient client = MongoClients.create(storeUri)) {
            MongoCollection<Document> collection =
                    client.getDatabase("hoshi_bench").getCollection(collectionName);
            String payload = "x".repeat(600); // about the size of one stored event
            AtomicInteger sequence = new AtomicInteger();
            Call insert = () -> collection.insertOne(new Document("_id", sequence.incrementAndGet())
                    .append("aggregate", "bench")
                    .append("payload", payload)
                    .append("at", new java.util.Date()));
            Row row = measured ? measure("raw driver insertOne", seconds, insert) : exercise(seconds, insert);
            client.getDatabase("hoshi_bench").drop();
            return row;
        }
    }

    // ---- the warm-up --------------------------------------------------------------------------------------------

    /** The JIT compiles what a round runs until it compiles less than this share of the machine's CPU time. */
    static final double QUIET_COMPILER_SHARE = 0.05;

    /**
     * Runs everything the measured phases run, not measured, in rounds (each operation alone for a few seconds, then
     * the mix for {@code --warmup-seconds}) until the JIT compilers of all the JVMs together spent at most
     * {@value #QUIET_COMPILER_SHARE} of the machine's CPU time in the last round, or for {@code
     * --warmup-max-seconds}. The same whether the stack just seeded or just started on kept data ({@code --data}):
     * just started, the compilers took most of two cores for minutes, and a fixed 30 s of warm-up measured that.
     */
    private void warmUp(LocalStack stack, String storeUri) throws Exception {
        if (options.warmupSeconds() <= 0) {
            return;
        }
        CompilerTime compilers = new CompilerTime(stack.processesByName());
        int cores = Runtime.getRuntime().availableProcessors();
        long started = System.nanoTime();
        for (int round = 1; ; round++) {
            Map<String, Double> before = compilers.seconds();
            long roundStarted = System.nanoTime();
            exercise(3, this::health);
            exercise(3, this::dashboard);
            exercise(3, this::mutation);
            insertOneBaseline(storeUri, "warm_up", 2, false);
            System.out.printf("  warm-up round %d (not measured): ", round);
            mixed(options.warmupSeconds());
            double roundSeconds = seconds(System.nanoTime() - roundStarted);
            Map<String, Double> compiled = CompilerTime.since(before, compilers.seconds());
            double total =
                    compiled.values().stream().mapToDouble(Double::doubleValue).sum();
            double share = total / (cores * roundSeconds);
            System.out.printf(
                    "    the JIT compiled for %.1f s in %.0f s on %d cores (%.0f%%): %s%n",
                    total, roundSeconds, cores, 100 * share, describe(compiled));
            if (!compilers.available()) {
                System.out.println("    (no jstat in this Java: the services' compile times are unknown; one round)");
                return;
            }
            if (share <= QUIET_COMPILER_SHARE) {
                System.out.printf(
                        "    quiet (<= %.0f%%) after %.0f s of warm-up%n",
                        100 * QUIET_COMPILER_SHARE, seconds(System.nanoTime() - started));
                return;
            }
            if (seconds(System.nanoTime() - started) >= options.warmupMaxSeconds()) {
                System.out.printf(
                        "    still compiling after %d s (--warmup-max-seconds): measuring anyway%n",
                        options.warmupMaxSeconds());
                return;
            }
        }
    }

    private static String describe(Map<String, Double> compiled) {
        List<String> parts = new ArrayList<>();
        compiled.forEach((name, seconds) -> parts.add(String.format("%s %.1f s", name, seconds)));
        return String.join(", ", parts);
    }

    /** Runs {@code call} from every client for {@code seconds}, not measured. */
    private Row exercise(int seconds, Call call) throws Exception {
        Recorder recorder = new Recorder("warm-up");
        double elapsed = drive(seconds, random -> call, Map.of(call, recorder));
        return recorder.row(elapsed);
    }

    record Mixed(List<Row> rows, Row dashboard, Row rollup, Row memberPage, Row mutation) {}

    /** The mix: 55% dashboard reads, 15% rollups, 15% member-list pages, 15% mutations. */
    private Mixed mixed() throws Exception {
        Optional<CpuUse.Snapshot> before = cpuNow();
        Mixed mixed = mixed(options.seconds());
        printCpuSince(before);
        return mixed;
    }

    /** The mix for {@code seconds}: 55% dashboard reads, 15% each rollups, member-list pages and mutations. */
    private Mixed mixed(int seconds) throws Exception {
        Call dashboard = this::dashboard;
        Call rollup = this::rollup;
        Call memberPage = this::memberPage;
        Call mutation = this::mutation;
        Map<Call, Recorder> recorders = new LinkedHashMap<>();
        recorders.put(dashboard, new Recorder("mix: dashboard read"));
        recorders.put(rollup, new Recorder("mix: association rollup"));
        recorders.put(memberPage, new Recorder("mix: member-list page"));
        recorders.put(mutation, new Recorder("mix: mutation"));
        System.out.printf("  mixed load for %d s…%n", seconds);
        double elapsed = drive(
                seconds,
                random -> {
                    int r = random.nextInt(100);
                    return r < 55 ? dashboard : r < 70 ? rollup : r < 85 ? memberPage : mutation;
                },
                recorders);
        List<Row> rows = recorders.values().stream().map(r -> r.row(elapsed)).toList();
        return new Mixed(rows, rows.get(0), rows.get(1), rows.get(2), rows.get(3));
    }

    record Lags(long[] ownNanos, long[] otherNanos) {}

    /**
     * Read after write, one probe at a time: a control's new status in compliance's own dashboard, and a new
     * organisation registered in directory as insights (another service) knows it.
     */
    private Lags lags() throws Exception {
        String run = Long.toString(System.currentTimeMillis(), 36);
        long[] own = new long[options.lagProbes()];
        long[] other = new long[options.lagProbes()];
        for (int p = 0; p < options.lagProbes(); p++) {
            String id = tenant(p % options.tenants());
            String status = p % 2 == 0 ? "PLANNED" : "IMPLEMENTED";
            graphql(
                    "compliance",
                    OWNER,
                    id,
                    "mutation { updateControlStatus(input: {controlId: \"C09-01\", status: " + status
                            + "}) { errors { code message } } }",
                    Map.of());
            long written = System.nanoTime();
            while (true) {
                JsonNode controls = graphql(
                                "compliance",
                                OWNER,
                                id,
                                "{ organizationStatus { controls { controlId" + " status } } }",
                                Map.of())
                        .path("organizationStatus")
                        .path("controls");
                boolean seen = false;
                for (JsonNode control : controls) {
                    seen |= control.path("controlId").asText().equals("C09-01")
                            && control.path("status").asText().equals(status);
                }
                if (seen) {
                    own[p] = System.nanoTime() - written;
                    break;
                }
                checkDeadline(written, "compliance's dashboard");
                Thread.sleep(2);
            }
            String probe = "bench-probe-" + run + "-" + p; // unique across runs on one --data directory
            register(probe, "プローブ " + p);
            written = System.nanoTime();
            while (graphql(
                            "insights",
                            "operator",
                            null,
                            "{ registeredOrganization(id: \"" + probe + "\") { id } }",
                            Map.of())
                    .path("registeredOrganization")
                    .isNull()) {
                checkDeadline(written, "insights' organisations");
                Thread.sleep(2);
            }
            other[p] = System.nanoTime() - written;
        }
        Arrays.sort(own);
        Arrays.sort(other);
        return new Lags(own, other);
    }

    private static void checkDeadline(long since, String what) {
        if (System.nanoTime() - since > Duration.ofSeconds(30).toNanos()) {
            throw new IllegalStateException(what + " did not show a write within 30 s");
        }
    }

    private static Map<String, Long> rss(LocalStack stack) {
        Map<String, Long> rss = new LinkedHashMap<>();
        for (Map.Entry<String, ProcessHandle> service : stack.processesByName().entrySet()) {
            Path status = Path.of("/proc/" + service.getValue().pid() + "/status");
            long kb = -1;
            try {
                for (String line : Files.readAllLines(status)) {
                    if (line.startsWith("VmRSS:")) {
                        kb = Long.parseLong(line.replaceAll("\\D", ""));
                    }
                }
            } catch (IOException e) {
                // not Linux: RSS unknown
            }
            rss.put(service.getKey(), kb);
        }
        return rss;
    }

    // ---- the report ---------------------------------------------------------------------------------------------

    private void report(
            List<Row> rows,
            Row health,
            Row insert,
            Row dashboardOnly,
            Row mutationOnly,
            Mixed mixed,
            Lags lags,
            Map<String, Long> rss,
            String storeUri) {
        System.out.printf(
                "%nResults: %,d tenants, %d clients, store %s, %d cores, Java %s%n",
                options.tenants(),
                options.clients(),
                storeUri.contains("127.0.0.1:") && System.getenv("MONGODB_URI") == null
                        ? "embedded (mongo-java-server)"
                        : "MONGODB_URI",
                Runtime.getRuntime().availableProcessors(),
                Runtime.version());
        System.out.printf(
                "%-28s %9s %9s %8s %8s %8s %8s%n",
                "operation", "count", "per s", "p50 ms", "p95 ms", "p99 ms", "p99/p50");
        for (Row row : rows) {
            System.out.printf(
                    Locale.ROOT,
                    "%-28s %,9d %9.1f %8.2f %8.2f %8.2f %8.1f%n",
                    row.operation(),
                    row.count(),
                    row.perSecond(),
                    row.percentileMillis(50),
                    row.percentileMillis(95),
                    row.percentileMillis(99),
                    row.percentileMillis(99) / row.percentileMillis(50));
        }
        System.out.println("errors: 0 (any error stops the run)");
        System.out.printf(
                Locale.ROOT,
                "read after write, %d probes: own service (compliance) p50 %.1f ms p95 %.1f ms max %.1f ms;"
                        + " other service (directory -> insights) p50 %.1f ms p95 %.1f ms max %.1f ms%n",
                lags.ownNanos().length,
                percentile(lags.ownNanos(), 50),
                percentile(lags.ownNanos(), 95),
                percentile(lags.ownNanos(), 100),
                percentile(lags.otherNanos(), 50),
                percentile(lags.otherNanos(), 95),
                percentile(lags.otherNanos(), 100));
        StringBuilder memory = new StringBuilder("RSS at the end:");
        rss.forEach((name, kb) -> memory.append(" %s %d MB".formatted(name, kb / 1024)));
        System.out.println(memory);
        System.out.println("\nRatios (goal in brackets):");
        System.out.printf(
                Locale.ROOT,
                "  dashboard p50 / gateway health p50 (alone)  %.2f  [<= 3]%n",
                dashboardOnly.percentileMillis(50) / health.percentileMillis(50));
        System.out.printf(
                Locale.ROOT,
                "  dashboard reads/s, %d clients, alone        %.0f  [>= 630, 10x the first wave's 63/s]%n",
                options.clients(),
                dashboardOnly.perSecond());
        System.out.printf(
                Locale.ROOT,
                "  mutations/s / raw insertOne/s (alone)       %.3f  [>= 0.25]%n",
                mutationOnly.perSecond() / insert.perSecond());
        double worst = rows.stream()
                .filter(r -> r != insert)
                .mapToDouble(r -> r.percentileMillis(99) / r.percentileMillis(50))
                .max()
                .orElse(Double.NaN);
        System.out.printf(Locale.ROOT, "  worst p99 / p50 over the operations           %.1f  [<= 3]%n", worst);
        System.out.printf(
                Locale.ROOT,
                "  mix p95: dashboard %.2f ms, rollup %.2f ms (compare with the other size's run) [10k <= 1.2x 1k]%n",
                mixed.dashboard().percentileMillis(95),
                mixed.rollup().percentileMillis(95));
    }

    /** The p-th percentile of sorted nanoseconds, in milliseconds (NaN for none). */
    static double percentile(long[] sortedNanos, double p) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100.0 * sortedNanos.length) - 1;
        return sortedNanos[Math.max(0, Math.min(sortedNanos.length - 1, index))] / 1e6;
    }

    // ---- plumbing -----------------------------------------------------------------------------------------------

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private String token(String persona) throws Exception {
        String token = tokens.get(persona);
        if (token == null) {
            token = client.token(persona);
            tokens.put(persona, token);
        }
        return token;
    }

    /** A GraphQL call through the gateway as a demo persona; any error (HTTP, GraphQL or payload) throws. */
    private JsonNode graphql(
            String service, String persona, String organization, String document, Map<String, Object> variables)
            throws Exception {
        return client.graphql(service, token(persona), organization, document, variables);
    }
}
