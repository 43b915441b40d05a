package org.planregistry.command.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.planregistry.command.CommandSideTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** {@code ./import-plan FILE} as an operator runs it: from any folder, with a path relative to that folder. */
class ImportPlanScriptTest extends CommandSideTest {

    private static final Path SCRIPT = Path.of("..", "import-plan").toAbsolutePath().normalize();

    @LocalServerPort
    private int port;

    @TempDir
    private Path elsewhere;

    private record Run(int exitCode, String out, String err) {
    }

    private Run importPlan(String file) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("bash", SCRIPT.toString(), file, "http://localhost:" + port)
                .directory(elsewhere.toFile());
        builder.environment().put("REGISTRY_REGISTRAR_PASSWORD", REGISTRAR_PASSWORD);
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("import-plan finished").isTrue();
        return new Run(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void aRelativePathIsReadFromTheFolderTheScriptIsCalledFrom() throws Exception {
        Files.createDirectories(elsewhere.resolve("plans"));
        try (InputStream shipped = getClass().getResourceAsStream("/plans/shenzhen-finance-14fyp.yaml")) {
            Files.copy(shipped, elsewhere.resolve("plans/shenzhen.yaml"));
        }

        Run run = importPlan("plans/shenzhen.yaml");

        assertThat(run.exitCode()).as("exit code; stderr: %s", run.err()).isZero();
        assertThat(run.out()).contains("\"planCode\":\"SZ-FIN-14FYP\"").containsPattern("\"outcome\":\"(ADOPTED|UNCHANGED)\"");
    }

    @Test
    void aMissingFileIsSaidToBeMissingAndNothingIsSent() throws Exception {
        Run run = importPlan("no/such/plan.yaml");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("import-plan: file not found: no/such/plan.yaml");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void anEmptyFileIsRefusedByTheCommandSideAsAnEmptyDocument() throws Exception {
        Files.writeString(elsewhere.resolve("empty.yaml"), "");

        Run run = importPlan("empty.yaml");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("empty document");
        assertThat(run.err()).contains("Import refused (HTTP 400)");
    }

    @Test
    void anEmptyBodyIsABadRequestProblemSayingTheDocumentIsEmpty() {
        for (String body : new String[] {null, "", "  \n"}) {
            HttpHeaders headers = new HttpHeaders();
            headers.setContentType(MediaType.parseMediaType("application/yaml"));
            ResponseEntity<Map> response = registrar().postForEntity("/api/plans/import",
                    new HttpEntity<>(body == null ? null : body.getBytes(StandardCharsets.UTF_8), headers), Map.class);

            assertThat(response.getStatusCode()).as("body %s", body).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .isTrue();
            assertThat((String) response.getBody().get("detail")).contains("empty document");
        }
    }
}
