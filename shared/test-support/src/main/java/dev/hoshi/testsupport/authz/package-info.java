/**
 * The authorisation test matrix: {@link dev.hoshi.testsupport.authz.AuthorizationMatrix} calls every operation of a
 * service's GraphQL schema as every {@link dev.hoshi.testsupport.authz.Persona} and checks each answer against the
 * service's {@link dev.hoshi.testsupport.authz.Rule}s; an operation without a rule fails the test.
 */
package dev.hoshi.testsupport.authz;
