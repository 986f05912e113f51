/**
 * The guideline as versioned data. {@link dev.hoshi.catalog.Catalog#load()} reads every edition listed in {@code
 * catalog/editions.txt}, checks it (unique ids, every answer scored, bands covering -25..100, every control's items
 * existing, 3 parts, the level rules and review periods, the source citation, every cell of appendix 7's likelihood
 * table and a band for every risk value) and refuses to start on any fault. A new edition is a new YAML file ({@link
 * dev.hoshi.catalog.Catalog#load(String, String)} loads another index); every recorded answer names the edition it
 * answered.
 */
package dev.hoshi.catalog;
