package org.planregistry.query.http;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * Reads query parameters strictly and says exactly what is wrong with a bad one. Parameters arrive as strings and
 * are parsed here rather than by Spring's conversion, so every mistake becomes the same 400 problem naming the
 * parameter, the value and the expected form. Nothing is trimmed: {@code String.trim} would also drop a NUL or a
 * line break around a date, and a value the registry reads must be exactly the value it was sent.
 */
public final class QueryParameters {

    private static final String DATE_FORM = "must be a date YYYY-MM-DD";
    private static final String INSTANT_FORM = "must be an ISO-8601 instant such as 2024-01-01T00:00:00Z";
    /** ASCII digits only: Java's number parsers also take other scripts' digits (１ is 1 to Long.parseLong). */
    private static final Pattern WHOLE_NUMBER = Pattern.compile("-?[0-9]{1,19}");

    private QueryParameters() {
    }

    /**
     * The transaction time of a question: now by default, or an instant that has passed. A later instant is refused:
     * what will be known then is not known yet, and answering with today's knowledge under a future label would
     * present it as final.
     */
    public static Instant knownAt(String raw, Clock clock) {
        Instant now = clock.instant();
        Instant knownAt = instant("knownAt", raw, now);
        if (knownAt.isAfter(now)) {
            throw QueryProblem.badParameter("knownAt", raw, "must not be in the future (now is " + now
                    + "): what will be known then is not known yet");
        }
        return knownAt;
    }

    public static LocalDate date(String name, String raw, LocalDate fallback) {
        if (isAbsent(raw)) {
            return fallback;
        }
        return requiredDate(name, raw);
    }

    public static LocalDate requiredDate(String name, String raw) {
        if (isAbsent(raw)) {
            throw QueryProblem.badParameter(name, raw, "is required and " + DATE_FORM);
        }
        try {
            return LocalDate.parse(raw);
        } catch (DateTimeParseException e) {
            throw QueryProblem.badParameter(name, raw, DATE_FORM);
        }
    }

    public static Instant instant(String name, String raw, Instant fallback) {
        if (isAbsent(raw)) {
            return fallback;
        }
        return parseInstant(name, raw, INSTANT_FORM);
    }

    /**
     * A bound of a recorded-time range, given as an instant or as a date. A date means the start of that day (UTC)
     * for a lower bound and the end of that day for an upper bound, so {@code from=2024-01-01&to=2024-01-31} is the
     * whole of January.
     */
    public static Instant bound(String name, String raw, boolean upper) {
        if (isAbsent(raw)) {
            return null;
        }
        String text = raw;
        if (text.length() == 10) {
            LocalDate day = requiredDate(name, text);
            return upper ? day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusNanos(1)
                    : day.atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        return parseInstant(name, raw, "must be a date YYYY-MM-DD or an ISO-8601 instant");
    }

    /** A position in the event store: a whole number, 0 or more. */
    public static long sequence(String name, String raw, long fallback) {
        if (isAbsent(raw)) {
            return fallback;
        }
        try {
            long value = Long.parseLong(wholeNumber(raw));
            if (value < 0) {
                throw QueryProblem.badParameter(name, raw, "must not be negative");
            }
            return value;
        } catch (NumberFormatException e) {
            throw QueryProblem.badParameter(name, raw, "must be a whole number (a global sequence)");
        }
    }

    public static int limit(String name, String raw, int fallback, int max) {
        if (isAbsent(raw)) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(wholeNumber(raw));
            if (value < 1 || value > max) {
                throw QueryProblem.badParameter(name, raw, "must be between 1 and " + max);
            }
            return value;
        } catch (NumberFormatException e) {
            throw QueryProblem.badParameter(name, raw, "must be a whole number between 1 and " + max);
        }
    }

    private static String wholeNumber(String raw) {
        String text = raw;
        if (!WHOLE_NUMBER.matcher(text).matches()) {
            throw new NumberFormatException(text);
        }
        return text;
    }

    private static Instant parseInstant(String name, String raw, String form) {
        // An unencoded '+' of an offset arrives as a space; read it as the '+' the client meant.
        String text = raw.replace(' ', '+');
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException notUtc) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                throw QueryProblem.badParameter(name, raw, form);
            }
        }
    }

    private static boolean isAbsent(String raw) {
        return raw == null || raw.isBlank();
    }
}
