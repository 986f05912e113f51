/** In-memory caches: bounded, the least recently used entry dropped first. */
package dev.hoshi.kernel.cache;
