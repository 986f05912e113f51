package dev.hoshi.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.hoshi.store.StoreProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * Crash cycles on the real jars: three clients change controls through the gateway (each change carries a unique
 * evidence note), while, cycle after cycle, a random part (a service, the gateway, or the store's own process) is
 * killed with SIGKILL at a random moment and started again. Afterwards every acknowledged change is in the event
 * store exactly once and no unacknowledged one twice; each organisation's controls board equals a recount of its
 * events; the association's rollup of controls equals a recount of its members' boards; every failure a client saw
 * was a clean one (no answer at all, or an error with a code, never a stack trace).
 */
class CrashCyclesIT {

    private static final int CYCLES = Integer.getInteger("hoshi.crash.cycles", 20);
    private static final long SEED = Long.getLong("hoshi.crash.seed", System.nanoTime());
    private static final List<String> PARTS = List.of("store", "gateway", "directory", "compliance", "insights");
    private static final List<String[]> CLIENTS =
            List.of(new String[] {"sato", "sato-seisakusho"}, new String[] {"kato", "kato-kogyo"}, new String[] {
                "kato", "aozora-denki"
            });
    private static final String[] STATUSES = {"IMPLEMENTED", "IN_PROGRESS", "PLANNED", "NOT_STARTED"};
    private static final Pattern MARKER = Pattern.compile("crash-\\d+-\\d+");
    private static final Set<String> MEMBERS_IN_FULL =
            Set.of("sato-seisakusho", "kato-kogyo", "aozora-denki", "konan-kanagata", "wakaba-kasei");

    private final ObjectMapper json = new ObjectMapper();

    /** Kept after the run (logs of every part, the store's file) under target/, emptied at the start. */
    private final Path data = Path.of("target/crash-cycles").toAbsolutePath();

    @Test
    void acknowledgedChangesSurviveKilledPartsExactlyOnceAndEveryViewAgrees() throws Exception {
        deleteRecursively(data);
        Random random = new Random(SEED);
        System.out.printf("[crash] %d cycles, seed %d (-Dhoshi.crash.seed to repeat)%n", CYCLES, SEED);
        StoreProcess store =
                StoreProcess.onFreePort(data.resolve("store-process")).start(Duration.ofSeconds(60));
        LocalStack.Config config = LocalStack.Config.onFreePorts(
                Path.of("../..").toAbsolutePath().normalize(), data, Optional.of(store.connectionString()));
        DemoData demo = new DemoData(config.gatewayUrl());
        long started = System.nanoTime();
        try (store;
                LocalStack stack = LocalStackFixture.startSeeded(
                        config,
                        demo,
                        // the clients send as fast as answers come: the per-caller limit is not what is tested
                        Map.of(
                                "HOSHI_GATEWAY_RATELIMIT_PERMINUTE",
                                "100000000",
                                "HOSHI_GATEWAY_RATELIMIT_BURST",
                                "1000000"))) {
            Clients clients = new Clients(new GatewayClient(config.gatewayUrl()), demo);
            clients.start();
            long cyclesStarted = System.nanoTime();
            for (int cycle = 1; cycle <= CYCLES; cycle++) {
                Thread.sleep(300 + random.nextInt(1_500)); // load, then a crash at a random moment
                String part = PARTS.get(random.nextInt(PARTS.size()));
                long before = clients.acknowledged();
                if (part.equals("store")) {
                    store.kill();
                    store.start(Duration.ofSeconds(60));
                } else {
                    stack.kill(part);
                    stack.restart(part, line -> {});
                }
                System.out.printf(
                        "[crash] %s cycle %2d: killed and restarted %-10s (%,d acknowledged before, %,d now)%n",
                        java.time.LocalTime.now(), cycle, part, before, clients.acknowledged());
            }
            double cycleSeconds = (System.nanoTime() - cyclesStarted) / 1e9;
            clients.stopAndAwait();

            try (MongoClient mongo = MongoClients.create(store.connectionString())) {
                Map<String, Integer> stored = markersInEvents(mongo);
                List<String> lost = new ArrayList<>();
                List<String> duplicated = new ArrayList<>();
                clients.outcomes.forEach((marker, acknowledged) -> {
                    int times = stored.getOrDefault(marker, 0);
                    if (acknowledged && times != 1) {
                        (times == 0 ? lost : duplicated).add(marker);
                    }
                    if (!acknowledged && times > 1) {
                        duplicated.add(marker);
                    }
                });
                stored.forEach((marker, times) -> {
                    if (times > 1 && !duplicated.contains(marker)) {
                        duplicated.add(marker);
                    }
                });
                System.out.printf(
                        "[crash] %d cycles in %.0f s; mutations sent %,d, acknowledged %,d, failed %,d (of which"
                                + " stored %,d); events lost %d, duplicated %d%n",
                        CYCLES,
                        cycleSeconds,
                        clients.outcomes.size(),
                        clients.acknowledged(),
                        clients.outcomes.size() - clients.acknowledged(),
                        clients.outcomes.entrySet().stream()
                                .filter(e -> !e.getValue() && stored.containsKey(e.getKey()))
                                .count(),
                        lost.size(),
                        duplicated.size());
                System.out.println("[crash] failures the clients saw: " + clients.failureKinds);
                assertThat(clients.acknowledged()).as("acknowledged changes").isGreaterThan(CYCLES);
                assertThat(lost).as("acknowledged but not stored").isEmpty();
                assertThat(duplicated).as("stored more than once").isEmpty();
                assertThat(clients.unclean).as("failures that were not clean").isEmpty();

                Map<String, Map<String, JsonNode>> recount = lastControlEvents(mongo);
                awaitBoardsEqual(demo, recount);
                awaitRollupEqualsRecount(demo);
            }
            System.out.printf("[crash] whole test %.0f s%n", (System.nanoTime() - started) / 1e9);
        }
    }

    // ---- the clients ------------------------------------------------------------------------------------------------

    /** Three threads sending changes; each outcome recorded by its marker. */
    private final class Clients {

        final Map<String, Boolean> outcomes = new ConcurrentHashMap<>();
        final Map<String, Integer> failureKinds = new ConcurrentHashMap<>();
        final List<String> unclean = Collections.synchronizedList(new ArrayList<>());
        private final GatewayClient gateway;
        private final DemoData demo;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final ExecutorService threads = Executors.newFixedThreadPool(CLIENTS.size());
        private final List<Future<?>> futures = new ArrayList<>();

        Clients(GatewayClient gateway, DemoData demo) {
            this.gateway = gateway;
            this.demo = demo;
        }

        long acknowledged() {
            return outcomes.values().stream().filter(Boolean::booleanValue).count();
        }

        void start() throws Exception {
            for (int c = 0; c < CLIENTS.size(); c++) {
                String persona = CLIENTS.get(c)[0];
                String organization = CLIENTS.get(c)[1];
                String token = demo.token(persona);
                int client = c;
                futures.add(threads.submit(() -> {
                    Random random = new Random(SEED + client);
                    for (int n = 0; running.get(); n++) {
                        String marker = "crash-" + client + "-" + n;
                        outcomes.put(marker, send(token, organization, marker, random));
                    }
                    return null;
                }));
            }
        }

        void stopAndAwait() throws Exception {
            running.set(false);
            for (Future<?> future : futures) {
                future.get();
            }
            threads.shutdown();
        }

        /** One change; true when the gateway acknowledged it, false on any failure (recorded by kind). */
        private boolean send(String token, String organization, String marker, Random random) {
            String document = "mutation { updateControlStatus(input: {controlId: \""
                    + EndToEndBenchmark.CONTROLS[random.nextInt(EndToEndBenchmark.CONTROLS.length)] + "\", status: "
                    + STATUSES[random.nextInt(STATUSES.length)] + ", evidenceNote: \"" + marker
                    + "\"}) { errors { code message } } }";
            try {
                HttpResponse<String> response = gateway.http()
                        .send(
                                HttpRequest.newBuilder(URI.create(gateway.url() + "/compliance/graphql"))
                                        .timeout(Duration.ofSeconds(30))
                                        .header("Content-Type", "application/json")
                                        .header("Authorization", "Bearer " + token)
                                        .header("X-Hoshi-Organization", organization)
                                        .POST(HttpRequest.BodyPublishers.ofString(
                                                json.writeValueAsString(Map.of("query", document))))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                JsonNode body = readJson(response.body());
                boolean acknowledged = response.statusCode() == 200
                        && body != null
                        && !body.has("errors")
                        && body.path("data")
                                .path("updateControlStatus")
                                .path("errors")
                                .isEmpty()
                        && body.path("data").path("updateControlStatus").isObject();
                if (!acknowledged) {
                    String code = body == null ? null : errorCode(body);
                    failureKinds.merge(response.statusCode() + " " + code, 1, Integer::sum);
                    if (body == null
                            || code == null
                            || response.body().contains("Exception")
                            || response.body().contains("\tat ")) {
                        unclean.add(response.statusCode() + " " + response.body());
                    }
                }
                return acknowledged;
            } catch (IOException e) {
                failureKinds.merge("no answer (" + e.getClass().getSimpleName() + ")", 1, Integer::sum);
                pause();
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        private String errorCode(JsonNode body) {
            for (JsonNode candidate : List.of(
                    body.path("errors").path(0).path("extensions").path("code"),
                    body.path("errors").path(0).path("extensions").path("classification"),
                    body.path("code"),
                    body.path("data")
                            .path("updateControlStatus")
                            .path("errors")
                            .path(0)
                            .path("code"))) {
                if (candidate.isTextual() && !candidate.asText().isBlank()) {
                    return candidate.asText();
                }
            }
            return null;
        }

        private void pause() {
            try {
                Thread.sleep(200); // the gateway is down: do not spin
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private JsonNode readJson(String body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    // ---- what the store holds -------------------------------------------------------------------------------------

    /** How many stored events carry each marker (any event type, any service). */
    private Map<String, Integer> markersInEvents(MongoClient mongo) {
        Map<String, Integer> markers = new TreeMap<>();
        for (Document event :
                mongo.getDatabase("hoshi_events").getCollection("events").find()) {
            Object payload = event.get("payload");
            if (payload == null) {
                continue;
            }
            Matcher matcher = MARKER.matcher(payload.toString());
            while (matcher.find()) {
                markers.merge(matcher.group(), 1, Integer::sum);
            }
        }
        return markers;
    }

    /** Per organisation and control, the payload of its last ControlStatusUpdatedEvent (by global sequence). */
    private Map<String, Map<String, JsonNode>> lastControlEvents(MongoClient mongo) throws IOException {
        List<Document> events = mongo.getDatabase("hoshi_events")
                .getCollection("events")
                .find(new Document("payloadType", new Document("$regex", "ControlStatusUpdatedEvent$")))
                .into(new ArrayList<>());
        events.sort((a, b) ->
                Long.compare(((Number) a.get("globalSeq")).longValue(), ((Number) b.get("globalSeq")).longValue()));
        Map<String, Map<String, JsonNode>> last = new TreeMap<>();
        for (Document event : events) {
            JsonNode payload = json.readTree(event.get("payload").toString());
            JsonNode organization = payload.path("organizationId");
            String id = organization.isTextual()
                    ? organization.asText()
                    : organization.path("value").asText();
            last.computeIfAbsent(id, k -> new TreeMap<>())
                    .put(payload.path("controlId").asText(), payload);
        }
        return last;
    }

    // ---- what the views show --------------------------------------------------------------------------------------

    /** Each client organisation's board, through the gateway, equals the last event of each control. */
    private void awaitBoardsEqual(DemoData demo, Map<String, Map<String, JsonNode>> recount) throws Exception {
        for (String[] client : CLIENTS) {
            String organization = client[1];
            Map<String, String> expected = new TreeMap<>();
            // every control of the catalog is on the board; one never changed is NOT_STARTED without a note
            board(demo, client[0], organization).keySet().forEach(control -> expected.put(control, "NOT_STARTED "));
            recount.getOrDefault(organization, Map.of())
                    .forEach((control, payload) -> expected.put(
                            control,
                            payload.path("status").asText() + " "
                                    + payload.path("evidenceNote").asText("")));
            Map<String, String> shown = eventually(() -> board(demo, client[0], organization), expected);
            assertThat(shown).as("controls board of %s", organization).isEqualTo(expected);
        }
    }

    private Map<String, String> board(DemoData demo, String persona, String organization) throws Exception {
        JsonNode controls = demo.graphql(
                        "compliance",
                        demo.token(persona),
                        organization,
                        "{ organizationStatus { controls { controlId status evidenceNote } } }",
                        Map.of())
                .path("organizationStatus")
                .path("controls");
        Map<String, String> board = new TreeMap<>();
        controls.forEach(control -> board.put(
                control.path("controlId").asText(),
                control.path("status").asText() + " "
                        + control.path("evidenceNote").asText("")));
        return board;
    }

    /** The association's rollup of controls by chapter equals the sum over its full-detail members' boards. */
    private void awaitRollupEqualsRecount(DemoData demo) throws Exception {
        Map<String, String> recount = new TreeMap<>();
        Map<String, int[]> sums = new TreeMap<>();
        for (String organization : MEMBERS_IN_FULL) {
            String persona = organization.equals("sato-seisakusho") ? "sato" : "kato";
            board(demo, persona, organization).forEach((control, statusAndNote) -> {
                String status = statusAndNote.split(" ")[0];
                int[] sum = sums.computeIfAbsent(control.substring(0, control.indexOf('-')), k -> new int[2]);
                sum[0] += status.equals("IMPLEMENTED") ? 1 : 0;
                sum[1] += status.equals("NOT_APPLICABLE") ? 0 : 1;
            });
        }
        sums.forEach((chapter, sum) -> recount.put(chapter, sum[0] + "/" + sum[1]));
        Map<String, String> rollup = eventually(() -> rollup(demo), recount);
        System.out.println("[crash] rollup of controls by chapter (implemented/applicable): " + rollup);
        assertThat(rollup).as("rollup of controls by chapter").isEqualTo(recount);
    }

    private Map<String, String> rollup(DemoData demo) throws Exception {
        JsonNode chapters = demo.graphql(
                        "insights",
                        demo.token("tanaka"),
                        null,
                        "query($id: ID!) { supportOrganizationRollup(supportOrganizationId: $id) {"
                                + " controls { chapters { chapter implemented applicable } } } }",
                        Map.of("id", DemoData.ASSOCIATION))
                .path("supportOrganizationRollup")
                .path("controls")
                .path("chapters");
        Map<String, String> rollup = new TreeMap<>();
        chapters.forEach(chapter -> rollup.put(
                chapter.path("chapter").asText(),
                chapter.path("implemented").asInt() + "/"
                        + chapter.path("applicable").asInt()));
        return rollup;
    }

    /** Asks until the answer equals {@code expected} (projections catch up after the last restart), at most 120 s. */
    private static <T> T eventually(Question<T> question, T expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        T answer = question.ask();
        while (!answer.equals(expected) && System.nanoTime() < deadline) {
            Thread.sleep(500);
            answer = question.ask();
        }
        return answer;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (java.nio.file.Files.exists(dir)) {
            try (var paths = java.nio.file.Files.walk(dir)) {
                for (Path path :
                        paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    java.nio.file.Files.delete(path);
                }
            }
        }
    }

    @FunctionalInterface
    private interface Question<T> {
        T ask() throws Exception;
    }
}
