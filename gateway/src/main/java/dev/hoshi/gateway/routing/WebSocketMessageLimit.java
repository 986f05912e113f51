package dev.hoshi.gateway.routing;

import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import java.util.Map;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.HandshakeInfo;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A caller's WebSocket message larger than the gateway's limit (Reactor Netty's default, 64 KiB; the services read
 * messages up to the same size) closes the caller's socket with {@code 1009} (message too big) and a reason, as RFC 6455 says. Reactor Netty would close it with
 * {@code 1002} (protocol error) and no reason, which tells the caller nothing. Wraps the WebSocket service that Spring
 * Cloud Gateway proxies WebSockets with; nothing else changes.
 */
@Component
class WebSocketMessageLimit implements BeanPostProcessor {

    static final CloseStatus TOO_BIG =
            CloseStatus.TOO_BIG_TO_PROCESS.withReason("Message too big: at most 65536 bytes per message");

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        return bean instanceof WebSocketService service ? new LimitedService(service) : bean;
    }

    /** Whether {@code error} is the inbound frame decoder refusing a message over the limit. */
    static boolean tooBig(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof TooLongFrameException || t instanceof CorruptedFrameException) {
                return true;
            }
        }
        return false;
    }

    private record LimitedService(WebSocketService delegate) implements WebSocketService {
        @Override
        public Mono<Void> handleRequest(ServerWebExchange exchange, WebSocketHandler handler) {
            return delegate.handleRequest(exchange, new WebSocketHandler() {
                @Override
                public java.util.List<String> getSubProtocols() {
                    return handler.getSubProtocols();
                }

                @Override
                public Mono<Void> handle(WebSocketSession session) {
                    return handler.handle(new LimitedSession(session));
                }
            });
        }
    }

    /** The caller's session, whose inbound messages end with a 1009 close when one is over the limit. */
    private record LimitedSession(WebSocketSession delegate) implements WebSocketSession {
        @Override
        public Flux<WebSocketMessage> receive() {
            return delegate.receive().onErrorResume(WebSocketMessageLimit::tooBig, tooBig -> delegate.close(TOO_BIG)
                    .then(Mono.empty()));
        }

        @Override
        public String getId() {
            return delegate.getId();
        }

        @Override
        public HandshakeInfo getHandshakeInfo() {
            return delegate.getHandshakeInfo();
        }

        @Override
        public DataBufferFactory bufferFactory() {
            return delegate.bufferFactory();
        }

        @Override
        public Map<String, Object> getAttributes() {
            return delegate.getAttributes();
        }

        @Override
        public Mono<Void> send(Publisher<WebSocketMessage> messages) {
            return delegate.send(messages);
        }

        @Override
        public boolean isOpen() {
            return delegate.isOpen();
        }

        @Override
        public Mono<Void> close(CloseStatus status) {
            return delegate.close(status);
        }

        @Override
        public Mono<CloseStatus> closeStatus() {
            return delegate.closeStatus();
        }

        @Override
        public WebSocketMessage textMessage(String payload) {
            return delegate.textMessage(payload);
        }

        @Override
        public WebSocketMessage binaryMessage(Function<DataBufferFactory, DataBuffer> payloadFactory) {
            return delegate.binaryMessage(payloadFactory);
        }

        @Override
        public WebSocketMessage pingMessage(Function<DataBufferFactory, DataBuffer> payloadFactory) {
            return delegate.pingMessage(payloadFactory);
        }

        @Override
        public WebSocketMessage pongMessage(Function<DataBufferFactory, DataBuffer> payloadFactory) {
            return delegate.pongMessage(payloadFactory);
        }
    }
}
