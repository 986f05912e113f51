package dev.hoshi.local;

import dev.hoshi.store.EmbeddedStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Hoshi on one machine: the embedded store in this JVM (unless {@code MONGODB_URI} names a real server; this JVM's
 * options: {@link #LAUNCHER_OPTIONS}), and the three services and the gateway as child JVMs with their output in
 * {@code <data>/logs/<name>.log}, and insights' attestation signing key in {@code <data>/keys} (made on the first
 * start). {@link #close()} stops them all and closes the store, so nothing is left running and no file stays locked.
 */
public final class LocalStack implements AutoCloseable {

    /** Where things listen and live. */
    public record Config(
            Path repositoryRoot,
            Path dataDir,
            Optional<String> mongoUri,
            int storePort,
            int gatewayPort,
            int directoryPort,
            int compliancePort,
            int insightsPort,
            Duration startTimeout,
            boolean demoOnExternalStore) {

        /** The environment variable that allows demo mode against the MongoDB at {@code MONGODB_URI}. */
        public static final String DEMO_ON_EXTERNAL_STORE = "HOSHI_ALLOW_DEMO_ON_EXTERNAL_MONGODB";

        /** The defaults, with {@code HOSHI_*} environment variables and {@code MONGODB_URI} taking precedence. */
        public static Config fromEnvironment(Path repositoryRoot) {
            Map<String, String> env = System.getenv();
            return new Config(
                    repositoryRoot,
                    Path.of(env.getOrDefault(
                            "HOSHI_DATA_DIR", repositoryRoot.resolve("data").toString())),
                    Optional.ofNullable(env.get("MONGODB_URI")).filter(s -> !s.isBlank()),
                    port(env, "HOSHI_STORE_PORT", 27017),
                    port(env, "HOSHI_GATEWAY_PORT", 8080),
                    port(env, "HOSHI_DIRECTORY_PORT", 8081),
                    port(env, "HOSHI_COMPLIANCE_PORT", 8082),
                    port(env, "HOSHI_INSIGHTS_PORT", 8083),
                    Duration.ofSeconds(Long.parseLong(env.getOrDefault("HOSHI_START_TIMEOUT_SECONDS", "240"))),
                    Boolean.parseBoolean(env.getOrDefault(DEMO_ON_EXTERNAL_STORE, "false")));
        }

        /**
         * Every part on a free port of 127.0.0.1, for tests and benchmarks that run beside a started Hoshi. Against
         * an external {@code mongoUri} (a disposable one, the caller's choice) demo mode is allowed.
         */
        public static Config onFreePorts(Path repositoryRoot, Path dataDir, Optional<String> mongoUri)
                throws IOException {
            return new Config(
                    repositoryRoot,
                    dataDir,
                    mongoUri,
                    freePort(),
                    freePort(),
                    freePort(),
                    freePort(),
                    freePort(),
                    Duration.ofSeconds(300),
                    mongoUri.isPresent());
        }

        private static int freePort() throws IOException {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            }
        }

        private static int port(Map<String, String> env, String name, int fallback) {
            return Integer.parseInt(env.getOrDefault(name, String.valueOf(fallback)));
        }

        public String gatewayUrl() {
            return "http://127.0.0.1:" + gatewayPort;
        }
    }

    /**
     * A child JVM: its name (the service's, or a replica's: compliance-2), which service it runs, port, what follows
     * the JVM options to start it ({@code -jar} and the jar, see {@link ClassDataSharing}), log.
     */
    record Service(String name, String service, int port, List<String> launch, Path log, Process process) {
        String healthUrl() {
            return "http://127.0.0.1:" + port + "/actuator/health";
        }
    }

    static final String LOOPBACK = "127.0.0.1";

    /**
     * The child JVMs' options, as production runs them: the C2 compiler on (without it RSA signing in the gateway
     * cost ~9x more); the serial collector suits small heaps on a few shared cores. The heap starts small and grows
     * as needed: left to itself the JVM commits 1/64 of the machine's memory at start (384 MB on 24 GB) whatever the
     * service holds (a service at 200 tenants kept 45-65 MB after collections), and that showed as RSS.
     */
    static final List<String> JVM_OPTIONS = List.of("-Xms64m", "-Xmx512m", "-XX:+UseSerialGC");

    /**
     * This JVM's options (it holds the embedded store), relative to the repository: infra/start.sh and
     * infra/bench/e2e.sh start Java with {@code @infra/local/launcher.jvmoptions}; the file says why each is there.
     */
    static final String LAUNCHER_OPTIONS = "infra/local/launcher.jvmoptions";

    private final Config config;
    private final List<Service> services = new ArrayList<>();
    private final Map<String, String> extraEnvironment = new LinkedHashMap<>();
    private final String javaCommand = ProcessHandle.current().info().command().orElse("java");
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private EmbeddedStore store;
    private String mongoUri;
    private int[] mailCatcherPorts;
    private MailCatcher mailCatcher;
    private Path attestationKey;
    private boolean closed;

    private LocalStack(Config config) {
        this.config = config;
    }

    /** A stack not started yet: register {@link #close()} as a shutdown hook first, then {@link #startAll}. */
    public static LocalStack create(Config config) {
        return new LocalStack(config);
    }

    /**
     * Sets an environment variable in every child JVM, over the runner's own settings (a benchmark runs the due-date
     * check daily, as production does). Call before {@link #startAll}.
     */
    public LocalStack withEnvironment(String variable, String value) {
        extraEnvironment.put(variable, value);
        return this;
    }

    /**
     * Demo mode's mail catcher: an SMTP server on {@code smtpPort} that compliance sends its reminders to, and a page
     * on {@code pagePort} that shows them (both 127.0.0.1). Call before {@link #startAll}.
     */
    public LocalStack withMailCatcher(int smtpPort, int pagePort) {
        mailCatcherPorts = new int[] {smtpPort, pagePort};
        return this;
    }

    /** The page that shows the mails caught, when the stack runs a mail catcher. */
    public Optional<String> mailPageUrl() {
        return Optional.ofNullable(mailCatcher).map(MailCatcher::pageUrl);
    }

    /** Starts everything and waits until every part is healthy; on any failure stops what it started. */
    public static LocalStack start(Config config, Progress progress) throws IOException, InterruptedException {
        LocalStack stack = create(config);
        stack.startAll(progress);
        return stack;
    }

    /** Starts the store, the services and the gateway, and waits until all are healthy; stops all on failure. */
    public void startAll(Progress progress) throws IOException, InterruptedException {
        try {
            checkDemoAllowed(config);
            Map<String, Path> jars = jars(config.repositoryRoot());
            checkPortsFree(config);
            Path logs = config.dataDir().resolve("logs");
            Files.createDirectories(logs);
            attestationKey = LocalKeys.attestationKey(config.dataDir());
            mongoUri = startStore(progress);
            startMailCatcher(progress);
            Map<String, List<String>> launches = launches(jars, progress);
            launch("directory", config.directoryPort(), launches.get("directory"), logs);
            launch("compliance", config.compliancePort(), launches.get("compliance"), logs);
            launch("insights", config.insightsPort(), launches.get("insights"), logs);
            launch("gateway", config.gatewayPort(), launches.get("gateway"), logs);
            awaitHealthy(List.copyOf(services), progress);
        } catch (IOException | InterruptedException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Kills a child JVM with SIGKILL, as a crash would (no shutdown hook runs), and waits until it is gone. */
    public void kill(String name) throws InterruptedException {
        Process process = service(name).process();
        process.destroyForcibly();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            throw new IllegalStateException("The " + name + " did not die within 30 s of SIGKILL");
        }
    }

    /** Starts a killed child JVM again, with the same port, settings and log, and waits until it is healthy. */
    public void restart(String name, Progress progress) throws IOException, InterruptedException {
        Service killed = service(name);
        if (killed.process().isAlive()) {
            throw new IllegalStateException("The " + name + " is still running; kill it first.");
        }
        Service started;
        synchronized (this) {
            ensureNotClosed();
            started = start(name, killed.service(), killed.port(), killed.launch(), killed.log());
            services.set(services.indexOf(killed), started);
        }
        awaitHealthy(List.of(started), progress);
    }

    private synchronized Service service(String name) {
        return services.stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No " + name + " in this stack: " + names()));
    }

    private synchronized String startStore(Progress progress) throws IOException {
        ensureNotClosed();
        if (config.mongoUri().isPresent()) {
            progress.say("Using the MongoDB at MONGODB_URI");
            return config.mongoUri().get();
        }
        store = EmbeddedStore.start(config.dataDir(), config.storePort());
        progress.say("Embedded store on " + store.connectionString() + " (data in " + store.file() + "; "
                + launcherOptionsInUse(config.repositoryRoot().resolve(LAUNCHER_OPTIONS)) + ")");
        return store.connectionString();
    }

    /** Whether this JVM runs with the options of {@code file}, in words for the start-up line: which ones it lacks. */
    private static String launcherOptionsInUse(Path file) {
        try {
            List<String> missing =
                    missingOptions(file, ManagementFactory.getRuntimeMXBean().getInputArguments());
            return missing.isEmpty()
                    ? "JVM options from " + LAUNCHER_OPTIONS
                    : "this JVM lacks " + String.join(" ", missing) + " from " + LAUNCHER_OPTIONS
                            + ", which infra/start.sh gives it";
        } catch (IOException e) {
            return "could not read " + LAUNCHER_OPTIONS + ": " + e.getMessage();
        }
    }

    /**
     * The options of a Java argument file (options apart by white space, {@code #} starts a comment line) that
     * {@code inputArguments} lack.
     */
    static List<String> missingOptions(Path argumentFile, List<String> inputArguments) throws IOException {
        return Files.readAllLines(argumentFile).stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .flatMap(line -> Arrays.stream(line.split("\\s+")))
                .filter(option -> !inputArguments.contains(option))
                .toList();
    }

    private synchronized void startMailCatcher(Progress progress) throws IOException {
        ensureNotClosed();
        if (mailCatcherPorts != null) {
            requireFree(mailCatcherPorts[0], "HOSHI_SMTP_PORT");
            requireFree(mailCatcherPorts[1], "HOSHI_MAILS_PORT");
            mailCatcher = MailCatcher.start(mailCatcherPorts[0], mailCatcherPorts[1]);
            progress.say("Mail catcher: SMTP on 127.0.0.1:" + mailCatcher.smtpPort() + ", mails at "
                    + mailCatcher.pageUrl());
        }
    }

    private void ensureNotClosed() {
        if (closed) {
            throw new IllegalStateException("Stopped while starting.");
        }
    }

    /**
     * The local runner always runs demo mode (anyone who reaches the gateway may take any persona, the operator
     * included), which is for the embedded store only: against a real MongoDB it needs an explicit yes.
     */
    static void checkDemoAllowed(Config config) {
        if (config.mongoUri().isPresent() && !config.demoOnExternalStore()) {
            throw new IllegalStateException("MONGODB_URI is set, and the local runner starts Hoshi in demo mode, where"
                    + " anyone reaching the gateway can take any persona, the platform operator included, and act on"
                    + " that database's data. If that database is a disposable one for trying Hoshi out, set "
                    + Config.DEMO_ON_EXTERNAL_STORE + "=true; otherwise deploy Hoshi without demo mode (see README).");
        }
    }

    /**
     * What a child JVM gets besides the inherited environment: every process listens on 127.0.0.1 only
     * ({@code SERVER_ADDRESS}), so nobody else on the network reaches demo mode.
     */
    Map<String, String> childEnvironment(String name, int port, String mongoUri) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SERVER_ADDRESS", LOOPBACK);
        env.put("MONGODB_URI", mongoUri);
        env.put("SPRING_PROFILES_ACTIVE", "demo");
        env.put("HOSHI_GATEWAY_URL", config.gatewayUrl());
        env.put("HOSHI_" + name.toUpperCase() + "_PORT", String.valueOf(port));
        if (name.equals("compliance")) {
            // the daily due-date check runs soon after start-up, so seeded lapses show at once
            env.put("HOSHI_COMPLIANCE_DUE_CHECK_INITIAL_DELAY", "PT5S");
            env.put("HOSHI_COMPLIANCE_DUE_CHECK_INTERVAL", "PT10S");
            if (mailCatcher != null) {
                // reminders go to the catcher, soon; the seeded history is months old, so its occasions count
                env.put("SPRING_MAIL_HOST", LOOPBACK);
                env.put("SPRING_MAIL_PORT", String.valueOf(mailCatcher.smtpPort()));
                env.put("HOSHI_REMINDERS_WEB_URL", config.gatewayUrl());
                env.put("HOSHI_REMINDERS_GRACE_DAYS", "800");
                env.put("HOSHI_REMINDERS_SEND_INITIAL_DELAY", "PT5S");
                env.put("HOSHI_REMINDERS_SEND_INTERVAL", "PT5S");
                env.put("HOSHI_REMINDERS_SCHEDULE_INITIAL_DELAY", "PT10S");
            }
        }
        if (name.equals("insights")) {
            // made once under <data>/keys, so attestations signed before a restart still verify after it
            env.put("HOSHI_INSIGHTS_ATTESTATION_SIGNING_KEY_FILE", String.valueOf(attestationKey));
            if (mailCatcher != null) {
                // the monthly digest to analysts goes to the catcher too (on the first days of a month)
                env.put("SPRING_MAIL_HOST", LOOPBACK);
                env.put("SPRING_MAIL_PORT", String.valueOf(mailCatcher.smtpPort()));
                env.put("HOSHI_INSIGHTS_DIGEST_WEB_URL", config.gatewayUrl());
            }
        }
        if (name.equals("gateway")) {
            env.put("HOSHI_GATEWAY_DEMO_ENABLED", "true");
            env.put("HOSHI_GATEWAY_SERVICES_DIRECTORY", "http://127.0.0.1:" + config.directoryPort());
            env.put("HOSHI_GATEWAY_SERVICES_COMPLIANCE", "http://127.0.0.1:" + config.compliancePort());
            env.put("HOSHI_GATEWAY_SERVICES_INSIGHTS", "http://127.0.0.1:" + config.insightsPort());
        }
        env.putAll(extraEnvironment);
        return env;
    }

    /** The runnable jars, built by the Maven reactor; a clear error when one is missing. */
    static Map<String, Path> jars(Path root) {
        Map<String, Path> jars = new LinkedHashMap<>();
        jars.put("directory", root.resolve("services/directory/directory-service/target/directory-service.jar"));
        jars.put("compliance", root.resolve("services/compliance/compliance-service/target/compliance-service.jar"));
        jars.put("insights", root.resolve("services/insights/insights-service/target/insights-service.jar"));
        jars.put("gateway", root.resolve("gateway/target/hoshi-gateway.jar"));
        jars.forEach((name, jar) -> {
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException("The " + name + " jar is missing (" + jar
                        + "). Start Hoshi with infra/start.sh, which builds it first.");
            }
        });
        return jars;
    }

    private static void checkPortsFree(Config config) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        if (config.mongoUri().isEmpty()) {
            ports.put("HOSHI_STORE_PORT", config.storePort());
        }
        ports.put("HOSHI_GATEWAY_PORT", config.gatewayPort());
        ports.put("HOSHI_DIRECTORY_PORT", config.directoryPort());
        ports.put("HOSHI_COMPLIANCE_PORT", config.compliancePort());
        ports.put("HOSHI_INSIGHTS_PORT", config.insightsPort());
        ports.forEach((variable, port) -> requireFree(port, variable));
    }

    private static void requireFree(int port, String variable) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", port));
        } catch (IOException e) {
            throw new IllegalStateException("Port " + port + " on 127.0.0.1 is in use (is Hoshi already running?)."
                    + " Stop what uses it, or choose another port with " + variable + ".");
        }
    }

    /** How to start each jar: from its class-data sharing archive where one is ready or can be made now. */
    private Map<String, List<String>> launches(Map<String, Path> jars, Progress progress)
            throws IOException, InterruptedException {
        Map<String, String> environment = new LinkedHashMap<>(System.getenv());
        environment.putAll(extraEnvironment);
        if (!ClassDataSharing.enabled(environment)) {
            Map<String, List<String>> plain = new LinkedHashMap<>();
            jars.forEach((name, jar) -> plain.put(name, List.of("-jar", jar.toString())));
            return plain;
        }
        // the training runs bind no port (they stop before the web server starts), so port 0 is enough
        return new ClassDataSharing(javaCommand, JVM_OPTIONS)
                .prepare(jars, name -> childEnvironment(name, 0, mongoUri), progress);
    }

    private synchronized void launch(String name, int port, List<String> launch, Path logs) throws IOException {
        ensureNotClosed();
        services.add(start(name, name, port, launch, logs.resolve(name + ".log")));
    }

    /**
     * Starts one more instance of {@code service} (compliance, insights, directory) against the same store, on a free
     * port, named {@code <service>-2} (then -3, ...), and waits until it is healthy. The gateway keeps routing to the
     * first; the replicas share the event processors' segments (claimed through the token store) and the scheduled
     * work. Returns the replica's name.
     */
    public String startReplica(String service, Progress progress) throws IOException, InterruptedException {
        Service first = service(service);
        Service started;
        synchronized (this) {
            ensureNotClosed();
            long instances =
                    services.stream().filter(s -> s.service().equals(service)).count();
            String name = service + "-" + (instances + 1);
            started = start(
                    name,
                    service,
                    Config.freePort(),
                    first.launch(),
                    first.log().resolveSibling(name + ".log"));
            services.add(started);
        }
        awaitHealthy(List.of(started), progress);
        return started.name();
    }

    private Service start(String name, String service, int port, List<String> launch, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(javaCommand);
        command.addAll(JVM_OPTIONS);
        command.addAll(launch);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(childEnvironment(service, port, mongoUri));
        return new Service(name, service, port, launch, log, builder.start());
    }

    private void awaitHealthy(List<Service> starting, Progress progress) throws InterruptedException {
        Instant deadline = Instant.now().plus(config.startTimeout());
        for (Service service : starting) {
            while (!isHealthy(service)) {
                synchronized (this) {
                    ensureNotClosed();
                }
                if (!service.process().isAlive()) {
                    throw new IllegalStateException("The " + service.name() + " stopped while starting (exit code "
                            + service.process().exitValue() + "). Its log ends:\n" + tail(service.log(), 30));
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("The " + service.name() + " did not become healthy within "
                            + config.startTimeout().toSeconds() + " s. Its log ends:\n" + tail(service.log(), 30));
                }
                Thread.sleep(500);
            }
            progress.say(service.name() + " is up on port " + service.port());
        }
    }

    private boolean isHealthy(Service service) throws InterruptedException {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(service.healthUrl()))
                            .timeout(Duration.ofSeconds(2))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"UP\"");
        } catch (IOException e) {
            return false;
        }
    }

    static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(could not read " + log + ": " + e.getMessage() + ")";
        }
    }

    public Config config() {
        return config;
    }

    public List<String> names() {
        return services.stream().map(Service::name).toList();
    }

    public int portOf(String name) {
        return services.stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElseThrow()
                .port();
    }

    /** The child JVM running {@code name} (a service, the gateway, or a replica such as compliance-2). */
    public ProcessHandle processOf(String name) {
        return service(name).process().toHandle();
    }

    /** The child JVMs' process ids, for checking that none outlives the stack. */
    public List<ProcessHandle> processes() {
        return services.stream().map(s -> s.process().toHandle()).toList();
    }

    /** Each service's JVM by the service's name, in the order they were started. */
    public Map<String, ProcessHandle> processesByName() {
        Map<String, ProcessHandle> byName = new LinkedHashMap<>();
        services.forEach(s -> byName.put(s.name(), s.process().toHandle()));
        return byName;
    }

    /** Stops the child JVMs (gracefully, then forcibly after 20 s) and closes the store. Safe to call twice. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Service service : services) {
            service.process().toHandle().descendants().forEach(ProcessHandle::destroy);
            service.process().destroy();
        }
        for (Service service : services) {
            try {
                if (!service.process().waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                    service.process().destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                service.process().destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        services.clear();
        if (mailCatcher != null) {
            mailCatcher.close();
        }
        if (store != null) {
            try {
                store.close();
            } catch (RuntimeException e) {
                throw new UncheckedIOException(new IOException("Could not close the embedded store cleanly", e));
            }
        }
    }

    /** Where the stack reports what it is doing. */
    @FunctionalInterface
    public interface Progress {
        void say(String line);
    }
}
