package dev.hoshi.platform.graphql.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * A malformed message closes the socket with 4400 and a reason. (That well-formed ones still reach Spring for GraphQL
 * is shown over a real socket by insights' {@code MemberStatusSubscriptionIT}.)
 */
class CheckedGraphQlWebSocketHandlerTest {

    private final CheckedGraphQlWebSocketHandler handler = new CheckedGraphQlWebSocketHandler(
            mock(WebGraphQlHandler.class),
            new MappingJackson2HttpMessageConverter(),
            Duration.ofSeconds(60),
            null,
            new CorsConfiguration(),
            new TransportMessageCheck(new ObjectMapper()));

    private final WebSocketSession session = mock(WebSocketSession.class);

    @BeforeEach
    void connect() throws Exception {
        when(session.getId()).thenReturn("s1");
        when(session.getAttributes()).thenReturn(new HashMap<>());
        when(session.isOpen()).thenReturn(true);
        handler.afterConnectionEstablished(session);
    }

    @Test
    void aMalformedMessageClosesWith4400SayingWhatWasWrong() throws Exception {
        handler.handleMessage(session, new TextMessage("{\"id\":\"1\",\"type\":\"subscribe\",\"payload\":\"x\"}"));

        ArgumentCaptor<CloseStatus> closed = ArgumentCaptor.forClass(CloseStatus.class);
        verify(session).close(closed.capture());
        assertThat(closed.getValue().getCode()).isEqualTo(4400);
        assertThat(closed.getValue().getReason())
                .isEqualTo("Invalid message: a subscribe message's 'payload' must be an object");
        verify(session, never()).sendMessage(any());
    }

    @Test
    void theCloseReasonFitsInACloseFrame() throws Exception {
        handler.handleMessage(session, new TextMessage("{\"type\":\"支援機関支援機関支援機関支援機関支援機関支援機関\"}"));

        ArgumentCaptor<CloseStatus> closed = ArgumentCaptor.forClass(CloseStatus.class);
        verify(session).close(closed.capture());
        assertThat(closed.getValue().getReason().getBytes(StandardCharsets.UTF_8))
                .hasSizeLessThanOrEqualTo(123);
        assertThat(closed.getValue().getReason()).startsWith("Invalid message: 'type' must be one of");
    }
}
