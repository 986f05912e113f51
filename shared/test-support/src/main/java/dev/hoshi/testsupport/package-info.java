/**
 * Test support: {@link dev.hoshi.testsupport.TestMongo} picks the MongoDB every integration suite runs against and
 * says which; {@link dev.hoshi.testsupport.MutableClock} lets tests move time; {@code dev.hoshi.testsupport.axon}
 * checks aggregate snapshots; {@code dev.hoshi.testsupport.authz} checks a service's authorisation rules.
 */
package dev.hoshi.testsupport;
