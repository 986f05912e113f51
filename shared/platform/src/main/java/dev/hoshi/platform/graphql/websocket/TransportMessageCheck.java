package dev.hoshi.platform.graphql.websocket;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a message from a client is a well-formed graphql-transport-ws message: a JSON object whose {@code type} is
 * one a client may send ({@code connection_init}, {@code ping}, {@code pong}, {@code subscribe}, {@code complete}),
 * whose {@code id}, if any, is a string, and whose {@code payload} has the shape its type needs (for
 * {@code subscribe}: an object with a string {@code query}, and {@code variables} and {@code extensions} objects and
 * an {@code operationName} string where given). The protocol answers anything else by closing the socket with
 * {@code 4400}; Spring for GraphQL's handler would throw while decoding such a message, which ends the socket with
 * {@code 1011} (a server error) instead.
 *
 * <p>Only the shape is checked here; what the messages mean (order, duplicate ids, the GraphQL document itself) is left
 * to Spring for GraphQL and graphql-java, which answer with the protocol's close codes or GraphQL errors.
 */
final class TransportMessageCheck {

    private static final Set<String> CLIENT_TYPES = Set.of("connection_init", "ping", "pong", "subscribe", "complete");

    private final ObjectMapper json;

    TransportMessageCheck(ObjectMapper json) {
        this.json = json;
    }

    /** What is wrong with {@code text}, in a few words for the close reason; empty if it is well-formed. */
    Optional<String> problem(String text) {
        JsonNode message;
        try {
            message = json.readTree(text);
        } catch (JsonProcessingException e) {
            return Optional.of("not JSON");
        }
        if (message == null || !message.isObject()) {
            return Optional.of("not a JSON object");
        }
        JsonNode type = message.get("type");
        if (type == null || !type.isTextual() || !CLIENT_TYPES.contains(type.asText())) {
            return Optional.of("'type' must be one of "
                    + String.join(", ", CLIENT_TYPES.stream().sorted().toList()));
        }
        if (message.has("id")
                && !message.get("id").isTextual()
                && !message.get("id").isNull()) {
            return Optional.of("'id' must be a string");
        }
        JsonNode payload = message.get("payload");
        if (type.asText().equals("subscribe")) {
            return subscribePayloadProblem(payload);
        }
        return objectOrAbsent(payload) ? Optional.empty() : Optional.of("'payload' must be an object");
    }

    private static Optional<String> subscribePayloadProblem(JsonNode payload) {
        if (payload == null || !payload.isObject()) {
            return Optional.of("a subscribe message's 'payload' must be an object");
        }
        if (payload.get("query") == null || !payload.get("query").isTextual()) {
            return Optional.of("'payload.query' must be a string");
        }
        if (!objectOrAbsent(payload.get("variables"))) {
            return Optional.of("'payload.variables' must be an object");
        }
        if (!objectOrAbsent(payload.get("extensions"))) {
            return Optional.of("'payload.extensions' must be an object");
        }
        JsonNode operationName = payload.get("operationName");
        if (operationName != null && !operationName.isNull() && !operationName.isTextual()) {
            return Optional.of("'payload.operationName' must be a string");
        }
        return Optional.empty();
    }

    private static boolean objectOrAbsent(JsonNode node) {
        return node == null || node.isNull() || node.isObject();
    }
}
