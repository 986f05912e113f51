/** Proof that erased personal data is gone: a raw search of every collection of every database on the server. */
package dev.hoshi.testsupport.personal;
