package dev.hoshi.gateway.server;

import org.springframework.boot.web.embedded.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The gateway's Reactor Netty server, as Spring Boot builds it, plus {@link KeepAliveReads}. */
@Configuration(proxyBeanMethods = false)
class ServerConfiguration {

    @Bean
    NettyServerCustomizer keepAliveReads() {
        return KeepAliveReads::install;
    }
}
