/**
 * GraphQL subscriptions over WebSocket (graphql-transport-ws): malformed messages closed with {@code 4400}, the message
 * limit the same as the gateway's.
 */
package dev.hoshi.platform.graphql.websocket;
