/**
 * What reaches the services (ルーティング): the routes themselves are in {@code application.yml}; this package adds
 * the internal token to every routed request, reads the caller's chosen organisation and keeps the services'
 * {@code /actuator} out of reach.
 */
package dev.hoshi.gateway.routing;
