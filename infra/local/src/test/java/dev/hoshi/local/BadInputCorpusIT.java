package dev.hoshi.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import dev.hoshi.testsupport.graphql.GraphQlSocket;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input against every GraphQL operation of every service, through the gateway of a running, seeded stack (issue
 * #13): the operations come from each service's schema by introspection, so a new one is covered without touching
 * this test. For every argument and every field of an input argument it sends values of the wrong type, null where
 * one is required, huge strings and lists, control characters, lone UTF-16 surrogates, NoSQL operators and invalid
 * ids, dates, enums and numbers, as the most privileged callers (a platform operator; an SME's owner for its
 * organisation) and without a credential; and at the request level deep, wide and aliased queries, batches, malformed
 * JSON, wrong content types and methods, bad headers and bad WebSocket messages. It holds that no answer is a server
 * error (HTTP 5xx, or a GraphQL {@code INTERNAL_ERROR}), every error carries a code and a message without stack traces
 * or Java class names, and the stored data (every collection of every database, the event store included) is the same
 * afterwards. A 429 (rate limited) is counted apart, not as a failure.
 */
class BadInputCorpusIT {

    static final int HUGE_STRING = 1 << 20;
    static final int HUGE_LIST = 100_000;
    static final List<String> SERVICES = List.of("directory", "compliance", "insights");

    /** Stack frames, exception names and Java packages: none may reach a caller. */
    static final Pattern LEAK = Pattern.compile("\\tat |\\bat (?:java|javax|jakarta|org|com|dev|graphql|reactor|io)\\."
            + "|\\b(?:java|javax|jakarta|org\\.springframework|org\\.axonframework|org\\.bson|com\\.mongodb"
            + "|com\\.fasterxml|graphql\\.(?:execution|schema|language|validation|parser)|dev\\.hoshi|reactor\\.core"
            + "|io\\.netty|org\\.apache)\\.[A-Za-z]|\\b\\w+Exception\\b|\\b[A-Z]\\w*Value\\{");

    @TempDir
    static Path data;

    static LocalStack.Config config;
    static LocalStack stack;
    static DemoData demo;

    /**
     * {@code -Dhoshi.corpus.attach=<gateway port>:<store port>} runs the corpus against a stack already running on
     * this machine (started with {@code infra/start.sh} on the embedded store), instead of starting one.
     */
    static final String ATTACH = "hoshi.corpus.attach";

    @BeforeAll
    static void start() throws Exception {
        String attach = System.getProperty(ATTACH, "");
        if (!attach.isBlank()) {
            LocalStack.Config fresh = LocalStackFixture.config(data);
            String[] ports = attach.split(":");
            config = new LocalStack.Config(
                    fresh.repositoryRoot(),
                    data,
                    java.util.Optional.empty(),
                    Integer.parseInt(ports[1]),
                    Integer.parseInt(ports[0]),
                    0,
                    0,
                    0,
                    fresh.startTimeout(),
                    false);
            demo = new DemoData(config.gatewayUrl());
            return;
        }
        config = LocalStackFixture.config(data);
        demo = new DemoData(config.gatewayUrl());
        // the corpus sends thousands of requests as one caller within minutes: with the gateway's per-caller limit
        // most would be answered 429 and never reach a service, so the limit is raised beyond reach here
        // no rate limit; and the monthly digest's first run (2 min after start, writing its own collections) moved out
        // of
        // the run: the fingerprint of every collection below is about what requests change, not scheduled work
        Map<String, String> environment = new HashMap<>(LocalStackFixture.NO_RATE_LIMIT);
        environment.put("HOSHI_INSIGHTS_DIGEST_SCHEDULE_INITIAL_DELAY", "PT24H");
        stack = LocalStackFixture.startSeeded(config, demo, environment);
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    private final ObjectMapper json = new ObjectMapper();
    private final JsonNodeFactory nodes = JsonNodeFactory.instance;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Tally tally = new Tally();

    /** Who calls: a token (null: nobody signed in) and the organisation chosen (null: none). */
    record Caller(String name, String token, String organization) {}

    @Test
    void badInputNeverFailsTheServerLeaksAnythingOrChangesStoredData() throws Exception {
        List<Caller> callers = List.of(
                new Caller("operator", demo.token("operator"), null),
                new Caller("sato@sato-seisakusho", demo.token("sato"), "sato-seisakusho"));
        Caller nobody = new Caller("unauthenticated", null, null);
        Map<String, Schema> schemas = new LinkedHashMap<>();
        for (String service : SERVICES) {
            schemas.put(service, introspect(service, callers.get(0)));
        }
        Instant started = Instant.now();
        try (StoredData store = new StoredData("mongodb://127.0.0.1:" + config.storePort())) {
            Map<String, String> before = store.settled();
            Map<String, String> after = Map.of();
            try {
                for (Schema schema : schemas.values()) {
                    Instant from = Instant.now();
                    operations(schema, callers, nobody);
                    requests(schema, callers.get(0), nobody);
                    tally.took.put(
                            schema.service(),
                            Duration.between(from, Instant.now()).toSeconds());
                }
                subscriptions(schemas.get("insights"), callers.get(0));
                after = store.settled();
            } finally {
                tally.print(Duration.between(started, Instant.now()), before, after, schemas);
            }

            assertThat(tally.failures)
                    .as("server errors, errors without a code, leaks")
                    .isEmpty();
            assertThat(after.get(StoredData.EVENTS))
                    .as("events in the event store")
                    .isEqualTo(before.get(StoredData.EVENTS));
            assertThat(after).as("every collection's count and hash").isEqualTo(before);
        }
    }

    // ---------------------------------------------------------------- the schema, by introspection

    record TypeRef(String kind, String name, TypeRef ofType) {
        static TypeRef of(JsonNode node) {
            return node == null || node.isNull() || node.isMissingNode()
                    ? null
                    : new TypeRef(node.path("kind").asText(), node.path("name").textValue(), of(node.get("ofType")));
        }

        boolean nonNull() {
            return kind.equals("NON_NULL");
        }

        TypeRef nullable() {
            return nonNull() ? ofType : this;
        }

        boolean list() {
            return nullable().kind.equals("LIST");
        }

        TypeRef named() {
            return ofType == null ? this : ofType.named();
        }

        String render() {
            return switch (kind) {
                case "NON_NULL" -> ofType.render() + "!";
                case "LIST" -> "[" + ofType.render() + "]";
                default -> name;
            };
        }
    }

    record InputValue(String name, TypeRef type) {}

    record Field(String name, List<InputValue> args, TypeRef type) {}

    record TypeDef(
            String kind, String name, List<Field> fields, List<InputValue> inputFields, List<String> enumValues) {}

    record Schema(String service, Map<String, TypeDef> types, Map<String, String> roots) {
        List<Field> operations(String kind) {
            String root = roots.get(kind);
            return root == null ? List.of() : types.get(root).fields();
        }

        TypeDef type(TypeRef ref) {
            return types.get(ref.named().name());
        }
    }

    private static final String INTROSPECTION = "{ __schema { queryType { name } mutationType { name }"
            + " subscriptionType { name } types { kind name fields { name args { name type { ...T } } type { ...T } }"
            + " inputFields { name type { ...T } } enumValues { name } } } }"
            + " fragment T on __Type { kind name ofType { kind name ofType { kind name ofType { kind name } } } }";

    private Schema introspect(String service, Caller caller) throws Exception {
        JsonNode schema = demo.graphql(service, caller.token(), null, INTROSPECTION, Map.of())
                .path("__schema");
        Map<String, TypeDef> types = new LinkedHashMap<>();
        for (JsonNode type : schema.path("types")) {
            List<Field> fields = new ArrayList<>();
            for (JsonNode field : type.path("fields")) {
                List<InputValue> args = new ArrayList<>();
                field.path("args").forEach(a -> args.add(inputValue(a)));
                fields.add(new Field(field.path("name").asText(), args, TypeRef.of(field.path("type"))));
            }
            List<InputValue> inputFields = new ArrayList<>();
            type.path("inputFields").forEach(f -> inputFields.add(inputValue(f)));
            List<String> enumValues = new ArrayList<>();
            type.path("enumValues").forEach(e -> enumValues.add(e.path("name").asText()));
            String name = type.path("name").asText();
            types.put(name, new TypeDef(type.path("kind").asText(), name, fields, inputFields, enumValues));
        }
        Map<String, String> roots = new LinkedHashMap<>();
        roots.put("query", schema.path("queryType").path("name").textValue());
        roots.put("mutation", schema.path("mutationType").path("name").textValue());
        roots.put("subscription", schema.path("subscriptionType").path("name").textValue());
        roots.values().removeIf(java.util.Objects::isNull);
        return new Schema(service, types, roots);
    }

    private static InputValue inputValue(JsonNode node) {
        return new InputValue(node.path("name").asText(), TypeRef.of(node.path("type")));
    }

    // ---------------------------------------------------------------- bad arguments, operation by operation

    /** One bad request body's variables, and what kind of bad it is. */
    record Variant(String category, String label, ObjectNode variables) {}

    private void operations(Schema schema, List<Caller> callers, Caller nobody) throws Exception {
        for (String kind : List.of("query", "mutation", "subscription")) {
            for (Field op : schema.operations(kind)) {
                String document = document(schema, kind, op, op.name(), 1);
                List<Variant> variants = variants(schema, kind, op);
                for (int c = 0; c < callers.size(); c++) {
                    // the first caller gets every variant, the others a sample, over HTTP; subscriptions a sample
                    // here (over HTTP they are refused as a whole) and every variant over WebSocket below
                    int step = kind.equals("subscription") ? 8 : c == 0 ? 1 : 3;
                    for (int i = c % step; i < variants.size(); i += step) {
                        Variant v = variants.get(i);
                        send(
                                v.category(),
                                schema.service() + " " + kind + " " + op.name() + " " + v.label() + " as "
                                        + callers.get(c).name(),
                                kind,
                                post(schema.service(), callers.get(c), body(document, v.variables())));
                    }
                }
                Variant first = variants.isEmpty()
                        ? new Variant("unauthenticated", "no arguments", nodes.objectNode())
                        : variants.get(0);
                send(
                        "unauthenticated",
                        schema.service() + " " + op.name() + " " + first.label() + " without a credential",
                        kind,
                        post(schema.service(), nobody, body(document, first.variables())));
            }
        }
    }

    /** {@code kind Corpus($a: T, …) { alias: op(a: $a, …) { __typename … } }}, the op {@code times} times. */
    private String document(Schema schema, String kind, Field op, String alias, int times) {
        StringBuilder declared = new StringBuilder();
        StringBuilder passed = new StringBuilder();
        for (InputValue arg : op.args()) {
            declared.append(declared.isEmpty() ? "" : ", ")
                    .append('$')
                    .append(arg.name())
                    .append(": ")
                    .append(arg.type().render());
            passed.append(passed.isEmpty() ? "" : ", ")
                    .append(arg.name())
                    .append(": $")
                    .append(arg.name());
        }
        StringBuilder doc = new StringBuilder(kind).append(" Corpus");
        if (!declared.isEmpty()) {
            doc.append('(').append(declared).append(')');
        }
        doc.append(" {");
        for (int i = 0; i < times; i++) {
            doc.append(' ')
                    .append(alias)
                    .append(times > 1 ? String.valueOf(i) : "")
                    .append(": ")
                    .append(op.name());
            if (!passed.isEmpty()) {
                doc.append('(').append(passed).append(')');
            }
            doc.append(selection(schema, op.type()));
        }
        return doc.append(" }").toString();
    }

    /** {@code __typename}, and a payload's business errors with their codes. */
    private static String selection(Schema schema, TypeRef type) {
        TypeDef named = schema.type(type);
        if (named == null || !Set.of("OBJECT", "INTERFACE", "UNION").contains(named.kind())) {
            return "";
        }
        boolean errors = named.kind().equals("OBJECT")
                && named.fields().stream()
                        .anyMatch(f -> f.name().equals("errors")
                                && schema.type(f.type()).fields().stream()
                                        .anyMatch(g -> g.name().equals("code")));
        return errors ? " { __typename errors { code message } }" : " { __typename }";
    }

    /** For each argument, and each field of an input argument (two levels deep), its bad values. */
    private List<Variant> variants(Schema schema, String kind, Field op) {
        ObjectNode base = nodes.objectNode();
        for (InputValue arg : op.args()) {
            if (arg.type().nonNull()) {
                base.set(arg.name(), filler(schema, arg.type(), arg.name(), 0));
            }
        }
        List<Variant> variants = new ArrayList<>();
        for (InputValue arg : op.args()) {
            walk(schema, kind, arg, List.of(arg.name()), base, variants, 0);
        }
        return variants;
    }

    private void walk(
            Schema schema,
            String kind,
            InputValue value,
            List<Object> path,
            ObjectNode base,
            List<Variant> variants,
            int depth) {
        for (Bad bad : badValues(schema, kind, value)) {
            ObjectNode variables = base.deepCopy();
            if (set(schema, variables, path, bad.value())) {
                variants.add(new Variant(bad.category(), pathText(path) + "=" + bad.label(), variables));
            }
        }
        TypeDef named = schema.type(value.type());
        if (named != null && named.kind().equals("INPUT_OBJECT") && depth < 2) {
            List<Object> into = new ArrayList<>(path);
            if (value.type().list()) {
                into.add(0);
            }
            for (InputValue field : named.inputFields()) {
                List<Object> next = new ArrayList<>(into);
                next.add(field.name());
                walk(schema, kind, field, next, base, variants, depth + 1);
            }
        }
    }

    private static String pathText(List<Object> path) {
        StringBuilder text = new StringBuilder();
        for (Object step : path) {
            text.append(step instanceof Integer i ? "[" + i + "]" : (text.isEmpty() ? "" : ".") + step);
        }
        return text.toString();
    }

    /** Sets {@code value} at {@code path}, making the objects and lists on the way; false when it cannot. */
    private boolean set(Schema schema, ObjectNode variables, List<Object> path, JsonNode value) {
        JsonNode parent = variables;
        for (int i = 0; i < path.size() - 1; i++) {
            Object step = path.get(i);
            Object next = path.get(i + 1);
            JsonNode child = step instanceof Integer index ? parent.path(index) : parent.path((String) step);
            if (child.isMissingNode() || child.isNull()) {
                child = next instanceof Integer ? nodes.arrayNode().add(nodes.objectNode()) : nodes.objectNode();
                if (parent instanceof ObjectNode object) {
                    object.set((String) step, child);
                } else {
                    return false;
                }
            }
            parent = child;
        }
        Object last = path.get(path.size() - 1);
        if (parent instanceof ObjectNode object && last instanceof String name) {
            object.set(name, value);
            return true;
        }
        if (parent instanceof ArrayNode array && last instanceof Integer index) {
            array.set(index, value);
            return true;
        }
        return false;
    }

    /**
     * A plausible value, so that the one bad value in a request is what it is judged on: the seeded organisations and
     * support organisation, a past date, a web address, the first enum value, required input fields filled.
     */
    private JsonNode filler(Schema schema, TypeRef type, String name, int depth) {
        TypeRef t = type.nullable();
        if (t.kind().equals("LIST")) {
            return nodes.arrayNode().add(filler(schema, t.ofType(), name, depth));
        }
        TypeDef named = schema.type(t);
        if (named != null && named.kind().equals("ENUM")) {
            return nodes.textNode(named.enumValues().get(0));
        }
        if (named != null && named.kind().equals("INPUT_OBJECT")) {
            ObjectNode object = nodes.objectNode();
            if (depth < 4) {
                for (InputValue field : named.inputFields()) {
                    if (field.type().nonNull()) {
                        object.set(field.name(), filler(schema, field.type(), field.name(), depth + 1));
                    }
                }
            }
            return object;
        }
        return switch (t.name()) {
            case "Int" -> nodes.numberNode(1);
            case "Float" -> nodes.numberNode(1.0);
            case "Boolean" -> nodes.booleanNode(false);
            default -> nodes.textNode(fillerText(name));
        };
    }

    private static String fillerText(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.equals("organizationid")) {
            return "sato-seisakusho";
        }
        if (lower.equals("supportorganizationid")) {
            return "tokyo-machinery";
        }
        if (lower.equals("partnerclientid")) {
            return DemoData.PARTNER;
        }
        if (lower.equals("from") || lower.equals("to") || lower.contains("month")) {
            return "2020-01";
        }
        if (isDate(name)) {
            return "2020-01-01";
        }
        if (lower.contains("url")) {
            return "https://example.jp/corpus";
        }
        return "corpus";
    }

    private static boolean isDate(String name) {
        return name.equals("asOf")
                || name.endsWith("On")
                || name.toLowerCase(Locale.ROOT).contains("date");
    }

    record Bad(String category, String label, JsonNode value) {}

    /**
     * The bad values for one argument or input field, by its type. Values a field may legitimately hold are left out
     * for mutations (any text in a free-text field, blank in an optional one), since there they would be accepted.
     */
    private List<Bad> badValues(Schema schema, String kind, InputValue input) {
        List<Bad> bad = new ArrayList<>();
        TypeRef type = input.type();
        boolean mutation = kind.equals("mutation");
        if (type.nonNull()) {
            bad.add(new Bad("null-for-non-null", "null", nodes.nullNode()));
        }
        if (type.list()) {
            JsonNode element = filler(schema, type.nullable().ofType(), input.name(), 0);
            ArrayNode huge = nodes.arrayNode();
            for (int i = 0; i < HUGE_LIST; i++) {
                huge.add(element);
            }
            bad.add(new Bad("huge-list", HUGE_LIST + " elements", huge));
            bad.add(new Bad(
                    "wrong-type", "object for a list", nodes.objectNode().set("0", element)));
            bad.add(new Bad(
                    "wrong-type",
                    "list of lists",
                    nodes.arrayNode().add(nodes.arrayNode().add(element))));
            if (type.nullable().ofType().nonNull()) {
                bad.add(new Bad("null-for-non-null", "[null]", nodes.arrayNode().add(nodes.nullNode())));
            }
            return bad;
        }
        TypeDef named = schema.type(type);
        String scalar = type.named().name();
        if (named != null && named.kind().equals("INPUT_OBJECT")) {
            bad.add(new Bad("wrong-type", "string for an object", nodes.textNode("corpus")));
            bad.add(new Bad(
                    "wrong-type", "list for an object", nodes.arrayNode().add(nodes.objectNode())));
            bad.add(new Bad("nosql", "{$ne: null}", nodes.objectNode().set("$ne", nodes.nullNode())));
            bad.add(new Bad(
                    "nosql", "{$where: …}", nodes.objectNode().put("$where", "sleep(1000) || this.owner != null")));
            ObjectNode withOperator = ((ObjectNode) filler(schema, type, input.name(), 0)).deepCopy();
            withOperator.set("$gt", nodes.textNode(""));
            bad.add(new Bad("nosql", "extra $gt field", withOperator));
            if (named.inputFields().stream().anyMatch(f -> f.type().nonNull())) {
                bad.add(new Bad("null-for-non-null", "{} (required fields missing)", nodes.objectNode()));
            }
            return bad;
        }
        if (named != null && named.kind().equals("ENUM")) {
            bad.add(new Bad("invalid-value", "unknown enum", nodes.textNode("NOT_A_VALUE")));
            bad.add(new Bad(
                    "invalid-value",
                    "lower-case enum",
                    nodes.textNode(named.enumValues().get(0).toLowerCase(Locale.ROOT))));
            bad.add(new Bad("invalid-value", "empty enum", nodes.textNode("")));
            bad.add(new Bad("wrong-type", "int for an enum", nodes.numberNode(1)));
            bad.add(new Bad("nosql", "{\"$gt\": \"\"} for an enum", nodes.textNode("{\"$gt\": \"\"}")));
            return bad;
        }
        switch (scalar) {
            case "Int" -> {
                bad.add(new Bad("wrong-type", "string for an int", nodes.textNode("1")));
                bad.add(new Bad("wrong-type", "float for an int", nodes.numberNode(1.5)));
                bad.add(new Bad("wrong-type", "boolean for an int", nodes.booleanNode(true)));
                bad.add(new Bad(
                        "wrong-type", "object for an int", nodes.objectNode().put("$gt", 0)));
                bad.add(new Bad("invalid-value", "2^31", nodes.numberNode(1L << 31)));
                bad.add(new Bad("invalid-value", "-1", nodes.numberNode(-1)));
                bad.add(new Bad("invalid-value", "MIN_INT", nodes.numberNode(Integer.MIN_VALUE)));
                if (!mutation) {
                    bad.add(new Bad("invalid-value", "0", nodes.numberNode(0)));
                    bad.add(new Bad("invalid-value", "MAX_INT", nodes.numberNode(Integer.MAX_VALUE)));
                }
            }
            case "Float" -> {
                bad.add(new Bad("wrong-type", "string for a float", nodes.textNode("1.0")));
                bad.add(new Bad("invalid-value", "1e999", nodes.rawValueNode(new RawValue("1e999"))));
                bad.add(new Bad("invalid-value", "-1", nodes.numberNode(-1.0)));
            }
            case "Boolean" -> {
                bad.add(new Bad("wrong-type", "string for a boolean", nodes.textNode("true")));
                bad.add(new Bad("wrong-type", "int for a boolean", nodes.numberNode(1)));
            }
            default -> strings(kind, input, scalar.equals("ID"), bad);
        }
        return bad;
    }

    private void strings(String kind, InputValue input, boolean id, List<Bad> bad) {
        boolean mutation = kind.equals("mutation");
        if (!id) {
            bad.add(new Bad("wrong-type", "int for a string", nodes.numberNode(12345)));
        }
        bad.add(new Bad("wrong-type", "boolean for a string", nodes.booleanNode(true)));
        bad.add(new Bad("wrong-type", "float for a string", nodes.numberNode(1.5)));
        bad.add(new Bad("wrong-type", "object for a string", nodes.objectNode().put("a", 1)));
        if (input.type().nonNull()) {
            bad.add(new Bad("invalid-value", "blank", nodes.textNode(" \t ")));
        }
        bad.add(new Bad("huge-string", "1 MiB", nodes.textNode("a".repeat(HUGE_STRING))));
        bad.add(new Bad("control-characters", "NUL, BEL, ESC", nodes.textNode("corpus\u0000\u0007\u001b[2J")));
        bad.add(new Bad("control-characters", "C1, DEL", nodes.textNode("corpus\u0085\u009b\u007f")));
        bad.add(new Bad("surrogates", "lone high surrogate", nodes.rawValueNode(new RawValue("\"corpus\\ud800\""))));
        bad.add(new Bad(
                "surrogates", "reversed surrogate pair", nodes.rawValueNode(new RawValue("\"\\udc00\\ud800corpus\""))));
        if (!mutation || id) {
            bad.add(new Bad("nosql", "{\"$gt\": \"\"}", nodes.textNode("{\"$gt\": \"\"}")));
            bad.add(new Bad("nosql", "{\"$ne\": null}", nodes.textNode("{\"$ne\": null}")));
            bad.add(new Bad("nosql", "$where", nodes.textNode("'; return true; var x='")));
            bad.add(new Bad("nosql", "regex", nodes.textNode(".*")));
            bad.add(new Bad("invalid-value", "path", nodes.textNode("../../etc/passwd")));
            bad.add(new Bad("invalid-value", "markup", nodes.textNode("<script>alert(1)</script>")));
            bad.add(new Bad("invalid-value", "300 characters", nodes.textNode("x".repeat(300))));
        }
        String name = input.name().toLowerCase(Locale.ROOT);
        if (id && (name.endsWith("organizationid") || name.equals("partnerclientid"))) {
            // seeded ids of the other kinds: an organisation's where a support organisation's is due, and so on
            for (String other : List.of("sato-seisakusho", "tokyo-machinery", DemoData.PARTNER)) {
                if (!other.equals(fillerText(input.name()))) {
                    bad.add(new Bad("invalid-value", "another kind's id " + other, nodes.textNode(other)));
                }
            }
        }
        if (isDate(input.name())) {
            for (String date : List.of(
                    "2026-02-30",
                    "20260401",
                    "2026-04-01T00:00:00Z",
                    "+999999999-12-31",
                    "9999-12-31",
                    "-0001-01-01",
                    "明日")) {
                bad.add(new Bad("invalid-value", "date " + date, nodes.textNode(date)));
            }
        }
        String lower = input.name().toLowerCase(Locale.ROOT);
        if (lower.equals("from") || lower.equals("to") || lower.contains("month")) {
            for (String month : List.of("2026-13", "2026", "0000-00", "+99999-01")) {
                bad.add(new Bad("invalid-value", "month " + month, nodes.textNode(month)));
            }
        }
    }

    // ---------------------------------------------------------------- bad requests

    private void requests(Schema schema, Caller operator, Caller nobody) throws Exception {
        String service = schema.service();
        // deep: the introspection types nest without end; the depth limit refuses them before anything runs
        String deep = "{ __schema { types { " + "fields { type { ".repeat(10) + "name" + " } }".repeat(20) + " } } }";
        send("deep", service + " 43 levels of fields", "query", post(service, operator, query(deep)));
        String nested = "{ a " + "{ b ".repeat(5_000) + "}".repeat(5_001);
        send("deep", service + " 5,000 nested selections", "query", post(service, operator, query(nested)));
        String cycle = "{ __schema { types { ...A } } } fragment A on __Type { ofType { ...A } }";
        send("deep", service + " a fragment cycle", "query", post(service, operator, query(cycle)));
        String deepJson = "{\"query\":\"query($v: String) { __typename }\",\"variables\":{\"v\":" + "[".repeat(10_000)
                + "]".repeat(10_000) + "}}";
        send("deep", service + " variables 10,000 lists deep", "query", post(service, operator, bytes(deepJson)));

        // wide: many fields, many tokens, many operations, a huge document
        StringBuilder wide = new StringBuilder("{");
        for (int i = 0; i < 5_000; i++) {
            wide.append(" t").append(i).append(": __typename");
        }
        send(
                "wide",
                service + " 5,000 fields",
                "query",
                post(service, operator, query(wide.append(" }").toString())));
        send(
                "wide",
                service + " 200,000 tokens",
                "query",
                post(service, operator, query("{" + " __typename".repeat(200_000) + " }")));
        StringBuilder operations = new StringBuilder();
        for (int i = 0; i < 2_000; i++) {
            operations.append("query Q").append(i).append(" { __typename } ");
        }
        send(
                "wide",
                service + " 2,000 operations",
                "query",
                post(
                        service,
                        operator,
                        bytes(json.writeValueAsString(Map.of("query", operations, "operationName", "Q1999")))));
        send(
                "wide",
                service + " 8 MiB query",
                "query",
                post(service, operator, query("{ __typename " + "#".repeat(8 << 20) + "\n}")));

        // 250 aliases of each query, with plausible arguments
        for (Field op : schema.operations("query")) {
            ObjectNode plausible = nodes.objectNode();
            for (InputValue arg : op.args()) {
                if (arg.type().nonNull()) {
                    plausible.set(arg.name(), filler(schema, arg.type(), arg.name(), 0));
                }
            }
            send(
                    "aliases",
                    service + " 250 × " + op.name(),
                    "query",
                    post(service, operator, body(document(schema, "query", op, "a", 250), plausible)));
        }

        // batches: JSON arrays of requests
        String one = "{\"query\":\"{ __typename }\"}";
        send("batch", service + " batch of 2", "query", post(service, operator, bytes("[" + one + "," + one + "]")));
        send(
                "batch",
                service + " batch of 1,000",
                "query",
                post(
                        service,
                        operator,
                        bytes("[" + String.join(",", java.util.Collections.nCopies(1_000, one)) + "]")));
        send("batch", service + " empty batch", "query", post(service, operator, bytes("[]")));

        // malformed JSON and odd bodies
        Map<String, byte[]> malformed = new LinkedHashMap<>();
        malformed.put("empty body", new byte[0]);
        malformed.put("truncated", bytes("{\"query\":\"{ __typename"));
        malformed.put("not JSON", bytes("query { __typename }"));
        malformed.put("null", bytes("null"));
        malformed.put("a string", bytes("\"{ __typename }\""));
        malformed.put("query a number", bytes("{\"query\":1}"));
        malformed.put("query null", bytes("{\"query\":null}"));
        malformed.put("no query", bytes("{\"variables\":{}}"));
        malformed.put("variables a string", bytes("{\"query\":\"{ __typename }\",\"variables\":\"x\"}"));
        malformed.put("variables a list", bytes("{\"query\":\"{ __typename }\",\"variables\":[1]}"));
        malformed.put("extensions a string", bytes("{\"query\":\"{ __typename }\",\"extensions\":\"x\"}"));
        malformed.put("operationName unknown", bytes("{\"query\":\"{ __typename }\",\"operationName\":\"Nope\"}"));
        malformed.put("operationName an object", bytes("{\"query\":\"{ __typename }\",\"operationName\":{}}"));
        malformed.put("duplicate keys", bytes("{\"query\":\"{ __typename }\",\"query\":\"mutation { x }\"}"));
        malformed.put("undeclared variable", bytes("{\"query\":\"query { __type(name: $n) { name } }\"}"));
        malformed.put("unknown field", bytes("{\"query\":\"{ nope }\"}"));
        malformed.put("syntax error", bytes("{\"query\":\"{ __typename \"}"));
        malformed.put("NUL in the query", bytes("{\"query\":\"{ __typename \\u0000 }\"}"));
        malformed.put("lone surrogate in the query", bytes("{\"query\":\"{ __typename } # \\ud800\"}"));
        malformed.put("NaN", bytes("{\"query\":\"{ __typename }\",\"variables\":{\"a\":NaN}}"));
        malformed.put("comments", bytes("{/* */\"query\":\"{ __typename }\"}"));
        malformed.put(
                "huge number",
                bytes("{\"query\":\"{ __typename }\",\"variables\":{\"a\":1" + "0".repeat(100_000) + "}}"));
        byte[] invalidUtf8 = bytes("{\"query\":\"{ __typename } # xx\"}");
        invalidUtf8[invalidUtf8.length - 4] = (byte) 0xC3;
        invalidUtf8[invalidUtf8.length - 3] = (byte) 0x28;
        malformed.put("invalid UTF-8", invalidUtf8);
        byte[] overlong = bytes("{\"query\":\"{ __typename } # xx\"}");
        overlong[overlong.length - 4] = (byte) 0xC0;
        overlong[overlong.length - 3] = (byte) 0xAF;
        malformed.put("overlong UTF-8", overlong);
        malformed.put("UTF-16 body", "{\"query\":\"{ __typename }\"}".getBytes(StandardCharsets.UTF_16));
        malformed.put("BOM", bytes("\uFEFF{\"query\":\"{ __typename }\"}"));
        for (Map.Entry<String, byte[]> body : malformed.entrySet()) {
            send("malformed-json", service + " " + body.getKey(), "query", post(service, operator, body.getValue()));
        }

        // content types and methods
        String url = config.gatewayUrl() + "/" + service + "/graphql";
        for (String contentType : List.of(
                "text/plain",
                "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x",
                "application/xml",
                "application/graphql",
                "application/json; charset=ISO-8859-1",
                "application/json; charset=nope",
                "*/*",
                "application/json, text/plain",
                "")) {
            HttpRequest.Builder request = authorized(HttpRequest.newBuilder(URI.create(url)), operator)
                    .POST(HttpRequest.BodyPublishers.ofString(one));
            if (!contentType.isEmpty()) {
                request.header("Content-Type", contentType);
            }
            send("content-type", service + " Content-Type '" + contentType + "'", "query", request);
        }
        for (String accept : List.of("text/html", "application/xml", "nope")) {
            send(
                    "content-type",
                    service + " Accept '" + accept + "'",
                    "query",
                    withHeader(url, operator, "Accept", accept));
        }
        String mutation = schema.operations("mutation").isEmpty()
                ? "mutation { __typename }"
                : "mutation { " + schema.operations("mutation").get(0).name() + " }";
        for (String document : List.of(mutation, "{ __typename }")) {
            send(
                    "http-method",
                    service + " GET " + document,
                    document.startsWith("mutation") ? "mutation" : "query",
                    authorized(
                                    HttpRequest.newBuilder(URI.create(
                                            url + "?query=" + URLEncoder.encode(document, StandardCharsets.UTF_8))),
                                    operator)
                            .GET());
        }
        for (String method : List.of("PUT", "DELETE", "PATCH", "OPTIONS", "TRACE")) {
            send(
                    "http-method",
                    service + " " + method,
                    "query",
                    authorized(HttpRequest.newBuilder(URI.create(url)), operator)
                            .header("Content-Type", "application/json")
                            .method(method, HttpRequest.BodyPublishers.ofString(one)));
        }

        // headers: the organisation chosen, and credentials that are not one
        for (String organization : List.of(
                "",
                "../directory",
                "sato-seisakusho,suzuki-shoten",
                "{\"$ne\":null}",
                "x".repeat(500),
                "sato-seisakusho\\u0000")) {
            send(
                    "headers",
                    service + " X-Hoshi-Organization '" + organization + "'",
                    "query",
                    withHeader(url, operator, "X-Hoshi-Organization", organization));
        }
        for (String authorization :
                List.of("Bearer", "Bearer " + "x".repeat(20_000), "Basic b3A6b3A=", "Bearer a.b.c")) {
            send(
                    "unauthenticated",
                    service + " Authorization '" + authorization.substring(0, Math.min(20, authorization.length()))
                            + "'",
                    "query",
                    withHeader(url, nobody, "Authorization", authorization));
        }
        send(
                "unauthenticated",
                service + " an API key that is none",
                "query",
                withHeader(url, nobody, "X-Api-Key", "hoshi_pk_{\"$ne\":null}_x"));
        send(
                "unauthenticated",
                service + " a mutation without a credential",
                "mutation",
                post(service, nobody, query(mutation)));
    }

    // ---------------------------------------------------------------- subscriptions over WebSocket

    /**
     * Messages larger than this are refused by the gateway before they reach a service (close {@code 1009});
     * {@code HoshiGraphQlWebSocketAutoConfiguration.MAX_MESSAGE_BYTES} and the gateway's frame limit.
     */
    static final int WEBSOCKET_MESSAGE_LIMIT = 65_536;

    private void subscriptions(Schema schema, Caller operator) throws Exception {
        String url = config.gatewayUrl().replace("http://", "ws://") + "/" + schema.service() + "/graphql";
        for (Field op : schema.operations("subscription")) {
            String document = document(schema, "subscription", op, op.name(), 1);
            List<Variant> variants = variants(schema, "subscription", op);
            Map<Integer, String> fitting = new TreeMap<>();
            for (int i = 0; i < variants.size(); i++) {
                ObjectNode message = nodes.objectNode().put("id", "c" + i).put("type", "subscribe");
                message.set(
                        "payload",
                        nodes.objectNode()
                                .put("query", document)
                                .set("variables", variants.get(i).variables()));
                String text = json.writeValueAsString(message);
                String label = schema.service() + " subscription " + op.name() + " "
                        + variants.get(i).label();
                if (text.getBytes(StandardCharsets.UTF_8).length > WEBSOCKET_MESSAGE_LIMIT) {
                    tooBig(url, operator, label, variants.get(i).category(), text);
                } else {
                    fitting.put(i, text);
                }
            }
            subscribeAll(url, operator, schema, op, variants, fitting);
        }
        // bad messages: each refused by closing the socket with the protocol's code, never a server error
        String init = "{\"type\":\"connection_init\"}";
        String huge = "{\"type\":\"connection_init\",\"payload\":{\"x\":\"" + "a".repeat(HUGE_STRING) + "\"}}";
        Map<String, List<String>> protocol = new LinkedHashMap<>();
        Map<String, Set<Integer>> expected = new LinkedHashMap<>();
        protocol.put("not JSON", List.of("{\"type\":\"connection_init\"", "hello"));
        expected.put("not JSON", Set.of(4400));
        protocol.put(
                "subscribe before init",
                List.of("{\"id\":\"1\",\"type\":\"subscribe\",\"payload\":{\"query\":\"subscription { x }\"}}"));
        expected.put("subscribe before init", Set.of(4401));
        protocol.put("unknown type", List.of(init, "{\"type\":\"$where\"}"));
        expected.put("unknown type", Set.of(4400));
        protocol.put("payload not an object", List.of(init, "{\"id\":\"1\",\"type\":\"subscribe\",\"payload\":\"x\"}"));
        expected.put("payload not an object", Set.of(4400));
        protocol.put(
                "query not a string", List.of(init, "{\"id\":\"1\",\"type\":\"subscribe\",\"payload\":{\"query\":1}}"));
        expected.put("query not a string", Set.of(4400));
        protocol.put(
                "variables not an object",
                List.of(
                        init,
                        "{\"id\":\"1\",\"type\":\"subscribe\",\"payload\":{\"query\":\"subscription { x }\","
                                + "\"variables\":\"x\"}}"));
        expected.put("variables not an object", Set.of(4400));
        protocol.put("huge message after init", List.of(init, huge));
        expected.put("huge message after init", Set.of(1009));
        // sent before the gateway has connected to the service, the gateway's connection closes it with no code (1005)
        // when the message is this large (docs/gateway.md, "WebSockets"); a smaller one gets 1009 there too
        protocol.put("huge first message", List.of(huge));
        expected.put("huge first message", Set.of(1009, 1005));
        for (Map.Entry<String, List<String>> messages : protocol.entrySet()) {
            try (GraphQlSocket socket = GraphQlSocket.open(http, url, operator.token())) {
                JsonNode last = null;
                for (String message : messages.getValue()) {
                    socket.send(message);
                    if (message.equals(init)) {
                        last = socket.next(); // the acknowledgement, before what follows
                    }
                }
                for (JsonNode answer = socket.poll(Duration.ofSeconds(10));
                        answer != null;
                        answer = answer.has("close") ? null : socket.poll(Duration.ofSeconds(10))) {
                    last = answer;
                }
                int code = last == null || !last.has("close")
                        ? 0
                        : last.path("close").asInt();
                tally.count("subscription-protocol", "WS close " + code);
                boolean tooBigRefused = expected.get(messages.getKey()).contains(1009) && resetWhileSending(last);
                if (!expected.get(messages.getKey()).contains(code) && !tooBigRefused) {
                    tally.failures.add("WebSocket " + messages.getKey() + ": expected close "
                            + expected.get(messages.getKey()) + ", got " + (last == null ? "no answer" : last));
                }
            } catch (java.util.concurrent.CompletionException e) {
                tally.failures.add("WebSocket " + messages.getKey() + ": handshake refused: " + e.getMessage());
            }
        }
    }

    /** The variants that fit in a message, all on one socket: each answered with errors, none closing the socket. */
    private void subscribeAll(
            String url, Caller operator, Schema schema, Field op, List<Variant> variants, Map<Integer, String> fitting)
            throws Exception {
        GraphQlSocket opened;
        try {
            opened = GraphQlSocket.open(http, url, operator.token());
        } catch (java.util.concurrent.CompletionException e) {
            if (causeMentions(e, "429")) {
                tally.count("subscription-websocket", "429");
                return; // rate limited: counted apart, as over HTTP
            }
            throw e;
        }
        try (GraphQlSocket socket = opened) {
            socket.send("{\"type\":\"connection_init\"}");
            JsonNode ack = socket.next();
            if (!ack.path("type").asText().equals("connection_ack")) {
                tally.failures.add(
                        schema.service() + " WebSocket: no connection_ack after connection_init, got " + ack);
                return;
            }
            fitting.values().forEach(socket::send);
            Map<String, JsonNode> answers = new TreeMap<>();
            Instant deadline = Instant.now().plusSeconds(20);
            while (answers.size() < fitting.size() && Instant.now().isBefore(deadline)) {
                JsonNode answer = socket.poll(Duration.between(Instant.now(), deadline));
                if (answer == null) {
                    break;
                }
                if (answer.has("close")) {
                    tally.failures.add(schema.service() + " WebSocket closed (" + answer + ") while subscribing");
                    break;
                }
                answers.putIfAbsent(answer.path("id").asText(), answer);
            }
            for (int i : fitting.keySet()) {
                Variant v = variants.get(i);
                JsonNode answer = answers.get("c" + i);
                String label = schema.service() + " subscription " + op.name() + " " + v.label();
                String type = answer == null ? "open" : answer.path("type").asText();
                tally.count("subscription-" + v.category(), "WS " + type);
                if (type.equals("error")) {
                    checkErrors(label, answer.path("payload"));
                } else if (type.equals("next") && answer.path("payload").has("errors")) {
                    // a request graphql-java refuses before running it: one result with errors, then complete
                    checkErrors(label, answer.path("payload").path("errors"));
                } else if (answer == null) {
                    // every variant is bad input (and the caller no analyst): staying subscribed hides the refusal
                    tally.failures.add(label + ": still subscribed after 20 s, no error");
                } else {
                    tally.accepted.add(label + " (" + type + ")");
                }
            }
        }
    }

    /** A message over the limit, on a socket of its own: closed with 1009 (too big), nothing else. */
    private void tooBig(String url, Caller operator, String label, String category, String message) throws Exception {
        try (GraphQlSocket socket = GraphQlSocket.open(http, url, operator.token())) {
            socket.send("{\"type\":\"connection_init\"}");
            socket.next();
            socket.send(message);
            JsonNode answer = socket.poll(Duration.ofSeconds(20));
            int code = answer == null ? 0 : answer.path("close").asInt();
            tally.count("subscription-" + category, "WS close " + code);
            if (code != 1009 && !resetWhileSending(answer)) {
                tally.failures.add(label + " (" + message.length() + " characters): expected close 1009, got "
                        + (answer == null ? "no answer" : abbreviate(answer.toString())));
            }
        }
    }

    /**
     * The gateway's answer to a message over the limit is a 1009 close, after which it closes the connection; a
     * client still sending the rest of a 1 MiB message may then have its connection reset before it reads the close
     * frame (TCP's answer to unread data). Either way the message was refused and nothing reached a service.
     */
    private static boolean resetWhileSending(JsonNode answer) {
        return answer != null
                && answer.path("close").asInt() == 0
                && answer.path("reason").asText().contains("Connection reset");
    }

    private static boolean causeMentions(Throwable e, String text) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (String.valueOf(t.getMessage()).contains(text)) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- sending and judging

    private byte[] body(String document, ObjectNode variables) throws IOException {
        return json.writeValueAsBytes(nodes.objectNode().put("query", document).set("variables", variables));
    }

    private byte[] query(String document) throws IOException {
        return json.writeValueAsBytes(Map.of("query", document));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private HttpRequest.Builder post(String service, Caller caller, byte[] body) {
        return authorized(HttpRequest.newBuilder(URI.create(config.gatewayUrl() + "/" + service + "/graphql")), caller)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    /** A POST of {@code { __typename }} as {@code caller}, with one more header. */
    private static HttpRequest.Builder withHeader(String url, Caller caller, String header, String value) {
        return authorized(HttpRequest.newBuilder(URI.create(url)), caller)
                .header("Content-Type", "application/json")
                .header(header, value)
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ __typename }\"}"));
    }

    private static HttpRequest.Builder authorized(HttpRequest.Builder request, Caller caller) {
        if (caller.token() != null) {
            request.header("Authorization", "Bearer " + caller.token());
        }
        if (caller.organization() != null) {
            request.header("X-Hoshi-Organization", caller.organization());
        }
        return request.timeout(Duration.ofSeconds(60));
    }

    private void send(String category, String label, String kind, HttpRequest.Builder request)
            throws InterruptedException {
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            tally.count(category, "no answer");
            tally.failures.add(label + ": no answer (" + e + ")");
            return;
        }
        int status = response.statusCode();
        tally.count(category, String.valueOf(status));
        if (status == 429) {
            tally.rateLimited++;
            return;
        }
        String body = response.body();
        if (status >= 500) {
            tally.failures.add(label + ": HTTP " + status + " " + abbreviate(body));
        }
        if (LEAK.matcher(body).find()) {
            java.util.regex.Matcher m = LEAK.matcher(body);
            m.find();
            tally.failures.add(label + ": leaks '" + m.group() + "' in " + abbreviate(body));
        }
        JsonNode answer;
        try {
            answer = body.isBlank() ? null : json.readTree(body);
        } catch (IOException e) {
            answer = null;
        }
        if (answer == null || !answer.isObject()) {
            // refused by the HTTP server itself before any of Hoshi's code runs: a TRACE, or headers over its limit
            boolean protocol = status == 431 || request.build().method().equals("TRACE");
            // Spring for GraphQL's own route answers another method or content type with the bare status (known, not
            // yet given a coded body): counted and said, not failed
            if (body.isBlank() && Set.of(405, 406, 415).contains(status)) {
                tally.statusOnly.merge(String.valueOf(status), 1, Integer::sum);
            } else if (status >= 400 && !protocol) {
                tally.failures.add(label + ": HTTP " + status + " without a JSON error: " + abbreviate(body));
            }
            return;
        }
        if (answer.has("errors")) {
            checkErrors(label, answer.path("errors"));
        } else if (status >= 400) {
            String code = answer.path("code").asText("");
            tally.codes.merge(code.isEmpty() ? "(none)" : code, 1, Integer::sum);
            if (code.isEmpty() || answer.path("message").asText("").isBlank()) {
                tally.failures.add(label + ": HTTP " + status + " without a code and message: " + abbreviate(body));
            }
        }
        boolean refusedAsData = false;
        for (JsonNode payload : answer.path("data")) {
            for (JsonNode error : payload.path("errors")) {
                refusedAsData = true;
                tally.codes.merge("payload " + error.path("code").asText("(none)"), 1, Integer::sum);
                if (error.path("code").asText("").isEmpty()
                        || error.path("message").asText("").isBlank()) {
                    tally.failures.add(label + ": a business error without a code or message: " + error);
                }
            }
        }
        if (kind.equals("mutation") && status == 200 && !answer.has("errors") && !refusedAsData) {
            tally.accepted.add(label);
        }
    }

    private void checkErrors(String label, JsonNode errors) {
        if (!errors.isArray() || errors.isEmpty()) {
            tally.failures.add(label + ": errors that are not a list of errors: " + abbreviate(errors.toString()));
            return;
        }
        for (JsonNode error : errors) {
            JsonNode extensions = error.path("extensions");
            String code = extensions
                    .path("code")
                    .asText(extensions.path("classification").asText(""));
            tally.codes.merge(code.isEmpty() ? "(none)" : code, 1, Integer::sum);
            if (code.isEmpty() || error.path("message").asText("").isBlank()) {
                tally.failures.add(label + ": an error without a code or message: " + abbreviate(error.toString()));
            } else if (code.equals("INTERNAL_ERROR")) {
                tally.failures.add(label + ": INTERNAL_ERROR " + abbreviate(error.toString()));
            }
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 400 ? text : text.substring(0, 400) + "… (" + text.length() + " characters)";
    }

    /** What was sent and what came back. */
    static final class Tally {
        final Map<String, Map<String, Integer>> byCategory = new TreeMap<>();
        final Map<String, Integer> statuses = new TreeMap<>();
        final Map<String, Integer> codes = new TreeMap<>();
        final List<String> failures = new ArrayList<>();

        final Set<String> accepted = new TreeSet<>();
        final Map<String, Long> took = new TreeMap<>();
        final List<String> notes = new ArrayList<>();
        final Map<String, Integer> statusOnly = new TreeMap<>();
        int rateLimited;
        int requests;

        void count(String category, String outcome) {
            requests++;
            byCategory.computeIfAbsent(category, c -> new TreeMap<>()).merge(outcome, 1, Integer::sum);
            statuses.merge(outcome, 1, Integer::sum);
        }

        void print(Duration took, Map<String, String> before, Map<String, String> after, Map<String, Schema> schemas) {
            StringBuilder out = new StringBuilder("\n[corpus] bad-input corpus: ");
            schemas.values().forEach(s -> out.append(s.service())
                    .append(' ')
                    .append(s.operations("query").size())
                    .append("q/")
                    .append(s.operations("mutation").size())
                    .append("m/")
                    .append(s.operations("subscription").size())
                    .append("s  "));
            out.append("\n[corpus] ")
                    .append(requests)
                    .append(" requests in ")
                    .append(took.toSeconds())
                    .append(" s\n");
            byCategory.forEach((category, outcomes) -> out.append(String.format(
                    "[corpus]   %-32s %6d  %s%n",
                    category,
                    outcomes.values().stream().mapToInt(Integer::intValue).sum(),
                    outcomes)));
            out.append("[corpus] statuses: ").append(statuses).append('\n');
            out.append("[corpus] rate limited (429, not failures): ")
                    .append(rateLimited)
                    .append('\n');
            out.append("[corpus] errors by code: ").append(codes).append('\n');
            long serverErrors = statuses.entrySet().stream()
                    .filter(e -> e.getKey().startsWith("5"))
                    .mapToInt(Map.Entry::getValue)
                    .sum();
            out.append("[corpus] 5xx: ").append(serverErrors).append('\n');
            notes.forEach(n -> out.append("[corpus] NOTE ").append(n).append('\n'));
            out.append("[corpus] NOTE refusals with a bare status and no body (405/406/415 from Spring for GraphQL's"
                            + " route): ")
                    .append(statusOnly)
                    .append('\n');
            out.append("[corpus] failures: ").append(failures.size()).append('\n');
            failures.stream()
                    .limit(200)
                    .forEach(f -> out.append("[corpus]   ").append(f).append('\n'));
            out.append("[corpus] mutations answered without an error: ")
                    .append(accepted.size())
                    .append('\n');
            accepted.stream()
                    .limit(100)
                    .forEach(a -> out.append("[corpus]   ").append(a).append('\n'));
            Set<String> changed = new TreeSet<>();
            before.forEach((k, v) -> {
                if (!v.equals(after.get(k))) {
                    changed.add(k + " " + v + " -> " + after.get(k));
                }
            });
            after.keySet().stream()
                    .filter(k -> !before.containsKey(k))
                    .forEach(k -> changed.add(k + " new " + after.get(k)));
            out.append("[corpus] events before/after: ")
                    .append(before.get(StoredData.EVENTS))
                    .append(" / ")
                    .append(after.get(StoredData.EVENTS))
                    .append('\n');
            out.append("[corpus] collections fingerprinted: ")
                    .append(before.size() - 1)
                    .append(", changed: ")
                    .append(changed.size())
                    .append('\n');
            changed.forEach(c -> out.append("[corpus]   ").append(c).append('\n'));
            System.out.println(out);
        }
    }

    /**
     * The stored data as a fingerprint: every collection of every database, its document count and a hash of its
     * documents (in any order), except where the running processes keep their own bookkeeping (the event processors'
     * tokens, which their owners touch while they run).
     */
    static final class StoredData implements AutoCloseable {
        static final String EVENTS = "events in hoshi_events.events";
        static final Set<String> BOOKKEEPING = Set.of("trackingtokens", "tokenentry", "tokens");

        private final MongoClient client;

        StoredData(String uri) {
            this.client = MongoClients.create(uri);
        }

        Map<String, String> fingerprint() throws Exception {
            Map<String, String> prints = new TreeMap<>();
            for (String database : client.listDatabaseNames()) {
                if (Set.of("admin", "local", "config").contains(database)) {
                    continue;
                }
                MongoDatabase db = client.getDatabase(database);
                for (String collection : db.listCollectionNames()) {
                    if (BOOKKEEPING.contains(collection.toLowerCase(Locale.ROOT))) {
                        continue;
                    }
                    long count = 0;
                    byte[] sum = new byte[32];
                    for (Document document : db.getCollection(collection).find()) {
                        count++;
                        byte[] hash = MessageDigest.getInstance("SHA-256")
                                .digest(document.toJson().getBytes(StandardCharsets.UTF_8));
                        for (int i = 0; i < sum.length; i++) {
                            sum[i] += hash[i];
                        }
                    }
                    prints.put(
                            database + "." + collection,
                            count + " " + HexFormat.of().formatHex(sum, 0, 8));
                    if (database.equals("hoshi_events") && collection.equals("events")) {
                        prints.put(EVENTS, String.valueOf(count));
                    }
                }
            }
            return prints;
        }

        /** The fingerprint once it holds still (the processors have caught up): the same three times in 4 s. */
        Map<String, String> settled() throws Exception {
            Map<String, String> last = fingerprint();
            int same = 0;
            Instant deadline = Instant.now().plusSeconds(90);
            while (same < 2 && Instant.now().isBefore(deadline)) {
                Thread.sleep(2_000);
                Map<String, String> next = fingerprint();
                same = next.equals(last) ? same + 1 : 0;
                last = next;
            }
            return last;
        }

        @Override
        public void close() {
            client.close();
        }
    }
}
