package org.planregistry.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.planregistry.signin.Account;
import org.planregistry.signin.Role;
import org.planregistry.signin.UsersFile;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;

/**
 * {@code ./add-user} as an administrator runs it, with the command side's built jar (the reactor has packaged it
 * before the system tests run): the person lands in the users file as a hash, and can be removed again.
 */
class AddUserScriptTest {

    private static final Path SCRIPT = Path.of("..", "add-user").toAbsolutePath().normalize();

    @TempDir
    Path directory;

    @Test
    void anAdministratorAddsAndRemovesAPerson() throws Exception {
        Path file = directory.resolve("users");

        Run added = run(file, "correct horse battery", "张敏", "evaluator,AUDITOR");
        assertThat(added.exit()).as(added.err()).isZero();
        assertThat(added.out()).contains("Added 张敏 [EVALUATOR, AUDITOR]");
        Account account = new UsersFile(file).accounts().get("张敏");
        assertThat(account.roles()).isEqualTo(EnumSet.of(Role.EVALUATOR, Role.AUDITOR));
        assertThat(PasswordEncoderFactories.createDelegatingPasswordEncoder()
                .matches("correct horse battery", account.passwordHash())).isTrue();

        Run refused = run(file, "short", "li.wei", "REGISTRAR");
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("at least 12 characters");
        Run unknownRole = run(file, "long enough password", "li.wei", "CLERK");
        assertThat(unknownRole.err()).contains("no role 'CLERK'");

        Run removed = run(file, "", "--remove", "张敏");
        assertThat(removed.exit()).as(removed.err()).isZero();
        assertThat(new UsersFile(file).accounts()).isEmpty();
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run run(Path file, String password, String... args) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("bash", SCRIPT.toString());
        builder.command().addAll(java.util.List.of(args));
        builder.environment().put("REGISTRY_USERS_FILE", file.toString());
        builder.environment().put("REGISTRY_NEW_USER_PASSWORD", password);
        Process process = builder.start();
        process.getOutputStream().close();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("add-user finished").isTrue();
        return new Run(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
