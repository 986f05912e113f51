/**
 * Demo mode (デモモード): named personas that get a token with one click, so Hoshi can be tried without an identity
 * provider. Nothing here exists unless {@code hoshi.gateway.demo.enabled=true}: the endpoints answer 404 and the demo
 * issuer is not trusted. The personas are configuration ({@code application-demo.yml}).
 */
package dev.hoshi.gateway.demo;
