package org.planregistry.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.planregistry.api.PlanCommand;
import org.planregistry.api.PlanCommand.OpenEvaluationCommand;
import org.planregistry.api.PlanCommand.PublishEvaluationCommand;
import org.planregistry.api.PlanCommand.RecordFindingCommand;
import org.planregistry.api.PlanCommand.ReviseIndicatorTargetCommand;
import org.planregistry.api.PlanCommand.SetMilestoneCommand;
import org.planregistry.system.RegistryApps;

/**
 * The commands the benchmarks write (the Shenzhen plan's adjustments, milestones on other plans), sent to a command
 * side in another process through its HTTP API, signed in as a registrar, or as an evaluator for evaluations and
 * findings, as the command side's access rules require.
 */
final class CommandsOverHttp {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private final String registrar = basic("registrar", RegistryApps.REGISTRAR_PASSWORD);
    private final String evaluator = basic("evaluator", RegistryApps.EVALUATOR_PASSWORD);

    CommandsOverHttp(String commandSide) {
        this.base = commandSide;
    }

    /** Sends the command and expects it accepted (201). */
    void send(PlanCommand command) {
        String plan = "/api/plans/" + command.planCode();
        if (command instanceof SetMilestoneCommand c) {
            post(registrar, plan + "/indicators/" + c.indicatorCode() + "/milestones", body("year", c.year(), "value",
                    c.value(), "unit", c.unit(), "effectiveFrom", c.effectiveFrom(), "reason", c.reason(),
                    "decisionRef", c.decisionRef()));
        } else if (command instanceof ReviseIndicatorTargetCommand c) {
            post(registrar, plan + "/indicators/" + c.indicatorCode() + "/revisions", body("target",
                    body("year", c.targetYear(), "value", c.value(), "qualifier", c.qualifier()), "unit", c.unit(),
                    "effectiveFrom", c.effectiveFrom(), "reason", c.reason(), "decisionRef", c.decisionRef(),
                    "decisionDate", c.decisionDate()));
        } else if (command instanceof OpenEvaluationCommand c) {
            post(evaluator, plan + "/evaluations", body("id", c.evaluationId(), "kind", c.kind(), "evaluator",
                    c.evaluator(), "period", body("from", c.coveredFrom(), "to", c.coveredTo()), "effectiveFrom",
                    c.effectiveFrom()));
        } else if (command instanceof RecordFindingCommand c) {
            post(evaluator, plan + "/evaluations/" + c.evaluationId() + "/findings", body("id", c.findingId(),
                    "subjectKind", c.subjectKind(), "subjectCode", c.subjectCode(), "year", c.year(),
                    "observedValue", c.observedValue(), "unit", c.unit(), "assessment", c.assessment(),
                    "evidenceRef", c.evidenceRef(), "note", c.note(), "effectiveFrom", c.effectiveFrom(), "span",
                    c.span()));
        } else if (command instanceof PublishEvaluationCommand c) {
            post(evaluator, plan + "/evaluations/" + c.evaluationId() + "/publish", body("effectiveFrom",
                    c.effectiveFrom()));
        } else {
            throw new IllegalArgumentException("no HTTP request for " + command.getClass().getSimpleName()
                    + " here: add it");
        }
    }

    /** A JSON object of the given names and values, leaving out nulls (absent fields). */
    private static Map<String, Object> body(Object... namesAndValues) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                body.put((String) namesAndValues[i], namesAndValues[i + 1]);
            }
        }
        return body;
    }

    private void post(String authorization, String path, Map<String, Object> body) {
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base + path))
                    .header("Content-Type", "application/json").header("Authorization", authorization)
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 201) {
                throw new IllegalStateException("POST " + path + " answered " + answer.statusCode() + ": "
                        + answer.body());
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
    }
}
