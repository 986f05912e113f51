package dev.hoshi.testsupport.authz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import graphql.language.AstPrinter;
import graphql.language.Definition;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.parser.Parser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An authorisation matrix for one service: every operation of its GraphQL schema against every {@link Persona}.
 *
 * <p>A service's test gives the endpoint, a {@link Credential} for each persona and a {@link Rule} for each
 * operation, then asks for three things:
 *
 * <ol>
 *   <li>{@link #assertEveryOperationHasARule()}: the rules and the schema name the same operations, so an operation
 *       added without a rule fails, naming it; and each rule's document calls exactly its operation;
 *   <li>{@link #run()}: each (operation, persona) pair is called and classified (see {@link Verdict}); an
 *       <b>aliased</b> request (the field twice, under two aliases, in one document) must give that same answer for
 *       both aliases; {@link Report#assertAsExpected()} names every mismatch at once, with a table;
 *   <li>{@link #assertBatchingLetsNothingThrough()}: a JSON array of two operations in one POST is not executed
 *       (Spring for GraphQL does not batch): a 4xx or an error, never data.
 * </ol>
 *
 * <p>ALLOWED means HTTP 200, no GraphQL error whose {@code extensions.code} is in {@link #DENIAL_CODES} for the
 * field, and the field present and non-null in {@code data} (business errors inside a payload still count as
 * allowed: the caller got through). DENIED means HTTP 401 (or 403), a denial code, or the field null. A request the server
 * cannot even validate is BROKEN, which never matches a rule.
 *
 * <p>Subscriptions are called over GraphQL over WebSocket ({@code graphql-transport-ws}, the endpoint with {@code ws}
 * for {@code http}, the token on the handshake): a refused handshake counts as its HTTP status, an {@code error}
 * message as the errors it carries, a {@code complete} without data as null, and a subscription still open after
 * {@link #SUBSCRIPTION_WINDOW} (or one that sent data) as ALLOWED. They get no aliased request: GraphQL allows a
 * subscription exactly one root field.
 */
public final class AuthorizationMatrix {

    /** Error codes that mean "you may not", whatever the operation. */
    public static final Set<String> DENIAL_CODES =
            Set.of("UNAUTHENTICATED", "FORBIDDEN", "NOT_FOUND", "TENANT_REQUIRED", "ORGANIZATION_REQUIRED");

    private static final Set<String> INVALID_REQUEST =
            Set.of("ValidationError", "InvalidSyntax", "OperationNotSupported");
    static final String FIRST_ALIAS = "authzFirst";
    static final String SECOND_ALIAS = "authzSecond";
    /** How long a subscription must stay open, without an error or a complete, to count as let through. */
    static final Duration SUBSCRIPTION_WINDOW = Duration.ofSeconds(3);

    /** Denied personas tried with the aliased request, most telling first; anonymous is a 401 either way. */
    private static final List<Persona> ALIAS_DENIED_PREFERENCE = List.of(
            Persona.OWNER_B,
            Persona.ANALYST_REVOKED,
            Persona.PARTNER_WITHOUT_GRANT,
            Persona.VIEWER_A,
            Persona.ANALYST_WITHOUT_GRANT,
            Persona.OPERATOR,
            Persona.OWNER_A,
            Persona.ANALYST_WITH_GRANT,
            Persona.PARTNER_WITH_GRANT);

    private final String service;
    private final Map<Persona, Credential> personas = new EnumMap<>(Persona.class);
    private final List<Rule> rules = new ArrayList<>();
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private URI endpoint;
    private String schemaLocation = SchemaOperations.DEFAULT_LOCATION;
    private int aliasedDeniedPersonas = 2;

    private AuthorizationMatrix(String service) {
        this.service = service;
    }

    /** A matrix for {@code service} (its name in the report). */
    public static AuthorizationMatrix forService(String service) {
        return new AuthorizationMatrix(service);
    }

    /** The service's GraphQL endpoint, e.g. {@code http://localhost:<port>/graphql}. */
    public AuthorizationMatrix endpoint(String url) {
        this.endpoint = URI.create(url);
        return this;
    }

    public AuthorizationMatrix persona(Persona persona, Credential credential) {
        personas.put(persona, credential);
        return this;
    }

    public AuthorizationMatrix rule(Rule rule) {
        rules.add(rule);
        return this;
    }

    public AuthorizationMatrix rules(List<Rule> more) {
        rules.addAll(more);
        return this;
    }

    /** Where the schema files are (a Spring resource pattern); {@link SchemaOperations#DEFAULT_LOCATION} by default. */
    public AuthorizationMatrix schema(String locationPattern) {
        this.schemaLocation = locationPattern;
        return this;
    }

    /** How many denied personas per operation also get the aliased request (besides one allowed persona). */
    public AuthorizationMatrix aliasedDeniedPersonas(int count) {
        this.aliasedDeniedPersonas = count;
        return this;
    }

    /** The operations the schema offers, e.g. {@code Query.organization}. */
    public List<String> operationsInSchema() {
        return SchemaOperations.read(schemaLocation);
    }

    // ------------------------------------------------------------------ coverage

    /**
     * Fails, naming them all, if an operation of the schema has no rule, a rule names no operation of the schema, an
     * operation has two rules, or a rule's document does not call exactly its operation once.
     */
    public void assertEveryOperationHasARule() {
        List<String> schema = operationsInSchema();
        Set<String> ruled = new LinkedHashSet<>();
        List<String> problems = new ArrayList<>();
        for (Rule rule : rules) {
            if (!ruled.add(rule.operation())) {
                problems.add("two rules for " + rule.operation());
            }
            String documentProblem = documentProblem(rule);
            if (documentProblem != null) {
                problems.add("the rule for " + rule.operation() + ": " + documentProblem);
            }
        }
        List<String> withoutRule =
                schema.stream().filter(op -> !ruled.contains(op)).toList();
        List<String> unknown = ruled.stream().filter(op -> !schema.contains(op)).toList();
        StringBuilder message = new StringBuilder();
        if (!withoutRule.isEmpty()) {
            message.append(service)
                    .append(": operations without an authorisation rule (add a row saying who may call each):\n");
            withoutRule.forEach(op -> message.append("  - ").append(op).append('\n'));
        }
        if (!unknown.isEmpty()) {
            message.append(service).append(": rules naming no operation of the schema:\n");
            unknown.forEach(op -> message.append("  - ").append(op).append('\n'));
        }
        if (!problems.isEmpty()) {
            message.append(service).append(": rules that are not well-formed:\n");
            problems.forEach(p -> message.append("  - ").append(p).append('\n'));
        }
        if (!message.isEmpty()) {
            throw new AssertionError(message.toString());
        }
    }

    /** Null when the document calls exactly the rule's field once, unaliased, in one operation of the right kind. */
    private static String documentProblem(Rule rule) {
        Document document;
        try {
            document = Parser.parse(rule.document());
        } catch (RuntimeException e) {
            return "the document does not parse: " + e.getMessage();
        }
        List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
        if (operations.size() != 1) {
            return "the document has " + operations.size() + " operations; give exactly one";
        }
        OperationDefinition operation = operations.get(0);
        if (!operation.getOperation().name().equals(rule.kind().name())) {
            return "the document is a " + operation.getOperation() + ", not a " + rule.kind();
        }
        List<Field> fields = topLevelFields(operation);
        if (fields.size() != 1
                || fields.get(0) == null
                || !fields.get(0).getName().equals(rule.field())
                || fields.get(0).getAlias() != null) {
            return "the document must select only " + rule.field() + ", unaliased, at the top level";
        }
        return null;
    }

    private static List<Field> topLevelFields(OperationDefinition operation) {
        List<Field> fields = new ArrayList<>();
        for (Selection<?> selection : operation.getSelectionSet().getSelections()) {
            if (selection instanceof Field field && !field.getName().equals("__typename")) {
                fields.add(field);
            } else if (!(selection instanceof Field)) {
                fields.add(null); // a fragment at the top level: not a single call
            }
        }
        return fields;
    }

    // ------------------------------------------------------------------ the matrix

    /**
     * Calls every (operation, persona) pair of the rules whose operation the schema has, plus the aliased requests,
     * and prints the table and a one-line summary. Rules the schema does not know are left to {@link
     * #assertEveryOperationHasARule()}.
     */
    public Report run() {
        requireSetUp();
        List<String> schema = operationsInSchema();
        List<Report.Row> rows = new ArrayList<>();
        int aliasedRequests = 0;
        for (Rule rule : inSchemaOrder(schema)) {
            Map<Persona, Verdict> verdicts = new EnumMap<>(Persona.class);
            for (Persona persona : Persona.values()) {
                verdicts.put(persona, call(rule, persona));
            }
            Map<Persona, Verdict[]> aliased = new EnumMap<>(Persona.class);
            // an export aliased twice is refused whole (TOO_MANY_EXPORTS, at most one export per request), so aliasing
            // an export can show nobody anything; the platform's own test covers that refusal
            String aliasedDocument =
                    rule.kind() == Rule.Kind.SUBSCRIPTION || rule.field().endsWith("Export") ? null : aliased(rule);
            for (Persona persona : aliasedDocument == null ? List.<Persona>of() : aliasedPersonas(rule)) {
                aliased.put(persona, callAliased(rule, aliasedDocument, persona));
                aliasedRequests++;
            }
            rows.add(new Report.Row(rule, verdicts, aliased));
        }
        Report report = new Report(service, rows, aliasedRequests);
        report.print();
        return report;
    }

    /** The well-formed rules whose operation the schema has, in the schema's order. */
    private List<Rule> inSchemaOrder(List<String> schema) {
        List<Rule> ordered = new ArrayList<>();
        for (String operation : schema) {
            rules.stream()
                    .filter(rule -> rule.operation().equals(operation) && documentProblem(rule) == null)
                    .findFirst()
                    .ifPresent(ordered::add);
        }
        return ordered;
    }

    private List<Persona> aliasedPersonas(Rule rule) {
        List<Persona> chosen = new ArrayList<>();
        for (Persona persona : Persona.values()) {
            if (rule.allows(persona)) {
                chosen.add(persona);
                break;
            }
        }
        ALIAS_DENIED_PREFERENCE.stream()
                .filter(p -> !rule.allows(p))
                .limit(aliasedDeniedPersonas)
                .forEach(chosen::add);
        return chosen;
    }

    private Verdict call(Rule rule, Persona persona) {
        Map<String, Object> request = request(rule.document(), rule.variables());
        Exchange answer = rule.kind() == Rule.Kind.SUBSCRIPTION
                ? subscribe(personas.get(persona), request, rule.field())
                : post(personas.get(persona), request);
        return classify(answer, rule.field());
    }

    private Verdict[] callAliased(Rule rule, String document, Persona persona) {
        Exchange answer = post(personas.get(persona), request(document, rule.variables()));
        return new Verdict[] {classify(answer, FIRST_ALIAS), classify(answer, SECOND_ALIAS)};
    }

    /** The rule's document with its one field selected twice, as {@code authzFirst} and {@code authzSecond}. */
    static String aliased(Rule rule) {
        Document document = Parser.parse(rule.document());
        OperationDefinition operation =
                document.getDefinitionsOfType(OperationDefinition.class).get(0);
        Field field = topLevelFields(operation).get(0);
        SelectionSet twice = SelectionSet.newSelectionSet()
                .selection(field.transform(f -> f.alias(FIRST_ALIAS)))
                .selection(field.transform(f -> f.alias(SECOND_ALIAS)))
                .build();
        OperationDefinition doubled = operation.transform(o -> o.selectionSet(twice));
        List<Definition> definitions = new ArrayList<>();
        for (Definition<?> definition : document.getDefinitions()) {
            definitions.add(definition == operation ? doubled : definition);
        }
        return AstPrinter.printAst(document.transform(d -> d.definitions(definitions)));
    }

    /** Classifies the answer for one response key (the field's name, or an alias). */
    Verdict classify(Exchange answer, String key) {
        if (answer.status() == 401 || answer.status() == 403) {
            return Verdict.denied("HTTP " + answer.status());
        }
        if (answer.status() != 200) {
            return Verdict.broken("HTTP " + answer.status() + " " + abbreviate(answer.raw()));
        }
        JsonNode body = answer.body();
        if (body == null || !body.isObject()) {
            return Verdict.broken("not a GraphQL response: " + abbreviate(answer.raw()));
        }
        Set<String> codes = new TreeSet<>();
        for (JsonNode error : body.path("errors")) {
            String classification =
                    error.path("extensions").path("classification").asText("");
            if (INVALID_REQUEST.contains(classification)) {
                return Verdict.broken(
                        classification + ": " + error.path("message").asText());
            }
            JsonNode path = error.path("path");
            boolean concernsKey =
                    !path.isArray() || path.isEmpty() || key.equals(path.get(0).asText());
            if (concernsKey) {
                codes.add(code(error));
            }
        }
        Set<String> denials = new TreeSet<>(codes);
        denials.retainAll(DENIAL_CODES);
        if (!denials.isEmpty()) {
            return Verdict.denied(String.join(",", denials));
        }
        JsonNode value = body.path("data").path(key);
        if (value.isMissingNode() || value.isNull()) {
            return Verdict.denied("null" + (codes.isEmpty() ? "" : ", errors " + codes));
        }
        Set<String> payloadErrors = new TreeSet<>();
        value.path("errors").forEach(e -> payloadErrors.add(e.path("code").asText("?")));
        String detail = codes.isEmpty() ? "" : "errors " + codes;
        if (!payloadErrors.isEmpty()) {
            detail += (detail.isEmpty() ? "" : "; ") + "payload errors " + payloadErrors;
        }
        return Verdict.allowed(detail);
    }

    private static String code(JsonNode error) {
        JsonNode extensions = error.path("extensions");
        if (extensions.hasNonNull("code")) {
            return extensions.get("code").asText();
        }
        return extensions.path("classification").asText("NO_CODE");
    }

    // ------------------------------------------------------------------ batching

    /**
     * For every rule, POSTs a JSON array of two copies of its request, as a persona the rule allows (the one most
     * likely to get data), and fails, naming each, if any such batch answered data for the operation.
     */
    public void assertBatchingLetsNothingThrough() {
        requireSetUp();
        List<String> schema = operationsInSchema();
        List<String> leaks = new ArrayList<>();
        Map<String, Integer> statuses = new LinkedHashMap<>();
        int batches = 0;
        for (Rule rule : inSchemaOrder(schema)) {
            Persona persona = rule.allowed().stream()
                    .findFirst()
                    .orElse(personas.containsKey(Persona.OPERATOR) ? Persona.OPERATOR : Persona.OWNER_A);
            Map<String, Object> one = request(rule.document(), rule.variables());
            Exchange answer = post(personas.get(persona), List.of(one, one));
            batches++;
            statuses.merge("HTTP " + answer.status(), 1, Integer::sum);
            String leak = batchLeak(answer, rule.field());
            if (leak != null) {
                leaks.add(rule.operation() + " as " + persona + ": " + leak);
            }
        }
        System.out.println("[hoshi-authz] " + service + ": " + batches + " batched requests (a JSON array of two"
                + " operations each), answered " + statuses + "; " + leaks.size() + " let data through");
        if (!leaks.isEmpty()) {
            throw new AssertionError(service + ": batched requests must not be executed, but these answered data:\n  "
                    + String.join("\n  ", leaks));
        }
    }

    /** Null when the batch got a 4xx, or an error and no data for the field; else what came back. */
    private static String batchLeak(Exchange answer, String field) {
        if (answer.status() >= 400 && answer.status() < 500) {
            return null;
        }
        JsonNode body = answer.body();
        if (body == null) {
            return answer.status() >= 500 ? null : "HTTP " + answer.status() + " " + abbreviate(answer.raw());
        }
        if (body.isArray()) {
            for (JsonNode element : body) {
                JsonNode value = element.path("data").path(field);
                if (!value.isMissingNode() && !value.isNull()) {
                    return "the batch was executed: " + abbreviate(answer.raw());
                }
            }
            return null;
        }
        JsonNode value = body.path("data").path(field);
        if (!value.isMissingNode() && !value.isNull()) {
            return "data came back: " + abbreviate(answer.raw());
        }
        if (answer.status() == 200 && body.path("errors").isEmpty()) {
            return "HTTP 200 with neither data nor an error: " + abbreviate(answer.raw());
        }
        return null;
    }

    // ------------------------------------------------------------------ HTTP

    /** One HTTP exchange: the status, the body as JSON (null when it is not JSON) and as text. */
    record Exchange(int status, JsonNode body, String raw) {}

    private static Map<String, Object> request(String document, Map<String, Object> variables) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("query", document);
        if (!variables.isEmpty()) {
            request.put("variables", variables);
        }
        return request;
    }

    private Exchange post(Credential credential, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body), StandardCharsets.UTF_8));
            credential.freshToken().ifPresent(token -> request.header("Authorization", "Bearer " + token));
            HttpResponse<String> response =
                    http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Exchange(response.statusCode(), parse(response.body()), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("POST " + endpoint + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    // ------------------------------------------------------------------ WebSocket (subscriptions)

    /**
     * Subscribes over {@code graphql-transport-ws} and turns the first thing that happens into an exchange: a refused
     * handshake, the first {@code next} or {@code error}, a {@code complete}, a close, or nothing within the window
     * (the subscription is open: an answer with the field set).
     */
    private Exchange subscribe(Credential credential, Map<String, Object> request, String field) {
        URI uri = URI.create(endpoint.toString().replaceFirst("^http", "ws"));
        BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
        WebSocket.Builder builder =
                http.newWebSocketBuilder().subprotocols("graphql-transport-ws").connectTimeout(Duration.ofSeconds(10));
        credential.freshToken().ifPresent(token -> builder.header("Authorization", "Bearer " + token));
        WebSocket socket;
        try {
            socket = builder.buildAsync(uri, new Collector(messages, json)).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                Object body = refused.getResponse().body();
                return new Exchange(refused.getResponse().statusCode(), null, body == null ? "" : body.toString());
            }
            throw new IllegalStateException("WebSocket " + uri + " failed", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("WebSocket " + uri + " did not open", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        try {
            send(socket, Map.of("type", "connection_init"));
            JsonNode ack = next(messages, Duration.ofSeconds(30));
            if (ack == null || !"connection_ack".equals(ack.path("type").asText())) {
                return closedOrBroken(ack, "no connection_ack");
            }
            send(socket, Map.of("id", "1", "type", "subscribe", "payload", request));
            JsonNode first = next(messages, SUBSCRIPTION_WINDOW);
            if (first == null) {
                String open = "{\"data\":{\"" + field + "\":\"(subscription open)\"}}";
                return new Exchange(200, parse(open), open);
            }
            return switch (first.path("type").asText()) {
                case "next" ->
                    new Exchange(
                            200, first.path("payload"), first.path("payload").toString());
                case "error" -> {
                    String errors = "{\"errors\":" + first.path("payload") + "}";
                    yield new Exchange(200, parse(errors), errors);
                }
                case "complete" -> new Exchange(200, parse("{\"data\":null}"), "complete");
                default -> closedOrBroken(first, "unexpected message");
            };
        } finally {
            socket.abort();
        }
    }

    /** A close with 4401/4403 is a refusal; anything else unexpected is not a GraphQL answer. */
    private static Exchange closedOrBroken(JsonNode message, String why) {
        if (message != null && "__closed".equals(message.path("type").asText())) {
            int code = message.path("code").asInt();
            int status = code == 4401 ? 401 : code == 4403 ? 403 : 599;
            return new Exchange(
                    status,
                    null,
                    "closed " + code + " " + message.path("reason").asText());
        }
        return new Exchange(599, null, why + ": " + message);
    }

    private void send(WebSocket socket, Object message) {
        try {
            socket.sendText(json.writeValueAsString(message), true).get(10, TimeUnit.SECONDS);
        } catch (IOException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not send on the WebSocket", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The next message that is not a ping or pong, or null after {@code wait}. */
    private static JsonNode next(BlockingQueue<JsonNode> messages, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            while (true) {
                JsonNode message = messages.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (message == null) {
                    return null;
                }
                String type = message.path("type").asText();
                if (!type.equals("ping") && !type.equals("pong")) {
                    return message;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Queues each text message as JSON, and a close as {@code {"type":"__closed","code":...}}; one per socket. */
    private static final class Collector implements WebSocket.Listener {

        private final BlockingQueue<JsonNode> messages;
        private final ObjectMapper json;
        private final StringBuilder partial = new StringBuilder();

        Collector(BlockingQueue<JsonNode> messages, ObjectMapper json) {
            this.messages = messages;
            this.json = json;
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    messages.add(json.readTree(text));
                } catch (IOException e) {
                    messages.add(
                            json.createObjectNode().put("type", "__unreadable").put("text", text));
                }
            }
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
            messages.add(json.createObjectNode()
                    .put("type", "__closed")
                    .put("code", statusCode)
                    .put("reason", reason));
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            messages.add(json.createObjectNode()
                    .put("type", "__closed")
                    .put("code", 1006)
                    .put("reason", error.toString()));
        }
    }

    private JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return json.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }

    private void requireSetUp() {
        if (endpoint == null) {
            throw new IllegalStateException("Give the matrix its endpoint first.");
        }
        Set<Persona> missing = new TreeSet<>(Set.of(Persona.values()));
        missing.removeAll(personas.keySet());
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Give every persona a credential; missing: " + missing);
        }
    }

    static String abbreviate(String text) {
        if (text == null) {
            return "";
        }
        String flat = text.replaceAll("\\s+", " ").strip();
        return flat.length() <= 160 ? flat : flat.substring(0, 157) + "...";
    }
}
