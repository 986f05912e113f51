package dev.hoshi.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.hoshi.platform.personal.PersonalDataVault;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
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

/**
 * Three clients changing controls through the gateway as fast as it answers, each change carrying a unique evidence
 * note (its marker), for tests that break parts of the system underneath them ({@link CrashCyclesIT},
 * {@link ReplicasIT}); then the checks that nothing was lost, doubled or miscounted: every acknowledged change is in
 * the event store exactly once and no unacknowledged one twice; each client organisation's controls board equals a
 * recount of its events; the association's rollup of controls equals a recount of its full-detail members' boards;
 * every failure a client saw was a clean one (no answer at all, or an error with a code, never a stack trace).
 */
final class ControlChanges {

    private static final List<String[]> CLIENTS =
            List.of(new String[] {"sato", "sato-seisakusho"}, new String[] {"kato", "kato-kogyo"}, new String[] {
                "kato", "aozora-denki"
            });
    private static final String[] STATUSES = {"IMPLEMENTED", "IN_PROGRESS", "PLANNED", "NOT_STARTED"};
    private static final Pattern MARKER = Pattern.compile("change-\\d+-\\d+");
    private static final Set<String> MEMBERS_IN_FULL =
            Set.of("sato-seisakusho", "kato-kogyo", "aozora-denki", "konan-kanagata", "wakaba-kasei");

    private final ObjectMapper json = new ObjectMapper();
    private final long seed;
    private final String tag;
    final Map<String, Boolean> outcomes = new ConcurrentHashMap<>();
    final Map<String, Integer> failureKinds = new ConcurrentHashMap<>();
    final List<String> unclean = Collections.synchronizedList(new ArrayList<>());
    private final GatewayClient gateway;
    private final DemoData demo;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final ExecutorService threads = Executors.newFixedThreadPool(CLIENTS.size());
    private final List<Future<?>> futures = new ArrayList<>();

    /** @param tag what the lines this prints start with, e.g. {@code [crash]} */
    private static final long PACE_MS = Long.getLong("hoshi.crash.pace-ms", 150);

    ControlChanges(GatewayClient gateway, DemoData demo, long seed, String tag) {
        this.gateway = gateway;
        this.demo = demo;
        this.seed = seed;
        this.tag = tag;
    }

    long acknowledged() {
        return outcomes.values().stream().filter(Boolean::booleanValue).count();
    }

    void start() throws Exception {
        for (int c = 0; c < CLIENTS.size(); c++) {
            String persona = CLIENTS.get(c)[0];
            String organization = CLIENTS.get(c)[1];
            int client = c;
            futures.add(threads.submit(() -> {
                Random random = new Random(seed + client);
                String[] token = {demo.token(persona)};
                for (int n = 0; running.get(); n++) {
                    String marker = "change-" + client + "-" + n;
                    outcomes.put(marker, send(token, persona, organization, marker, random));
                    pace();
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
    private boolean send(String[] token, String persona, String organization, String marker, Random random) {
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
                                    .header("Authorization", "Bearer " + token[0])
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
                if (response.statusCode() == 401) {
                    // a restarted gateway in demo mode signs with a new key: sign in again, as a person would
                    token[0] = demo.token(persona);
                }
                if (response.statusCode() >= 500) {
                    pause(); // a service is down: back off as a client would, leaving the restart the machine's cores
                }
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

    /**
     * A person's pace rather than a benchmark's, so that the clients leave most of the two cores to the services that
     * restart (a restart is CPU-bound: a profile of a restarting directory showed it starved while the machine ran at
     * 100%). Changes are still in flight at every crash; {@code -Dhoshi.crash.pace-ms} sets it.
     */
    private static void pace() {
        try {
            Thread.sleep(PACE_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void pause() {
        try {
            Thread.sleep(200); // the gateway or a service is down: do not spin
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private JsonNode readJson(String body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Stops the clients, then checks the store and the views (waiting up to 120 s for each view to catch up);
     * prints the counts. {@code atLeast}: the fewest acknowledged changes that make the run meaningful.
     */
    void stopAndVerify(String storeUri, long atLeast) throws Exception {
        stopAndAwait();
        try (MongoClient mongo = MongoClients.create(storeUri)) {
            Map<String, Integer> stored = markersInEvents(mongo);
            List<String> lost = new ArrayList<>();
            List<String> duplicated = new ArrayList<>();
            outcomes.forEach((marker, acknowledged) -> {
                int times = stored.getOrDefault(marker, 0);
                if (acknowledged && times == 0) {
                    lost.add(marker);
                }
            });
            stored.forEach((marker, times) -> {
                if (times > 1) {
                    duplicated.add(marker);
                }
            });
            System.out.printf(
                    "%s mutations sent %,d, acknowledged %,d, failed %,d (of which stored %,d); events lost %d,"
                            + " duplicated %d%n",
                    tag,
                    outcomes.size(),
                    acknowledged(),
                    outcomes.size() - acknowledged(),
                    outcomes.entrySet().stream()
                            .filter(e -> !e.getValue() && stored.containsKey(e.getKey()))
                            .count(),
                    lost.size(),
                    duplicated.size());
            System.out.println(tag + " failures the clients saw: " + failureKinds);
            assertThat(acknowledged()).as("acknowledged changes").isGreaterThanOrEqualTo(atLeast);
            assertThat(lost).as("acknowledged but not stored").isEmpty();
            assertThat(duplicated).as("stored more than once").isEmpty();
            assertThat(unclean).as("failures that were not clean").isEmpty();
            awaitBoardsEqual(lastControlEvents(mongo));
            awaitRollupEqualsRecount();
        }
    }

    // ---- what the store holds -------------------------------------------------------------------------------------

    /**
     * An event's payload as stored, with each sealed personal value ({@code "pd2:…"}, the evidence note among them)
     * opened through the services' own vault, so the markers can be counted.
     */
    private static String opened(PersonalDataVault vault, Object payload) {
        Matcher sealed = SEALED.matcher(payload.toString());
        StringBuilder out = new StringBuilder();
        while (sealed.find()) {
            String value = vault.open(sealed.group(1)).orElse("");
            sealed.appendReplacement(
                    out,
                    Matcher.quoteReplacement(
                            JsonNodeFactory.instance.textNode(value).toString()));
        }
        sealed.appendTail(out);
        return out.toString();
    }

    private static final Pattern SEALED = Pattern.compile("\"(pd2:[^\"]+)\"");

    private static PersonalDataVault vault(MongoClient mongo) {
        return new PersonalDataVault(mongo.getDatabase("hoshi_personal_data"));
    }

    /** How many stored events carry each marker (any event type, any service). */
    private Map<String, Integer> markersInEvents(MongoClient mongo) {
        Map<String, Integer> markers = new TreeMap<>();
        PersonalDataVault vault = vault(mongo);
        for (Document event :
                mongo.getDatabase("hoshi_events").getCollection("events").find()) {
            Object payload = event.get("payload");
            if (payload == null) {
                continue;
            }
            Matcher matcher = MARKER.matcher(opened(vault, payload));
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
        PersonalDataVault vault = vault(mongo);
        for (Document event : events) {
            JsonNode payload = json.readTree(opened(vault, event.get("payload")));
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
    private void awaitBoardsEqual(Map<String, Map<String, JsonNode>> recount) throws Exception {
        for (String[] client : CLIENTS) {
            String organization = client[1];
            Map<String, String> expected = new TreeMap<>();
            // every control of the catalog is on the board; one never changed is NOT_STARTED without a note
            board(client[0], organization).keySet().forEach(control -> expected.put(control, "NOT_STARTED "));
            recount.getOrDefault(organization, Map.of())
                    .forEach((control, payload) -> expected.put(
                            control,
                            payload.path("status").asText() + " "
                                    + payload.path("evidenceNote").asText("")));
            Map<String, String> shown = eventually(() -> board(client[0], organization), expected);
            assertThat(shown).as("controls board of %s", organization).isEqualTo(expected);
        }
    }

    private Map<String, String> board(String persona, String organization) throws Exception {
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
    private void awaitRollupEqualsRecount() throws Exception {
        Map<String, String> recount = new TreeMap<>();
        Map<String, int[]> sums = new TreeMap<>();
        for (String organization : MEMBERS_IN_FULL) {
            String persona = organization.equals("sato-seisakusho") ? "sato" : "kato";
            board(persona, organization).forEach((control, statusAndNote) -> {
                String status = statusAndNote.split(" ")[0];
                int[] sum = sums.computeIfAbsent(control.substring(0, control.indexOf('-')), k -> new int[2]);
                sum[0] += status.equals("IMPLEMENTED") ? 1 : 0;
                sum[1] += status.equals("NOT_APPLICABLE") ? 0 : 1;
            });
        }
        sums.forEach((chapter, sum) -> recount.put(chapter, sum[0] + "/" + sum[1]));
        // after a crash between a rollup batch's states and its $incs, insights rebuilds the projection once the
        // batch's marker is a minute old (RollupRepair): allow for that and the replay
        Map<String, String> live = eventually(() -> rollup(), recount, Duration.ofSeconds(300));
        System.out.println(tag + " rollup of controls by chapter (implemented/applicable): " + live);
        assertThat(drift(live, recount))
                .as("rollup chapters that differ from the recount (live vs recount)")
                .isEmpty();
    }

    /** Chapters whose live figure differs from the recount, {@code live vs recount}. */
    private static Map<String, String> drift(Map<String, String> live, Map<String, String> recount) {
        Map<String, String> drift = new TreeMap<>();
        recount.forEach((chapter, expected) -> {
            String shown = live.get(chapter);
            if (!expected.equals(shown)) {
                drift.put(chapter, shown + " vs " + expected);
            }
        });
        return drift;
    }

    private Map<String, String> rollup() throws Exception {
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
        return eventually(question, expected, Duration.ofSeconds(120));
    }

    private static <T> T eventually(Question<T> question, T expected, Duration patience) throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        T answer = question.ask();
        while (!answer.equals(expected) && System.nanoTime() < deadline) {
            Thread.sleep(500);
            answer = question.ask();
        }
        return answer;
    }

    @FunctionalInterface
    private interface Question<T> {
        T ask() throws Exception;
    }
}
