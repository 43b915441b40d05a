package org.planregistry.signin;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.PropertyResolver;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The people who may sign in with a password: a first account per role, named after the role ({@code registrar},
 * whose password comes from {@code REGISTRY_REGISTRAR_PASSWORD}; a role without a password has no first account),
 * and the named people of the {@link UsersFile}. A first account's name cannot be taken by a line of the file.
 */
public final class RegistryUsers implements UserDetailsService {

    private static final Logger log = LoggerFactory.getLogger(RegistryUsers.class);

    private final Map<String, Account> firstAccounts = new LinkedHashMap<>();
    private final UsersFile file;

    /** {@code passwords}: the first account's password per role; blank or absent means no first account. */
    public RegistryUsers(Map<Role, String> passwords, UsersFile file, PasswordEncoder encoder) {
        this.file = file;
        new TreeMap<>(passwords).forEach((role, password) -> {
            if (password != null && !password.isBlank()) {
                String name = role.name().toLowerCase(Locale.ROOT);
                firstAccounts.put(name, new Account(name, EnumSet.of(role), encoder.encode(password)));
            }
        });
        log.info("Sign-in: first accounts {}, named users from {}", firstAccounts.keySet(), file.path());
    }

    /**
     * The users an application's settings name: {@code registry.users.<role>.password} for each role's first account
     * and {@code registry.users.file} for the named people (both applications read the same settings).
     */
    public static RegistryUsers configured(PropertyResolver settings) {
        Map<Role, String> passwords = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            passwords.put(role, settings.getProperty("registry.users." + role.name().toLowerCase(Locale.ROOT)
                    + ".password", ""));
        }
        return new RegistryUsers(passwords, new UsersFile(Path.of(settings.getRequiredProperty("registry.users.file"))),
                PasswordEncoderFactories.createDelegatingPasswordEncoder());
    }

    @Override
    public UserDetails loadUserByUsername(String name) {
        Account account = firstAccounts.get(name);
        if (account == null) {
            account = file.accounts().get(name);
        }
        if (account == null) {
            throw new UsernameNotFoundException("no user " + name);
        }
        return User.withUsername(account.name()).password(account.passwordHash())
                .authorities(account.roles().stream().map(Role::authority).toArray(String[]::new)).build();
    }

    /** The names of everyone who may sign in with a password now. */
    public Set<String> names() {
        Set<String> names = new TreeSet<>(firstAccounts.keySet());
        names.addAll(file.accounts().keySet());
        return names;
    }
}
