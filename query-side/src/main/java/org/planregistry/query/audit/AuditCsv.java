package org.planregistry.query.audit;

import java.io.PrintWriter;
import java.util.List;
import java.util.Objects;

/**
 * Writes audit entries as RFC 4180 CSV with a header row. A text cell that begins with {@code = + - @} gets a
 * leading apostrophe, so a spreadsheet opening the export never runs a reason or title as a formula.
 */
final class AuditCsv {

    static final List<String> HEADER = List.of("globalSequence", "recordedAt", "effectiveFrom", "type", "plan",
            "element", "subject", "actor", "role", "reason", "decisionRef", "decisionDate", "correlationId", "change");

    private final PrintWriter out;

    AuditCsv(PrintWriter out) {
        this.out = out;
    }

    void header() {
        out.print(String.join(",", HEADER) + "\r\n");
    }

    void row(AuditEntry entry) {
        out.print(String.join(",", Long.toString(entry.globalSequence()), entry.recordedAt().toString(),
                Objects.toString(entry.effectiveFrom(), ""), text(entry.type()), text(entry.plan()),
                text(entry.element()), text(entry.subject()), text(entry.actor()), text(entry.role()),
                text(entry.reason()), text(entry.decisionRef()), Objects.toString(entry.decisionDate(), ""),
                text(entry.correlationId()), text(entry.change()))
                + "\r\n");
    }

    private static String text(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String safe = "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        boolean quote = safe.indexOf(',') >= 0 || safe.indexOf('"') >= 0 || safe.indexOf('\n') >= 0
                || safe.indexOf('\r') >= 0;
        return quote ? '"' + safe.replace("\"", "\"\"") + '"' : safe;
    }
}
