/** The gateway's in-memory caches: bounded, the least recently used entry dropped first. */
package dev.hoshi.gateway.cache;
