/**
 * A person's contact preferences (連絡先): the e-mail address Hoshi's reminders go to, the language they are written
 * in, and the kinds the person turned off. A person sets their own; the address travels in events only encrypted
 * with the person's key (crypto-shredding).
 */
package dev.hoshi.directory.person;
