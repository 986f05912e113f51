package dev.hoshi.directory.api.organization;

/** The sector used and the class derived from it. */
public record SmeClassificationView(SmeSector sector, SmeClass smeClass) {}
