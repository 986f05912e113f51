/** Typed ids. Each is a record over a validated string whose {@code toString()} is the stable, serialized form. */
package dev.hoshi.kernel.id;
