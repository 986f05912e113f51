package dev.hoshi.catalog;

/** A text in Japanese and English. */
public record LocalizedText(String ja, String en) {}
