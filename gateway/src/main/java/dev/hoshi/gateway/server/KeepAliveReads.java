package dev.hoshi.gateway.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

/**
 * Keeps a kept-alive HTTP/1.1 connection reading after each response, working around a Reactor Netty bug (1.2.18,
 * the newest 1.2.x; reactor/reactor-netty#4361): the server reads on demand, and when a client's next request arrives
 * before the previous exchange has quite terminated, it is queued; when the queue then drains without dispatching a
 * request (only the request's trailing empty content was left), nobody asks for the next read, and the connection's
 * next request is never read: the client waits until it gives up. It hit about one request in 150 on one connection
 * (browsers, the benchmark's clients).
 *
 * <p>After the last part of every response has been written, this asks the channel for one more read, on the event
 * loop after the exchange's own termination. A read requested while one is pending is the same read, and a request
 * read early is queued by Reactor Netty as any pipelined request is, so the extra request is harmless. Not after a
 * protocol switch (a WebSocket's frames are read by its own handlers).
 *
 * <p>Remove it when Reactor Netty is at a version with the fix: {@code KeepAliveReadsTest} shows the stock server
 * still stops reading.
 */
final class KeepAliveReads extends ChannelOutboundHandlerAdapter {

    static final String NAME = "hoshi.keepAliveReads";
    private static final Logger log = LoggerFactory.getLogger(KeepAliveReads.class);

    /** Adds the handler to every HTTP/1.1 connection the server accepts, next to Reactor Netty's traffic handler. */
    static HttpServer install(HttpServer server) {
        return server.doOnChannelInit((observer, channel, remoteAddress) -> {
            ChannelPipeline pipeline = channel.pipeline();
            if (pipeline.get(NettyPipeline.HttpTrafficHandler) != null) {
                pipeline.addBefore(NettyPipeline.HttpTrafficHandler, NAME, new KeepAliveReads());
            } else {
                log.warn("No HTTP/1.1 traffic handler on {}: kept-alive reads are not resumed", channel);
            }
        });
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object message, ChannelPromise promise) {
        if (!(message instanceof LastHttpContent) || switchesProtocol(message)) {
            ctx.write(message, promise);
            return;
        }
        ChannelPromise written = promise.unvoid();
        written.addListener(future -> {
            if (future.isSuccess()) {
                // after the listeners that terminate the exchange and drain Reactor Netty's queue
                ctx.executor().execute(() -> {
                    if (ctx.channel().isActive()) {
                        ctx.channel().read();
                    }
                });
            }
        });
        ctx.write(message, written);
    }

    private static boolean switchesProtocol(Object message) {
        return message instanceof HttpResponse response
                && HttpResponseStatus.SWITCHING_PROTOCOLS.equals(response.status());
    }
}
