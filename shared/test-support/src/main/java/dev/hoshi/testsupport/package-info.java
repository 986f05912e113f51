/**
 * Test support: {@link dev.hoshi.testsupport.TestMongo} picks the MongoDB every integration suite runs against and
 * says which; {@link dev.hoshi.testsupport.MutableClock} lets tests move time.
 */
package dev.hoshi.testsupport;
