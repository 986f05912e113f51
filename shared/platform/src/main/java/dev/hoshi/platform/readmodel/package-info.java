/**
 * Read-model layouts shared by the services' projections: how a set that grows with the number of tenants is kept so
 * that no single document grows with it.
 */
package dev.hoshi.platform.readmodel;
