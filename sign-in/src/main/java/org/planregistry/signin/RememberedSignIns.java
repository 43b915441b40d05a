package org.planregistry.signin;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * Remembers successful HTTP Basic sign-ins for a short while, so that a client sending many requests (a registrar's
 * tool issuing commands, a system reading the event stream page after page) does not pay a bcrypt check (about 80 ms
 * of CPU) on every request. Used by both applications. Only successes are remembered, under a
 * keyed hash of name and password (the key is random per process, so nothing kept here is a reusable password
 * hash); a changed or wrong password never matches a remembered entry and goes to the real check.
 */
public final class RememberedSignIns implements AuthenticationProvider {

    private static final int MAX_ENTRIES = 10_000;

    private final AuthenticationProvider delegate;
    private final UserDetailsService users;
    private final Duration ttl;
    private final Clock clock;
    private final byte[] key = new byte[32];
    private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();

    /** {@code account}: the person's stored hash and roles when the sign-in was checked. */
    private record Remembered(Authentication authentication, UserDetails account, Instant until) {
    }

    /**
     * @param users where {@code delegate} finds people: a remembered sign-in counts only while the person is still
     *              there with the same password hash and roles, so removing someone or changing their password or
     *              roles takes effect at once (looking them up costs a map look-up and, for the users file, a look
     *              at its modification time: no hash)
     */
    public RememberedSignIns(AuthenticationProvider delegate, UserDetailsService users, Duration ttl, Clock clock) {
        this.delegate = delegate;
        this.users = users;
        this.ttl = ttl;
        this.clock = clock;
        new SecureRandom().nextBytes(key);
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        if (!(authentication.getCredentials() instanceof String password)) {
            return delegate.authenticate(authentication);
        }
        String entry = fingerprint(authentication.getName(), password);
        Instant now = clock.instant();
        Remembered known = remembered.get(entry);
        if (known != null && now.isBefore(known.until()) && unchanged(known.account())) {
            return known.authentication();
        }
        remembered.remove(entry);
        Authentication verified = delegate.authenticate(authentication);
        if (verified != null && verified.isAuthenticated()) {
            if (remembered.size() >= MAX_ENTRIES) {
                remembered.clear();
            }
            current(authentication.getName()).ifPresent(account ->
                    remembered.put(entry, new Remembered(verified, account, now.plus(ttl))));
        }
        return verified;
    }

    private boolean unchanged(UserDetails then) {
        return current(then.getUsername()).filter(now -> Objects.equals(now.getPassword(), then.getPassword())
                && Set.copyOf(now.getAuthorities()).equals(Set.copyOf(then.getAuthorities()))).isPresent();
    }

    private Optional<UserDetails> current(String name) {
        try {
            return Optional.ofNullable(users.loadUserByUsername(name));
        } catch (UsernameNotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private String fingerprint(String name, String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(name.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return Base64.getEncoder().encodeToString(mac.doFinal(password.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
