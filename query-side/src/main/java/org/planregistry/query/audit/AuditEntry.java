package org.planregistry.query.audit;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One line of the audit log: one event, in words, with who recorded it, on whose authority and why. The log has one
 * entry per event, keyed by the event's global sequence, so paging by sequence is stable and complete.
 *
 * @param element the element the event concerns ("indicator I03", "evaluation E2023", or "plan")
 * @param subject for findings, the indicator or task the finding is about; otherwise null
 * @param decisionDate the date of the decision document {@code decisionRef} names, when recorded
 * @param change  what the event changed, in words: "target 6400 ABOUT → 7000 ABOUT"
 */
public record AuditEntry(long globalSequence, Instant recordedAt, LocalDate effectiveFrom, String type, String plan,
                         String element, String subject, String actor, String role, String reason,
                         String decisionRef, LocalDate decisionDate, String correlationId, String change) {
}
