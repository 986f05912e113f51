/**
 * Directory service: organisations (the tenants), support organisations and their members, partner clients. Each
 * feature has a {@code command} side (aggregates), a {@code query} side (projections into this service's database)
 * and a {@code graphql} side (controllers that only map input to a command or query).
 */
package dev.hoshi.directory;
