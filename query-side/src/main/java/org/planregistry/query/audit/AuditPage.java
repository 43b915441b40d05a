package org.planregistry.query.audit;

import java.util.List;

/**
 * One page of the audit log.
 *
 * @param next the cursor for the following page ({@code after=next}): the last global sequence this page examined;
 *             null when the log has been read up to its head
 * @param head the highest global sequence up to which the log is complete (no earlier entry can still appear)
 */
public record AuditPage(List<AuditEntry> entries, Long next, long head) {
}
