package dev.hoshi.insights.api.rollup;

import java.util.List;

/**
 * The organisation's own latest score beside its cohort: organisations of the same JSIC industry and SME class whose
 * grants include scores. The cohort's figures are a periodic publication, not live: a new one replaces the published
 * one only when enough members joined, left or changed since, so that two publications never differ by one member.
 * Cohort figures (and the cohort's size) are {@code null} with {@code suppressed = true} below the disclosure
 * threshold.
 *
 * @param industry the JSIC division, {@code null} when the organisation has no profile yet
 * @param smeClass its SME class; the cohort is the same division and class ({@code null}: the division alone, when
 *     the class cannot be derived)
 * @param cohortMembers the published cohort's size; {@code null} below the threshold
 * @param suppressedReason why the cohort's figures are withheld; {@code null} when shown
 * @param percentile the share (0..100) of the published cohort scoring below the organisation, ties counting half
 * @param publishedOn the day (in Japan) the cohort figures were published; {@code null} before the first publication
 */
public record CohortBenchmarkView(
        String organizationId,
        String industry,
        String smeClass,
        Integer score,
        Long cohortMembers,
        boolean suppressed,
        SuppressionReason suppressedReason,
        Double cohortMean,
        Double cohortMedian,
        Double percentile,
        String publishedOn,
        List<PartView> parts) {

    /** One part of the sheet (1 basic, 2 employees, 3 organisation): own subtotal and the cohort's mean. */
    public record PartView(int part, Integer score, Double cohortMean) {}
}
