package org.planregistry.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/** The named people of a registry without an identity provider, in a real file. */
class UsersFileTest {

    private static final PasswordEncoder ENCODER = PasswordEncoderFactories.createDelegatingPasswordEncoder();

    @TempDir
    Path directory;

    @Test
    void peopleAddedAreKeptAsHashesAndSignInBesideTheFirstAccounts() throws Exception {
        UsersFile file = new UsersFile(directory.resolve("users"));
        file.add("li.wei", EnumSet.of(Role.REGISTRAR), "li-wei-password", ENCODER);
        file.add("张敏", EnumSet.of(Role.EVALUATOR, Role.AUDITOR), "zhang-min-password", ENCODER);

        String text = Files.readString(file.path());
        assertThat(text).contains("li.wei:REGISTRAR:{bcrypt}$2a$").contains("张敏:EVALUATOR,AUDITOR:{bcrypt}")
                .doesNotContain("li-wei-password");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.path()))).isEqualTo("rw-------");

        RegistryUsers users = new RegistryUsers(Map.of(Role.OPERATOR, "operator-password"), file, ENCODER);
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(users);
        assertThat(passwords.authenticate(UsernamePasswordAuthenticationToken.unauthenticated("张敏",
                "zhang-min-password")).getAuthorities()).extracting(Object::toString)
                .containsExactlyInAnyOrder("ROLE_EVALUATOR", "ROLE_AUDITOR");
        assertThat(passwords.authenticate(UsernamePasswordAuthenticationToken.unauthenticated("operator",
                "operator-password")).getAuthorities()).extracting(Object::toString).containsExactly("ROLE_OPERATOR");
        assertThatThrownBy(() -> passwords.authenticate(UsernamePasswordAuthenticationToken.unauthenticated("li.wei",
                "wrong"))).isInstanceOf(BadCredentialsException.class);
        assertThat(users.names()).containsExactly("li.wei", "operator", "张敏");
    }

    @Test
    void aChangeToTheFileIsSeenWithoutARestartAndARemovedPersonIsGone() {
        UsersFile file = new UsersFile(directory.resolve("users"));
        RegistryUsers users = new RegistryUsers(Map.of(), file, ENCODER);
        file.add("li.wei", EnumSet.of(Role.REGISTRAR), "li-wei-password", ENCODER);
        assertThat(users.loadUserByUsername("li.wei").getUsername()).isEqualTo("li.wei");

        file.remove("li.wei");

        assertThatThrownBy(() -> users.loadUserByUsername("li.wei")).isInstanceOf(UsernameNotFoundException.class);
    }

    @Test
    void namesAreUniqueAndPasswordsLongEnough() {
        UsersFile file = new UsersFile(directory.resolve("users"));
        file.add("li.wei", EnumSet.of(Role.REGISTRAR), "li-wei-password", ENCODER);

        assertThatThrownBy(() -> file.add("li.wei", EnumSet.of(Role.READER), "another-password", ENCODER))
                .hasMessageContaining("exists already");
        assertThatThrownBy(() -> file.add("wang", EnumSet.of(Role.READER), "short", ENCODER))
                .hasMessageContaining("12 characters");
        assertThatThrownBy(() -> file.add("a:b", EnumSet.of(Role.READER), "long-enough-password", ENCODER))
                .hasMessageContaining("user name");
        assertThatThrownBy(() -> file.remove("nobody")).hasMessageContaining("no user nobody");
    }

    @Test
    void aFirstAccountCannotBeTakenByALineOfTheFile() {
        UsersFile file = new UsersFile(directory.resolve("users"));
        file.add("registrar", EnumSet.of(Role.AUDITOR), "impostor-password", ENCODER);
        RegistryUsers users = new RegistryUsers(Map.of(Role.REGISTRAR, "registrar-password"), file, ENCODER);

        assertThat(users.loadUserByUsername("registrar").getAuthorities()).extracting(Object::toString)
                .containsExactly("ROLE_REGISTRAR");
    }

    @Test
    void aBrokenLineIsReportedWithItsNumber() throws Exception {
        Path path = directory.resolve("users");
        Files.writeString(path, "# people\nli.wei:REGISTRAR:{bcrypt}$2a$10$x\nzhang:CLERK:{bcrypt}$2a$10$y\n");

        assertThatThrownBy(() -> new UsersFile(path).accounts()).hasMessageContaining("line 3")
                .hasMessageContaining("CLERK");
    }
}
