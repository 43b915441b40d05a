package org.planregistry.query.audit;

import java.time.Instant;
import java.util.Locale;

/**
 * Which audit entries a query wants. Absent criteria match everything. {@code element} matches the element or the
 * finding's subject, by label ("indicator I03") or by code ("I03"); {@code type} is matched without case and with or
 * without the {@code Event} suffix; {@code from} and {@code to} bound the recorded time, both inclusive.
 */
public record AuditFilter(String plan, String element, String actor, String type, Instant from, Instant to) {

    public boolean matches(AuditEntry entry) {
        return (plan == null || plan.equals(entry.plan()))
                && (actor == null || actor.equals(entry.actor()))
                && (type == null || matchesType(entry.type()))
                && (element == null || names(entry.element()) || names(entry.subject()))
                && (from == null || !entry.recordedAt().isBefore(from))
                && (to == null || !entry.recordedAt().isAfter(to));
    }

    /** Whether the {@code type} criterion names {@code eventType}; true when there is no such criterion. */
    public boolean matchesType(String eventType) {
        return type == null || normalType(type).equals(normalType(eventType));
    }

    private boolean names(String label) {
        if (label == null) {
            return false;
        }
        String code = label.substring(label.indexOf(' ') + 1);
        return element.equalsIgnoreCase(label) || element.equalsIgnoreCase(code);
    }

    private static String normalType(String type) {
        String lower = type.trim().toLowerCase(Locale.ROOT);
        return lower.endsWith("event") ? lower.substring(0, lower.length() - "event".length()) : lower;
    }
}
