package org.planregistry.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/** A real password check (bcrypt) behind the remembered sign-ins, counted. */
class RememberedSignInsTest {

    private static final PasswordEncoder ENCODER = PasswordEncoderFactories.createDelegatingPasswordEncoder();

    private final AtomicInteger checks = new AtomicInteger();
    private final MutableClock clock = new MutableClock();
    private final InMemoryUserDetailsManager users = new InMemoryUserDetailsManager(User.withUsername("reader")
            .password(ENCODER.encode("secret")).roles("READER").build());
    private final DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(users);
    private final RememberedSignIns signIns = new RememberedSignIns(new AuthenticationProvider() {
        @Override
        public Authentication authenticate(Authentication authentication) {
            checks.incrementAndGet();
            return passwords.authenticate(authentication);
        }

        @Override
        public boolean supports(Class<?> authentication) {
            return passwords.supports(authentication);
        }
    }, users, Duration.ofMinutes(5), clock);

    @Test
    void aSuccessfulSignInIsCheckedOnceWhileItIsRemembered() {
        Authentication first = signIns.authenticate(token("reader", "secret"));
        Authentication second = signIns.authenticate(token("reader", "secret"));

        assertThat(first.isAuthenticated()).isTrue();
        assertThat(second).isSameAs(first);
        assertThat(checks).hasValue(1);
    }

    @Test
    void aWrongPasswordIsAlwaysCheckedAndNeverRemembered() {
        signIns.authenticate(token("reader", "secret"));

        assertThatThrownBy(() -> signIns.authenticate(token("reader", "guess"))).isInstanceOf(
                BadCredentialsException.class);
        assertThatThrownBy(() -> signIns.authenticate(token("reader", "guess"))).isInstanceOf(
                BadCredentialsException.class);
        assertThat(checks).hasValue(3);
    }

    @Test
    void aRememberedSignInIsCheckedAgainOnceItExpires() {
        signIns.authenticate(token("reader", "secret"));
        clock.now = clock.now.plus(Duration.ofMinutes(6));

        signIns.authenticate(token("reader", "secret"));

        assertThat(checks).hasValue(2);
    }

    @Test
    void aRemovedPersonOrAChangedPasswordOrRoleIsCheckedAgainAtOnce() {
        signIns.authenticate(token("reader", "secret"));

        users.updateUser(User.withUsername("reader").password(ENCODER.encode("secret")).roles("AUDITOR").build());
        assertThat(signIns.authenticate(token("reader", "secret")).getAuthorities()).extracting(Object::toString)
                .containsExactly("ROLE_AUDITOR");
        assertThat(checks).hasValue(2);

        users.updateUser(User.withUsername("reader").password(ENCODER.encode("changed")).roles("AUDITOR").build());
        assertThatThrownBy(() -> signIns.authenticate(token("reader", "secret"))).isInstanceOf(
                BadCredentialsException.class);

        users.deleteUser("reader");
        assertThatThrownBy(() -> signIns.authenticate(token("reader", "changed"))).isInstanceOf(
                BadCredentialsException.class);
        assertThat(checks).hasValue(4);
    }

    private static UsernamePasswordAuthenticationToken token(String name, String password) {
        return UsernamePasswordAuthenticationToken.unauthenticated(name, password);
    }

    private static final class MutableClock extends Clock {

        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
