/**
 * SME classification (中小企業者・小規模企業者 under 中小企業基本法 第2条) as data: thresholds per sector and the
 * sector of each JSIC major division, read from {@code sme/sme-definitions.yml} and checked at start-up. Used by the
 * organisation aggregate to check a profile and by the read side to derive each organisation's class.
 */
package dev.hoshi.directory.organization.sme;
