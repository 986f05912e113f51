/**
 * SME classification (中小企業者・小規模企業者 under 中小企業基本法 第2条) as data: thresholds per sector and the
 * sector of each JSIC major division, read from {@code sme/sme-definitions.yml} and checked at start-up. Directory's
 * organisation aggregate checks a profile with it and its read side derives each organisation's class; insights
 * derives the class the same way to group organisations by size.
 */
package dev.hoshi.directory.sme;
