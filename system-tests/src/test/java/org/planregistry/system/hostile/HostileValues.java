package org.planregistry.system.hostile;

import java.util.List;
import java.util.Random;

import org.planregistry.system.hostile.BodyShape.Kind;

/**
 * Hostile values for one field, as raw JSON text (so that what JSON cannot say is sayable too). {@link #refused}
 * gives values no registry of record may accept in a field of that kind; {@link #lawful} gives extreme values that
 * are well-formed and may be accepted, mixed into requests that are refused for another reason.
 */
final class HostileValues {

    /** Not a value of any scalar kind: structures where a scalar belongs, an operator object (NoSQL injection). */
    private static final List<String> NOT_A_SCALAR = List.of("{}", "[]", "[1,2]", "{\"$ne\":null}",
            "{\"$gt\":\"\"}", "[\"2023-01-01\"]");
    private static final List<String> NOT_A_DATE = List.of("\"2023-02-30\"", "\"2023-13-01\"", "\"2023-00-10\"",
            "\"2023-1-1\"", "\"20230101\"", "\"2023/01/01\"", "\"yesterday\"", "\"+1000000000-01-01\"",
            "\"-1000000000-12-31\"", "\"2023-06-31\"", "\"２０２３-０１-０１\"", "\"2023-01-01\\u0000\"",
            "\"\\u0032023-01-01x\"", "\"NaN\"", "true");
    private static final List<String> NOT_AN_INTEGER = List.of("\"abc\"", "\"NaN\"", "NaN", "Infinity", "-Infinity",
            "99999999999999999999", "-99999999999999999999", "\"9999999999999\"", "1e400", "0x10", "\"1,000\"",
            "+1", "01", ".5", "1.", "--1", "true", "\"２０２３\"", "1.5", "2023.999", "1e3", "2147483648");
    private static final List<String> NOT_A_DECIMAL = List.of("\"abc\"", "\"NaN\"", "NaN", "\"Infinity\"",
            "Infinity", "-Infinity", "\"1,000\"", "0x10", "+1", ".5", "1.", "1e", "--1", "true", "\"1e999999999\"",
            "1e999999999", "-1e999999999", "1e-999999999", "\"0.00000000000000000000000000000000000001\"",
            "123456789012345678901234567890123456789012345678901234567890", "\"１００\"", "\"100\\u0000\"",
            "\"" + "9".repeat(2000) + "\"", "9".repeat(2000));
    private static final List<String> NOT_AN_ENUM = List.of("\"NOT_A_CODE\"", "\"on_track\"", "\"ON_TRACK \"",
            "\" ON_TRACK\"", "0", "1", "-1", "true", "\"\\u0000\"", "\"ＯＮ_TRACK\"");
    private static final List<String> NOT_TEXT = List.of("\"a\\u0000b\"", "\"\\u0000\"", "\"bell\\u0007\"",
            "\"esc\\u001b[31m\"", "\"del\\u007f\"", "\"c1\\u0085\"", "\"\\ud800\"", "\"lone low \\udfff\"",
            "\"reversed \\udc00\\ud800\"", "\"cut \\ud83d\"", "\"\\u0008backspace\"");
    private static final List<String> NOT_AN_OBJECT = List.of("\"x\"", "42", "true", "[]", "[{}]", "\"{}\"");
    private static final List<String> NOT_A_LIST = List.of("\"x\"", "42", "true", "{}", "{\"0\":\"a\"}");

    private static final List<String> LAWFUL_TEXT = List.of("\"\\u202e\\u202dRTL override\\u202c\"",
            "\"\\u200f\\u200e marks\"", "\"\\ufeffBOM\"", "\"emoji 👩‍👩‍👧 \\ud83d\\ude00\"", "\"e\\u0301\\u0301\\u0301\"",
            "\"<script>alert(1)</script>\"", "\"'; DROP TABLE events; --\"", "\"{{7*7}} ${7*7} #{7*7}\"",
            "\"../../etc/passwd\"", "\"%00%2e%2e%2f\"", "\"\\u3000\"", "\"\\\\u0000\"", "\"\\t tab \\n newline\"",
            "\"=HYPERLINK(\\\"http://x\\\")\"", "\"规划\"");
    private static final List<String> LAWFUL_DATE = List.of("\"+999999999-12-31\"", "\"-999999999-01-01\"",
            "\"0000-01-01\"", "\"9999-12-31\"", "\"1900-02-28\"", "\"2024-02-29\"", "\"2021-01-01\"",
            "\"2025-12-31\"");
    private static final List<String> LAWFUL_INTEGER = List.of("0", "-1", "-2147483648", "2147483647",
            "\"2023\"", "-0", "\" 2023 \"");
    private static final List<String> LAWFUL_DECIMAL = List.of("0", "-0", "-1", "-0.0", "1E+3", "1e-9",
            "0.000000001", "\"-5\"", "99999999999999.999999", "0.1", "1e20");

    private HostileValues() {
    }

    /** A value a field of this kind must refuse. */
    static String refused(Kind kind, Random random) {
        List<String> choices = switch (kind) {
            case TEXT -> random.nextBoolean() ? NOT_TEXT : NOT_A_SCALAR;
            case DATE -> random.nextInt(4) == 0 ? NOT_A_SCALAR : NOT_A_DATE;
            case INTEGER -> random.nextInt(4) == 0 ? NOT_A_SCALAR : NOT_AN_INTEGER;
            case DECIMAL -> random.nextInt(4) == 0 ? NOT_A_SCALAR : NOT_A_DECIMAL;
            case ENUM -> random.nextInt(4) == 0 ? NOT_A_SCALAR : NOT_AN_ENUM;
            case OBJECT -> NOT_AN_OBJECT;
            case TEXT_LIST, OBJECT_LIST -> NOT_A_LIST;
        };
        return pick(choices, random);
    }

    /** An extreme value that is well-formed for a field of this kind (it may or may not be refused). */
    static String lawful(Kind kind, Random random) {
        return switch (kind) {
            case TEXT -> random.nextInt(6) == 0 ? hugeText(random) : pick(LAWFUL_TEXT, random);
            case DATE -> pick(LAWFUL_DATE, random);
            case INTEGER -> pick(LAWFUL_INTEGER, random);
            case DECIMAL -> pick(LAWFUL_DECIMAL, random);
            case ENUM, OBJECT, TEXT_LIST, OBJECT_LIST -> null;
        };
    }

    private static String hugeText(Random random) {
        int length = 1_000 + random.nextInt(200_000);
        return "\"" + "規".repeat(length / 2) + "a".repeat(length / 2) + "\"";
    }

    static <T> T pick(List<T> choices, Random random) {
        return choices.get(random.nextInt(choices.size()));
    }
}
