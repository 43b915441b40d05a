package org.planregistry.bench;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.planregistry.api.PlanCommand;
import org.planregistry.api.PlanEvent;
import org.planregistry.api.Target;
import org.planregistry.command.plan.PlanCommandGateway;
import org.planregistry.eventstore.MongoEventStorageEngine;
import org.planregistry.system.RegistryApps;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue 5: latency of {@code GET /api/plans/SZ-FIN-14FYP?asOf=D} as the store grows, against answering the same
 * question by replaying the plan's events (read by key) and by scanning the whole event stream, in the same run.
 */
final class AsOfBench {

    /** What one store size measured. */
    record SizeResult(long eventsInStore, double fillSeconds, double catchUpSeconds, Latencies view,
                      Latencies httpFloor, Latencies byKey, Latencies byScan, int minResponseBytes,
                      int maxResponseBytes) {
    }

    record Result(BenchStore.Backend backend, int importedEvents, int historyEvents, int planEvents,
                  List<SizeResult> sizes) {
    }

    /** The asOf dates asked in turn, the same for the view and the baselines. */
    static final List<LocalDate> DATES = List.of(LocalDate.of(2022, 6, 30), LocalDate.of(2023, 3, 31),
            LocalDate.of(2023, 12, 31), LocalDate.of(2024, 6, 30), LocalDate.of(2025, 12, 31));
    private static final int FILLER_PLAN_EVENTS = 100;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BenchOptions options;
    private final Report report;
    /** Whether the first store size is being measured: only there do warm-ups also last the warm-up time. */
    private boolean firstSize = true;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    AsOfBench(BenchOptions options, Report report) {
        this.options = options;
        this.report = report;
    }

    Result run(BenchStore.Backend backend) throws Exception {
        String label = backend.label;
        report.progress("[%s] as-of benchmark: sizes %s, history %d commands, %d requests per size", label,
                options.sizes(), options.history(), options.requests());
        try (BenchStore store = BenchStore.start(backend)) {
            ConfigurableApplicationContext commandSide = BenchApps.commandSide(store.uri("asof"));
            ConfigurableApplicationContext querySide = BenchApps.querySide(store.uri("asof"));
            try {
                MongoEventStorageEngine engine = commandSide.getBean(MongoEventStorageEngine.class);
                PlanCommandGateway gateway = commandSide.getBean(PlanCommandGateway.class);
                Processors processors = new Processors(querySide);
                String queries = BenchApps.baseUrl(querySide);

                int imported = importShippedPlan(BenchApps.baseUrl(commandSide));
                List<PlanCommand> history = Scenario.shenzhenHistory(Scenario.shippedIndicators(),
                        options.history());
                for (PlanCommand command : history) {
                    gateway.send(command, null, null);
                }
                List<DomainEventMessage<?>> planEvents = new ArrayList<>();
                engine.readEvents(Scenario.SHENZHEN).forEachRemaining(planEvents::add);
                String aggregateType = planEvents.get(0).getType();
                report.progress("[%s] %s: %d events imported + %d adjustment commands = %d events", label,
                        Scenario.SHENZHEN, imported, history.size(), planEvents.size());

                List<SizeResult> sizes = new ArrayList<>();
                int fillerPlans = 0;
                for (int size : options.sizes()) {
                    Report.Stage filling = report.stage(String.format("%s: filler to %,d events + views catch up",
                            label, size));
                    long fillStart = System.nanoTime();
                    while (engine.lastAllocatedSequence() < size) {
                        long missing = size - engine.lastAllocatedSequence();
                        String plan = Scenario.planCode("FILL", fillerPlans++);
                        engine.appendEvents(fillerMessages(aggregateType, plan,
                                Scenario.fillerPlan(plan, (int) Math.min(FILLER_PLAN_EVENTS, missing))));
                    }
                    double fill = (System.nanoTime() - fillStart) / 1e9;
                    long head = engine.lastAllocatedSequence();
                    double catchUp = (processors.awaitPosition(head, Duration.ofMinutes(30)) - fillStart) / 1e9;
                    filling.end();
                    report.progress("[%s] store at %,d events: filler written in %.1f s, views caught up after %.1f s",
                            label, head, fill, catchUp);

                    int[] responseBytes = checkAnswersAgree(queries, engine);
                    Report.Stage stage = report.stage(String.format("%s: %,d events, as-of view over HTTP", label,
                            head));
                    Latencies view = measure("as-of view over HTTP", options.httpWarmup(), options.requests(), 0,
                            i -> () -> get(queries, DATES.get(i % DATES.size())));
                    stage.end();
                    stage = report.stage(String.format("%s: %,d events, HTTP floor (404)", label, head));
                    Latencies floor = measure("HTTP floor (404)", options.httpWarmup(), options.requests(), 0,
                            i -> () -> notFound(queries, DATES.get(i % DATES.size())));
                    stage.end();
                    stage = report.stage(String.format("%s: %,d events, replay by key", label, head));
                    Latencies byKey = measure("replay by key", options.replayWarmup(), options.replayReps(), 0,
                            i -> () -> TargetsByReplay.byKey(engine, Scenario.SHENZHEN, DATES.get(i % DATES.size())));
                    stage.end();
                    stage = report.stage(String.format("%s: %,d events, scan of the stream", label, head));
                    Latencies byScan = measure("scan of the stream", 1, options.scanReps(), options.scanSeconds(),
                            i -> () -> TargetsByReplay.byScan(engine, Scenario.SHENZHEN, DATES.get(i % DATES.size())));
                    stage.end();
                    report.progress("[%s] %,d events: view p50 %.2f ms p99 %.2f ms | replay by key p50 %.2f ms | "
                                    + "scan p50 %.1f ms (%d runs)", label, head, view.p50(), view.p99(),
                            byKey.p50(), byScan.p50(), byScan.count());
                    firstSize = false;
                    sizes.add(new SizeResult(head, fill, catchUp, view, floor, byKey, byScan, responseBytes[0],
                            responseBytes[1]));
                }
                return new Result(backend, imported, history.size(), planEvents.size(), sizes);
            } finally {
                querySide.close();
                commandSide.close();
            }
        }
    }

    private int importShippedPlan(String commandSide) throws Exception {
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

    private static List<EventMessage<?>> fillerMessages(String aggregateType, String plan, List<PlanEvent> events) {
        MetaData meta = MetaData.from(Map.of("actor", "bench-filler", "role", "REGISTRAR", "correlationId",
                UUID.randomUUID().toString()));
        List<EventMessage<?>> messages = new ArrayList<>(events.size());
        for (int seq = 0; seq < events.size(); seq++) {
            messages.add(new GenericDomainEventMessage<>(aggregateType, plan, seq, events.get(seq), meta));
        }
        return messages;
    }

    /**
     * The same request for a plan the registry does not hold: HTTP, security filters, parameter parsing, one key
     * look-up and a small problem answer. What every answer costs at least.
     */
    private String notFound(String queries, LocalDate asOf) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(queries
                    + "/api/plans/NO-SUCH-PLAN?asOf=" + asOf)).header("Accept", "application/json").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 404) {
                throw new IllegalStateException("unknown plan answered " + response.statusCode());
            }
            return response.body();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String get(String queries, LocalDate asOf) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(queries + "/api/plans/"
                    + Scenario.SHENZHEN + "?asOf=" + asOf)).header("Accept", "application/json").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("as-of query answered " + response.statusCode() + ": "
                        + response.body());
            }
            return response.body();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The view and both baselines must give the same targets for every date, or the comparison means nothing.
     * Returns the smallest and largest size of the view's answers in bytes.
     */
    private int[] checkAnswersAgree(String queries, MongoEventStorageEngine engine) throws Exception {
        int[] bytes = {Integer.MAX_VALUE, 0};
        for (LocalDate date : DATES) {
            String body = get(queries, date);
            int size = body.getBytes(StandardCharsets.UTF_8).length;
            bytes[0] = Math.min(bytes[0], size);
            bytes[1] = Math.max(bytes[1], size);
            Map<String, String> view = new TreeMap<>();
            for (JsonNode indicator : JSON.readTree(body).path("indicators")) {
                JsonNode target = indicator.path("target");
                view.put(indicator.path("code").asText(), describe(new BigDecimal(target.path("value").asText()),
                        target.path("qualifier").asText(), target.path("year").asInt()));
            }
            Map<String, String> byKey = describe(TargetsByReplay.byKey(engine, Scenario.SHENZHEN, date));
            Map<String, String> byScan = describe(TargetsByReplay.byScan(engine, Scenario.SHENZHEN, date));
            if (!view.equals(byKey) || !view.equals(byScan)) {
                throw new IllegalStateException("answers differ for asOf " + date + ":\n view   " + view
                        + "\n by key " + byKey + "\n scan   " + byScan);
            }
        }
        return bytes;
    }

    private static Map<String, String> describe(Map<String, Target> targets) {
        Map<String, String> described = new TreeMap<>();
        targets.forEach((code, t) -> described.put(code, describe(t.value(), t.qualifier().name(), t.year())));
        return described;
    }

    private static String describe(BigDecimal value, String qualifier, int year) {
        return value.stripTrailingZeros().toPlainString() + " " + qualifier + " " + year;
    }

    private interface Task {
        Supplier<?> at(int index);
    }

    /**
     * Runs unmeasured calls ({@code warmup} of them; at the first store size until the JIT has settled, unless
     * {@code seconds} caps the measurement), then {@code reps} measured ones, stopping early once {@code seconds} (if
     * positive) have been spent measuring and at least three calls were measured.
     */
    private Latencies measure(String what, int warmup, int reps, double seconds, Task task) {
        if (firstSize && seconds <= 0) {
            Warmup.Done done = Warmup.run(warmup, options.warmupSeconds() / 4, options.warmupSeconds() * 3,
                    i -> task.at(i).get());
            report.progress("%s warmed up: %s", what, done);
        } else {
            for (int i = 0; i < warmup; i++) {
                task.at(i).get();
            }
        }
        Latencies latencies = new Latencies(reps);
        long budgetEnd = System.nanoTime() + (long) (seconds * 1e9);
        for (int i = 0; i < reps; i++) {
            Supplier<?> call = task.at(i);
            long start = System.nanoTime();
            Object answer = call.get();
            latencies.add(System.nanoTime() - start);
            if (answer == null) {
                throw new IllegalStateException("no answer");
            }
            if (seconds > 0 && i >= 2 && System.nanoTime() > budgetEnd) {
                break;
            }
        }
        return latencies;
    }
}
