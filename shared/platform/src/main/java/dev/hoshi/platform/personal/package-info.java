/**
 * Personal data (e-mail addresses) in events: encrypted with a key per person kept outside the event store, so
 * erasing the key makes every stored copy unreadable (crypto-shredding) while the events still load.
 */
package dev.hoshi.platform.personal;
