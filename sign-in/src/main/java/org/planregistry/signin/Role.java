package org.planregistry.signin;

import java.util.Locale;
import java.util.Optional;

/**
 * What a person may do in the registry. A person holds one or more roles; each endpoint names the roles that may use
 * it ({@link AccessRules}).
 */
public enum Role {
    /** Reads the plans and their history, and follows the event stream, signed in (names of officials included). */
    READER,
    /** Adopts, decomposes, adjusts and closes plans. */
    REGISTRAR,
    /** Records evaluations and findings; sees evaluations that are not published yet. */
    EVALUATOR,
    /** Reads the audit log and verifies the store; sees everything a reader sees and unpublished evaluations. */
    AUDITOR,
    /** Rebuilds views and reads the operational endpoints (metrics, health details). */
    OPERATOR;

    /** The Spring Security authority of this role ({@code ROLE_REGISTRAR}). */
    public String authority() {
        return "ROLE_" + name();
    }

    /** The role named {@code text} in any case ("auditor", "AUDITOR"), or empty for a name that is no role. */
    public static Optional<Role> named(String text) {
        String name = text.strip().toUpperCase(Locale.ROOT);
        if (name.startsWith("ROLE_")) {
            name = name.substring("ROLE_".length());
        }
        for (Role role : values()) {
            if (role.name().equals(name)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
