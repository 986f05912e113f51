/**
 * A person's contact preferences (連絡先): the e-mail address Hoshi's reminders go to, the language they are written
 * in, and the kinds the person turned off. A person sets their own; the address travels in events only encrypted
 * with the person's key (crypto-shredding). Operators erase a person or an organisation's data on request
 * ({@code erasePerson}, {@code eraseOrganizationData}): the key is deleted, so every sealed copy reads as erased.
 */
package dev.hoshi.directory.person;
