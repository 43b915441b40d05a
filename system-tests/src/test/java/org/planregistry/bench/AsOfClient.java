package org.planregistry.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.planregistry.api.Target;
import org.planregistry.system.RegistryApps;

/**
 * The as-of benchmark's HTTP client: one {@code java.net.http} client, HTTP/1.1 keep-alive, requests one after
 * another, as one user's browser or script would ask.
 */
final class AsOfClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    /** Imports the shipped plan through the command side's API; returns the events it wrote. */
    int importShippedPlan(String commandSide) throws IOException, InterruptedException {
        String credentials = Base64.getEncoder().encodeToString(("registrar:" + RegistryApps.REGISTRAR_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(commandSide + "/api/plans/import"))
                .header("Content-Type", "application/yaml").header("Authorization", "Basic " + credentials)
                .POST(HttpRequest.BodyPublishers.ofByteArray(Scenario.shippedPlanDocument())).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("import answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body()).path("eventsWritten").asInt();
    }

    /** {@code GET /api/plans/{plan}?asOf=D}: the plan as of a date, answered by the view. */
    String plan(String querySide, String plan, LocalDate asOf) {
        return get(querySide + "/api/plans/" + plan + "?asOf=" + asOf, 200);
    }

    /**
     * The same request for a plan the registry does not hold: HTTP, security filters, parameter parsing, one key
     * look-up and a small problem answer. What every answer costs at least.
     */
    String notFound(String querySide, LocalDate asOf) {
        return get(querySide + "/api/plans/NO-SUCH-PLAN?asOf=" + asOf, 404);
    }

    /** The targets in an as-of answer, per indicator, described as {@link #describe(Map)} describes them. */
    static Map<String, String> targets(String answer) throws IOException {
        Map<String, String> targets = new TreeMap<>();
        for (JsonNode indicator : JSON.readTree(answer).path("indicators")) {
            JsonNode target = indicator.path("target");
            targets.put(indicator.path("code").asText(), describe(new BigDecimal(target.path("value").asText()),
                    target.path("qualifier").asText(), target.path("year").asInt()));
        }
        return targets;
    }

    /** Targets described so that the view's JSON and a baseline's records compare equal when they agree. */
    static Map<String, String> describe(Map<String, Target> targets) {
        Map<String, String> described = new TreeMap<>();
        targets.forEach((code, t) -> described.put(code, describe(t.value(), t.qualifier().name(), t.year())));
        return described;
    }

    private static String describe(BigDecimal value, String qualifier, int year) {
        return value.stripTrailingZeros().toPlainString() + " " + qualifier + " " + year;
    }

    /** The registry did not give the expected answer: a finding to report, not a reason to stop the benchmark. */
    static final class Unanswered extends IllegalStateException {
        Unanswered(String message) {
            super(message);
        }
    }

    private String get(String url, int expectedStatus) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expectedStatus) {
                throw new Unanswered(url + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
