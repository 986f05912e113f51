/** Platform defaults, {@code hoshi.*} properties, health and context propagation. */
package dev.hoshi.platform.config;
