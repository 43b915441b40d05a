package org.planregistry.signin;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A person who may sign in: a name (what the audit trail shows as the actor), the roles they hold and their password
 * as a hash in Spring Security's encoded form ({@code {bcrypt}$2a$10$…}). Never the password itself.
 */
public record Account(String name, Set<Role> roles, String passwordHash) {

    /** Letters of any script, digits and {@code . _ @ -}: names appear in URLs, logs and a colon-separated file. */
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}._@-]{1,64}");

    public Account {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a user name is 1 to 64 letters, digits or . _ @ -, not '" + name + "'");
        }
        if (roles == null || roles.isEmpty()) {
            throw new IllegalArgumentException("user " + name + " needs at least one role");
        }
        if (passwordHash == null || !passwordHash.startsWith("{")) {
            throw new IllegalArgumentException("user " + name + " needs a password hash in the form {id}hash");
        }
        roles = Collections.unmodifiableSet(EnumSet.copyOf(roles)); // in the roles' own order, for lines and logs
    }
}
