/**
 * The gateway's HTTP server itself (Reactor Netty), below Spring WebFlux: what it needs beyond Spring Boot's defaults.
 */
package dev.hoshi.gateway.server;
