package dev.hoshi.directory.api.person;

/** The language a person reads Hoshi's e-mails in: Japanese unless they chose English. */
public enum NotificationLanguage {
    JA,
    EN
}
