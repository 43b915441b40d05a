package org.planregistry.system.hostile;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import org.planregistry.system.RegistryApps;

/**
 * Who the hostile requests sign in as, per endpoint: the one place to change when the access rules change. The
 * requests must get past the sign-in, or they would only ever test the 401.
 */
final class SignIns {

    private SignIns() {
    }

    /** The account whose role may send the command at {@code path}. */
    static String forCommand(String path) {
        if (path.contains("/evaluations")) {
            return basic("evaluator", RegistryApps.EVALUATOR_PASSWORD);
        }
        return basic("registrar", RegistryApps.REGISTRAR_PASSWORD);
    }

    /**
     * The account for a query at {@code path}: the auditor for the audit log and verification, the operator for
     * operations, the reader for the event stream (which is public too: signed in it carries the names), none for
     * the plans, which are public.
     */
    static Optional<String> forQuery(String path) {
        if (path.startsWith("/api/audit") || path.matches("/api/plans/[^/]+/audit/.*")) {
            return Optional.of(basic("auditor", RegistryApps.AUDITOR_PASSWORD));
        }
        if (path.startsWith("/api/admin/")) {
            return Optional.of(basic("operator", RegistryApps.OPERATOR_PASSWORD));
        }
        if (path.startsWith("/api/events")) {
            return Optional.of(basic("reader", RegistryApps.READER_PASSWORD));
        }
        return Optional.empty();
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
    }
}
