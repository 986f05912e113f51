package dev.hoshi.platform.graphql.websocket;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.webmvc.GraphQlWebSocketHandler;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * Spring for GraphQL's graphql-transport-ws handler, which first refuses a malformed message ({@link
 * TransportMessageCheck}) the way the protocol says: by closing the socket with {@code 4400} and a reason saying what
 * was wrong. Well-formed messages go to Spring for GraphQL unchanged.
 */
class CheckedGraphQlWebSocketHandler extends GraphQlWebSocketHandler {

    /** The protocol's close code for a message of an invalid type or structure. */
    static final int INVALID_MESSAGE = 4400;

    /** A close frame's reason is at most 123 bytes. */
    private static final int MAX_REASON_BYTES = 123;

    private final TransportMessageCheck check;

    CheckedGraphQlWebSocketHandler(
            WebGraphQlHandler graphQlHandler,
            HttpMessageConverter<?> converter,
            Duration initTimeout,
            Duration keepAlive,
            CorsConfiguration cors,
            TransportMessageCheck check) {
        super(graphQlHandler, converter, initTimeout, keepAlive, cors);
        this.check = check;
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) throws Exception {
        Optional<String> problem = check.problem(message.getPayload());
        if (problem.isPresent()) {
            session.close(new CloseStatus(INVALID_MESSAGE, reason("Invalid message: " + problem.get())));
            return;
        }
        super.handleTextMessage(session, message);
    }

    private static String reason(String text) {
        String reason = text;
        while (reason.getBytes(StandardCharsets.UTF_8).length > MAX_REASON_BYTES) {
            reason = reason.substring(0, reason.length() - 1);
        }
        return reason;
    }
}
