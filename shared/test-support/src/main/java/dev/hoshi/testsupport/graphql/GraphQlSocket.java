package dev.hoshi.testsupport.graphql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A WebSocket client of graphql-transport-ws for tests that send raw text (malformed messages included): what arrives,
 * queued; a close as {@code {"close": code, "reason": text}}, a failure as close {@code 0}.
 */
public final class GraphQlSocket implements AutoCloseable, WebSocket.Listener {
    private final LinkedBlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    private final ObjectMapper json = new ObjectMapper();
    private WebSocket socket;

    private GraphQlSocket() {}

    public static GraphQlSocket open(HttpClient http, String url, String token) {
        GraphQlSocket listener = new GraphQlSocket();
        listener.socket = http.newWebSocketBuilder()
                .header("Authorization", "Bearer " + token)
                .subprotocols("graphql-transport-ws")
                .connectTimeout(Duration.ofSeconds(10))
                .buildAsync(URI.create(url), listener)
                .join();
        return listener;
    }

    /** Sends, unless the socket is closed already (the close is what arrives next). */
    public void send(String text) {
        socket.sendText(text, true).handle((sent, failed) -> sent).join();
    }

    /** The next message, or an empty object after 30 s. */
    public JsonNode next() throws InterruptedException {
        JsonNode message = poll(Duration.ofSeconds(30));
        return message == null ? JsonNodeFactory.instance.objectNode() : message;
    }

    /** The next message that is not a ping or pong, or null after {@code wait}. */
    public JsonNode poll(Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + Math.max(1, wait.toNanos());
        while (true) {
            JsonNode message = received.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (message == null
                    || !Set.of("ping", "pong").contains(message.path("type").asText())) {
                return message;
            }
        }
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            try {
                received.add(json.readTree(partial.toString()));
            } catch (IOException e) {
                received.add(JsonNodeFactory.instance.objectNode().put("unreadable", partial.toString()));
            }
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        received.add(
                JsonNodeFactory.instance.objectNode().put("close", statusCode).put("reason", reason));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        received.add(JsonNodeFactory.instance.objectNode().put("close", 0).put("reason", error.toString()));
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally(e -> null);
        }
        socket.abort();
    }
}
