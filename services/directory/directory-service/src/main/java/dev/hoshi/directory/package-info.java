/**
 * Directory service: organisations (the tenants) with their profiles, people and consent grants; support
 * organisations with their analysts and memberships; partner clients. Each feature has a {@code command} side
 * (aggregates), a {@code query} side (projections into this service's database) and a {@code graphql} side
 * (controllers that check the caller and map input to a command or query). SME classification data lives in
 * {@code organization.sme}; the model, events and access rules are in docs/directory.md.
 */
package dev.hoshi.directory;
