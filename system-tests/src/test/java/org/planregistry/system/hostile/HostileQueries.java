package org.planregistry.system.hostile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

import org.planregistry.httpguard.Shown;

/**
 * Generates bad queries: one parameter or path variable of a read endpoint given a value that must be refused
 * (malformed, out of range, unknown, traversal), the others plausible or extreme but lawful. A query that carries
 * only lawful extremes may be answered, but never with a failure.
 */
final class HostileQueries {

    private enum Kind { DATE, BOUND, INSTANT, SEQUENCE, LIMIT, COUNT, FILTER }

    private static final List<String> BAD_DATE = List.of("2023-02-30", "2023-13-01", "2023-1-1", "20230101",
            "2023%2F01%2F01", "x", "%00", "2023-01-01%00", "+1000000000-01-01", "2023-01-01T00:00:00Z",
            "%EF%BC%92%EF%BC%90%EF%BC%92%EF%BC%93-01-01", "2023-01-01%0A", "NaN", "-", "%ED%A0%80", "'%20OR%201=1",
            "x".repeat(5000));
    /** The audit log's bounds take instants as well as dates. */
    private static final List<String> BAD_BOUND = BAD_DATE.stream().filter(d -> !d.contains("T")).toList();
    private static final List<String> BAD_INSTANT = List.of("2024-13-01T00:00:00Z", "tomorrow", "2024-01-01T25:00:00Z",
            "+999999999-12-31T23:59:59Z", "9999-01-01T00:00:00Z", "2999-01-01T00:00:00%2B08:00", "%00", "1700000000",
            "2024-01-01T00:00:00", "2024-01-01T00:00:00Z%00");
    private static final List<String> BAD_SEQUENCE = List.of("-1", "1.5", "NaN", "99999999999999999999", "0x10",
            "1e3", "%2B-1", "%00", "%EF%BC%91", "-9223372036854775808", "9223372036854775808", "1%2C000");
    private static final List<String> BAD_LIMIT = List.of("0", "-1", "5001", "100000", "NaN", "2147483648", "1.0",
            "-2147483648", "%00", "1e2");
    private static final List<String> BAD_COUNT = BAD_LIMIT.stream().filter(l -> !l.matches("[1-9][0-9]*"))
            .toList();
    private static final List<String> LAWFUL_DATE = List.of("%2B999999999-12-31", "-999999999-01-01", "0000-01-01",
            "9999-12-31", "2024-02-29", "2021-01-01", "2025-12-31", "1970-01-01");
    private static final List<String> LAWFUL_INSTANT = List.of("0000-01-01T00:00:00Z",
            "-999999999-01-01T00:00:00Z", "1970-01-01T00:00:00Z", "2024-01-01T00:00:00%2B08:00",
            "2024-01-01T00:00:00.123456789Z");
    private static final List<String> LAWFUL_SEQUENCE = List.of("0", "1", "9223372036854775807",
            "9223372036854775806", "000000000001");
    private static final List<String> LAWFUL_FILTER = List.of("NO-SUCH", "%E2%80%AE", "%00", "..%2F..",
            "%27%20OR%20%271%27=%271", "%7B%22%24ne%22:null%7D", "x".repeat(3000), "%ED%A0%80", "PlanAdopted",
            "SZ-FIN-14FYP", "indicator%20I01", "registrar", "%5B%5D");

    private final List<QueryEndpoint> endpoints;

    HostileQueries(List<QueryEndpoint> endpoints) {
        this.endpoints = endpoints;
    }

    List<QueryEndpoint> endpoints() {
        return endpoints;
    }

    HostileRequest next(Random random) {
        QueryEndpoint endpoint = HostileValues.pick(endpoints, random);
        Map<String, String> path = existing(endpoint);
        Map<String, String> query = new LinkedHashMap<>();
        List<String> what = new ArrayList<>();
        List<String> refusable = new ArrayList<>(endpoint.variables());
        endpoint.parameters().stream().filter(p -> kind(endpoint, p) != Kind.FILTER).forEach(refusable::add);
        boolean refuse = !refusable.isEmpty() && random.nextInt(6) != 0;
        String poisoned = refuse ? HostileValues.pick(refusable, random) : null;
        // A lawful value for some of the other parameters.
        for (String parameter : endpoint.parameters()) {
            if (!parameter.equals(poisoned) && random.nextInt(3) == 0) {
                String value = parameter.equals("after") ? HostileValues.pick(LAWFUL_SEQUENCE, random)
                        : lawful(kind(endpoint, parameter), random);
                query.put(parameter, value);
                what.add("lawful " + parameter + "=" + Shown.value(value, 40));
            }
        }
        if (poisoned != null) {
            if (endpoint.variables().contains(poisoned)) {
                path.put(poisoned, HostilePaths.segment(random));
                what.add("hostile {" + poisoned + "}");
            } else {
                String value = refused(kind(endpoint, poisoned), random);
                query.put(poisoned, value);
                what.add("refused " + poisoned + "=" + Shown.value(value, 40));
            }
        }
        if (random.nextInt(10) == 0) {
            query.put(HostileValues.pick(List.of("zz", "asOf", "plan", "%00", "a%5B0%5D", "__proto__"), random),
                    "1");
            what.add("extra or repeated parameter");
        }
        String url = endpoint.expand(path) + (query.isEmpty() ? "" : "?" + query.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("&")));
        Map<String, String> headers = new LinkedHashMap<>();
        SignIns.forQuery(endpoint.path()).ifPresent(h -> headers.put("Authorization", h));
        if (endpoint.path().endsWith("/stream") && poisoned == null) {
            // a lawful stream would be followed for ever: only refused ones are sent
            headers.put("Last-Event-ID", HostileValues.pick(List.of("-1", "x", "1.5", "99999999999999999999"),
                    random));
            what.add("hostile Last-Event-ID");
            refuse = true;
        }
        return new HostileRequest(endpoint.path(), "GET", url, headers, null, false, refuse, String.join("; ", what));
    }

    private static Kind kind(QueryEndpoint endpoint, String parameter) {
        return switch (parameter) {
            case "asOf" -> Kind.DATE;
            // the auditor's events export pages by position within the plan
            case "from" -> endpoint.path().endsWith("/audit/events") ? Kind.SEQUENCE
                    : endpoint.path().startsWith("/api/audit") ? Kind.BOUND : Kind.DATE;
            case "to" -> endpoint.path().startsWith("/api/audit") ? Kind.BOUND : Kind.DATE;
            case "knownAt" -> Kind.INSTANT;
            case "minSequence", "after" -> Kind.SEQUENCE;
            // the CSV download takes any number of rows; the pages have a maximum
            case "limit", "pendingLimit" -> endpoint.path().endsWith(".csv") ? Kind.COUNT : Kind.LIMIT;
            default -> Kind.FILTER;
        };
    }

    private static String refused(Kind kind, Random random) {
        return HostileValues.pick(switch (kind) {
            case DATE -> BAD_DATE;
            case BOUND -> BAD_BOUND;
            case INSTANT -> BAD_INSTANT;
            case SEQUENCE -> BAD_SEQUENCE;
            case LIMIT -> BAD_LIMIT;
            case COUNT -> BAD_COUNT;
            case FILTER -> LAWFUL_FILTER;
        }, random);
    }

    private static String lawful(Kind kind, Random random) {
        return HostileValues.pick(switch (kind) {
            case DATE -> LAWFUL_DATE;
            case BOUND -> random.nextBoolean() ? LAWFUL_DATE : LAWFUL_INSTANT;
            case INSTANT -> LAWFUL_INSTANT;
            // a minSequence beyond the head waits for the view by design (503 after the consistency timeout)
            case SEQUENCE -> List.of("0", "1", "000000000001");
            case LIMIT -> List.of("1", "5000", "0001");
            case COUNT -> List.of("1", "2147483647");
            case FILTER -> LAWFUL_FILTER;
        }, random);
    }

    private static Map<String, String> existing(QueryEndpoint endpoint) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("plan", HostileCommands.PLAN);
        values.put("code", "I01");
        values.put("id", "2023-annual");
        values.put("file", "PlanAdopted.v1.json");
        return values;
    }
}
