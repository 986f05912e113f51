package dev.hoshi.insights.api.rollup;

import java.util.List;

/**
 * The organisation's own latest score beside its cohort: organisations of the same JSIC industry and SME class whose grants include
 * scores. Cohort figures are {@code null} with {@code suppressed = true} below the disclosure threshold.
 *
 * @param industry the JSIC division, {@code null} when the organisation has no profile yet
 * @param smeClass its SME class; the cohort is the same division and class ({@code null}: the division alone, when
 *     the class cannot be derived)
 * @param percentile the share (0..100) of the cohort scoring below the organisation, ties counting half
 */
public record CohortBenchmarkView(
        String organizationId,
        String industry,
        String smeClass,
        Integer score,
        long cohortMembers,
        boolean suppressed,
        Double cohortMean,
        Double cohortMedian,
        Double percentile,
        List<PartView> parts) {

    /** One part of the sheet (1 basic, 2 employees, 3 organisation): own subtotal and the cohort's mean. */
    public record PartView(int part, Integer score, Double cohortMean) {}
}
