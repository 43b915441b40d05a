package org.planregistry.system.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import org.planregistry.httpguard.Shown;
import org.springframework.util.unit.DataSize;

/**
 * Hostile input over real HTTP (docs/security.md, "Hostile input, limits and headers"): generated bad requests to
 * every command endpoint and to the parameters and path variables of the public reads, against both applications on
 * the embedded store with the Shenzhen plan imported. Every bad request must be answered with a 4xx
 * {@code application/problem+json} that shows nothing of the registry's insides, within the client's time limit,
 * and the store must hold exactly the events it held before.
 *
 * <p>The seed is jqwik's random one, so each run tries new requests; a failure reports its seed. To repeat a run,
 * put that seed on the property ({@code @Property(seed = "…")}); jqwik also repeats the failing seed by itself on
 * the next run (its database, {@code .jqwik-database}).
 */
class HostileInputTest {

    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(20);
    /** {@code -Dhostile.survey=true}: list every wrong answer at the end instead of stopping at the first. */
    private static final boolean SURVEY = Boolean.getBoolean("hostile.survey");
    private static final Map<String, String> SURVEYED = new ConcurrentSkipListMap<>();

    private static RegistryUnderTest registry;
    private static long eventsBefore;
    private static HttpClient http;
    private static HostileCommands commands;
    private static HostileQueries queries;

    @BeforeContainer
    static void start() {
        registry = RegistryUnderTest.start();
        eventsBefore = registry.events();
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        var environment = registry.commandSide.getEnvironment();
        commands = new HostileCommands(CommandEndpoint.of(registry.commandSide), registry.planDocument,
                DataSize.parse(environment.getRequiredProperty("registry.http.max-body")).toBytes(),
                DataSize.parse(environment.getRequiredProperty("registry.http.larger-bodies[/api/plans/import]"))
                        .toBytes());
        queries = new HostileQueries(QueryEndpoint.of(registry.querySide));
    }

    @AfterContainer
    static void stop() {
        SURVEYED.forEach((kind, example) -> System.out.println("WRONG: " + kind + "\n    e.g. " + example));
        if (registry != null) {
            registry.close();
        }
    }

    /** Requests are built with jqwik's random source; shrinking a request would need a model of its own. */
    @Property(tries = 1000, generation = GenerationMode.RANDOMIZED, shrinking = ShrinkingMode.OFF,
            edgeCases = EdgeCasesMode.NONE)
    void everyBadCommandIsRefusedAndWritesNothing(@ForAll("badCommands") HostileRequest request) {
        Statistics.label("endpoint").collect(request.endpoint());
        Statistics.label("endpoint").coverage(tried -> commands.endpoints().forEach(e ->
                tried.check(e.path()).count(n -> n >= 5)));
        Answer answer = send(registry.commands(), request);
        if (SURVEY) {
            survey(request, answer);
            long now = registry.events();
            if (now != eventsBefore) {
                SURVEYED.put("wrote " + (now - eventsBefore) + " events " + request.what().replaceAll("=.*", ""),
                        request + "\n    answered " + answer);
                eventsBefore = now;
            }
            return;
        }
        assertThat(answer.wrongFor(request)).as("%s\nanswered %s", request, answer).isEmpty();
        assertThat(registry.events()).as("events in the store after %s (answered %s)", request, answer)
                .isEqualTo(eventsBefore);
    }

    @Property(tries = 1000, generation = GenerationMode.RANDOMIZED, shrinking = ShrinkingMode.OFF,
            edgeCases = EdgeCasesMode.NONE)
    void everyBadQueryIsRefused(@ForAll("badQueries") HostileRequest request) {
        Statistics.label("endpoint").collect(request.endpoint());
        Statistics.label("endpoint").coverage(tried -> queries.endpoints().forEach(e ->
                tried.check(e.path()).count(n -> n >= 5)));
        Statistics.label("must be refused").collect(request.mustRefuse());
        Answer answer = send(registry.queries(), request);
        if (SURVEY) {
            survey(request, answer);
            return;
        }
        assertThat(answer.wrongFor(request)).as("%s\nanswered %s", request, answer).isEmpty();
    }

    @Provide
    Arbitrary<HostileRequest> badCommands() {
        return Arbitraries.randomValue(commands::next).withoutEdgeCases();
    }

    @Provide
    Arbitrary<HostileRequest> badQueries() {
        return Arbitraries.randomValue(queries::next).withoutEdgeCases();
    }

    /** Every command endpoint the command side maps is among those fuzzed. */
    @net.jqwik.api.Example
    void everyCommandEndpointIsFuzzed() {
        List<String> paths = commands.endpoints().stream().map(CommandEndpoint::path).toList();
        assertThat(paths).contains("/api/plans", "/api/plans/import", "/api/plans/{plan}/indicators/{code}/revisions",
                "/api/plans/{plan}/evaluations/{evaluation}/findings").hasSizeGreaterThan(20);
        assertThat(queries.endpoints().stream().map(QueryEndpoint::path).toList())
                .contains("/api/plans/{plan}", "/api/plans/{plan}/diff", "/api/plans/{plan}/progress",
                        "/api/plans/{plan}/indicators/{code}/history", "/api/events");
    }

    private static void survey(HostileRequest request, Answer answer) {
        for (String wrong : answer.wrongFor(request)) {
            SURVEYED.putIfAbsent(wrong.replaceAll("\\(.*", "") + " " + answer.status() + " "
                    + Shown.value(answer.body(), 80).replaceAll("\\d+", "#"), request + "\n    answered " + answer);
        }
    }

    static Answer send(String base, HostileRequest request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + request.path()))
                .timeout(ANSWER_TIMEOUT);
        request.headers().forEach(builder::header);
        if (!request.headers().containsKey("Authorization") && request.method().equals("POST")) {
            builder.header("Authorization", SignIns.forCommand(request.path()));
        }
        if (request.body() == null) {
            builder.method(request.method(), HttpRequest.BodyPublishers.noBody());
        } else if (request.chunked()) {
            builder.method(request.method(), HttpRequest.BodyPublishers.fromPublisher(
                    HttpRequest.BodyPublishers.ofByteArray(request.body())));
        } else {
            builder.method(request.method(), HttpRequest.BodyPublishers.ofByteArray(request.body()));
        }
        try {
            HttpResponse<byte[]> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                    new String(response.body(), StandardCharsets.UTF_8),
                    response.headers().firstValue("Set-Cookie").isPresent());
        } catch (HttpTimeoutException e) {
            return new Answer(599, null, "no answer within " + ANSWER_TIMEOUT, false);
        } catch (IOException e) {
            return new Answer(598, null, "the connection failed: " + e, false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
