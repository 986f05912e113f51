/**
 * The gateway (ゲートウェイ), Hoshi's only public entrance. Feature packages: {@code security} (who may call),
 * {@code token} (the internal token and its JWKS), {@code routing} (what reaches the services), {@code demo} (demo
 * personas, only in demo mode) and {@code web} (JSON errors).
 */
package dev.hoshi.gateway;
