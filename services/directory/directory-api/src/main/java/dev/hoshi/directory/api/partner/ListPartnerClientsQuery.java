package dev.hoshi.directory.api.partner;

/** All partner clients (operators). */
public record ListPartnerClientsQuery() {}
