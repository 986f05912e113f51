/**
 * Errors as JSON: every refusal the gateway itself answers has a stable {@code code}, an English {@code message} and
 * a Japanese {@code messageJa}; never a stack trace or exception text.
 */
package dev.hoshi.gateway.web;
