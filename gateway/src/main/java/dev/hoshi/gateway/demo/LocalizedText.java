package dev.hoshi.gateway.demo;

/** A text a person reads, in Japanese and English. */
public record LocalizedText(String ja, String en) {

    boolean complete() {
        return ja != null && !ja.isBlank() && en != null && !en.isBlank();
    }
}
