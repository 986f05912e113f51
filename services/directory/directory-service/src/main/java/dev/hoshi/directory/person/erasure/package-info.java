/**
 * Erasure on request (個人情報保護法): an operator deletes a person's or an organisation's key, so every sealed copy of
 * their data in events, snapshots and read models reads as erased.
 */
package dev.hoshi.directory.person.erasure;
