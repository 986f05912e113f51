package dev.hoshi.directory.api.partner;

/** A partner client's directory entry. */
public record PartnerClientView(String id, String name) {}
