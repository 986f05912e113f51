/**
 * Personal data in messages: {@link dev.hoshi.kernel.personal.Personal} marks the record components (and aggregate
 * state fields) that the platform's serializer stores only encrypted, with the key of the person or of the
 * organisation they belong to, so erasing that key erases every stored copy (crypto-shredding).
 */
package dev.hoshi.kernel.personal;
