package org.planregistry.query.catalogue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.planregistry.api.Period;

/**
 * Every plan the registry holds, as of a date (today by default): the entry point from which evaluators and auditors
 * pick a plan.
 *
 * @param asOf the date the statuses and counts are for (today in the registry's zone unless asked)
 */
public record CatalogueView(LocalDate asOf, List<Entry> plans) {

    /**
     * One plan.
     *
     * @param status   ADOPTED, CLOSED or SUPERSEDED; NOT_YET_ADOPTED while its adoption date is still ahead
     * @param elements the number of live (adopted, not retired) elements per kind: goals, indicators, sections,
     *                 tasks, columns, safeguards, evaluations
     */
    public record Entry(String code, String title, String issuer, Period period, LocalDate adoptedOn, String status,
                        String supersededBy, Map<String, Long> elements, long lastSequence,
                        Instant lastRecordedAt) {
    }
}
