/** GraphQL for every service: depth and complexity limits on by default, and errors as a code plus a message. */
package dev.hoshi.platform.graphql;
