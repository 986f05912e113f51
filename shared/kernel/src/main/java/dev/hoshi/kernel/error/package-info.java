/** The one error type shared by all services: a code, a kind, and bilingual messages. */
package dev.hoshi.kernel.error;
