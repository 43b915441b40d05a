package org.planregistry.system.hostile;

import java.util.List;
import java.util.Random;

/**
 * Hostile codes for a path variable, already encoded for the URL as an attacker would encode them: traversal,
 * encoded slashes and backslashes, NUL and line breaks, overlong and broken UTF-8, bidi overrides, matrix
 * parameters, double encoding, absurd lengths. None names an existing plan or element, so each must be refused.
 */
final class HostilePaths {

    private static final List<String> SEGMENTS = List.of("NO-SUCH-PLAN", "..", "%2e%2e", "%2E%2E", ".%2e",
            "..%2F..%2Factuator%2Fprometheus", "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "X%2FY", "X%2fY%2f..", "X%5CY",
            "..%5C..%5C", "%00", "X%00", "X%00.json", "X%0d%0aSet-Cookie:%20a=b", "X%0aY", "%E2%80%AEX", "%ED%A0%80",
            "%C0%AF", "%C0%AE%C0%AE", "%FF%FE", "%F0%9F", "X;jsessionid=1", "X%3Bx", "X;", "%25", "%252e%252e%252f",
            "%20", "X%20", "%09", "~root", "%E8%A7%84%E5%88%92", "%EF%BC%8E%EF%BC%8E", "X%3FY", "X%23Y", "X%2A",
            "%7B%7D", "%24%7Bjndi:ldap:x%7D", "%3Cscript%3E", "X%22Y", "X'Y", "null", "undefined", "-1",
            "X".repeat(300), "Y".repeat(4000));

    private HostilePaths() {
    }

    static String segment(Random random) {
        return HostileValues.pick(SEGMENTS, random);
    }

    /** Appended to a whole path: traversal beyond it, a trailing slash, a matrix parameter, a fragment of dots. */
    static String suffix(Random random) {
        return HostileValues.pick(List.of("/..", "/%2e%2e", "/../../actuator/env", "//", "/.", ";x=y", "%2F",
                "/%00", "%20", "/NO-SUCH-PATH"), random);
    }
}
