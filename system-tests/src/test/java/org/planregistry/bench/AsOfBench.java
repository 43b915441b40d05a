package org.planregistry.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import org.axonframework.eventhandling.DomainEventMessage;
import org.planregistry.api.PlanCommand;
import org.planregistry.command.plan.PlanCommandGateway;
import org.planregistry.eventstore.MongoEventStorageEngine;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue 5: latency of {@code GET /api/plans/SZ-FIN-14FYP?asOf=D} as the store grows — with other plans' events, or
 * with the plan's own history ({@link AsOfGrowth}) — against answering the same question by replaying the plan's
 * events (read by key) and by scanning the whole event stream, in the same run. The view is measured twice: as
 * shipped, and on a second query side that keeps no decoded document in memory.
 */
final class AsOfBench {

    /** What one store size measured. */
    record SizeResult(long eventsInStore, long planEvents, double growSeconds, double catchUpSeconds, ViewResult view,
                      ViewResult viewKeepingNothing, Latencies httpFloor, Latencies byKey, Latencies byScan) {
    }

    /** One query side's answers at one size: latencies and answer sizes, or why it did not answer. */
    record ViewResult(Latencies latencies, int minResponseBytes, int maxResponseBytes, String failure) {

        boolean answered() {
            return failure == null;
        }
    }

    record Result(BenchStore.Backend backend, AsOfGrowth growth, int importedEvents, int historyEvents,
                  List<SizeResult> sizes) {
    }

    /** The asOf dates asked in turn, the same for the view and the baselines. */
    static final List<LocalDate> DATES = List.of(LocalDate.of(2022, 6, 30), LocalDate.of(2023, 3, 31),
            LocalDate.of(2023, 12, 31), LocalDate.of(2024, 6, 30), LocalDate.of(2025, 12, 31));

    private final BenchOptions options;
    private final Report report;
    private final AsOfClient client = new AsOfClient();
    /** Whether nothing was measured yet: only then do warm-ups run until the JIT has settled. */
    private boolean firstSize = true;

    AsOfBench(BenchOptions options, Report report) {
        this.options = options;
        this.report = report;
    }

    /** One store per growth, each grown through every size. */
    List<Result> run(BenchStore.Backend backend) throws Exception {
        List<Result> results = new ArrayList<>();
        for (AsOfGrowth growth : options.asOfGrowth()) {
            results.add(run(backend, growth));
        }
        return results;
    }

    private Result run(BenchStore.Backend backend, AsOfGrowth growth) throws Exception {
        String label = backend.label + ", " + growth.label;
        report.progress("[%s] as-of benchmark: sizes %s, history %d commands, %d requests per size", label,
                options.sizes(), options.history(), options.requests());
        try (BenchStore store = BenchStore.start(backend)) {
            String uri = store.uri("asof");
            ConfigurableApplicationContext commandSide = BenchApps.commandSide(uri);
            ConfigurableApplicationContext querySide = BenchApps.querySide(uri);
            Processors processors = new Processors(querySide);
            ConfigurableApplicationContext keepingNothing = BenchApps.querySideKeepingNothing(uri,
                    processors.names());
            try {
                MongoEventStorageEngine engine = commandSide.getBean(MongoEventStorageEngine.class);
                PlanCommandGateway gateway = commandSide.getBean(PlanCommandGateway.class);
                Views views = new Views(BenchApps.baseUrl(querySide), BenchApps.baseUrl(keepingNothing));

                int imported = client.importShippedPlan(BenchApps.baseUrl(commandSide));
                List<PlanCommand> history = Scenario.shenzhenHistory(Scenario.shippedIndicators(),
                        options.history());
                for (PlanCommand command : history) {
                    gateway.send(command, null, null);
                }
                List<DomainEventMessage<?>> planEvents = new ArrayList<>();
                engine.readEvents(Scenario.SHENZHEN).forEachRemaining(planEvents::add);
                report.progress("[%s] %s: %d events imported + %d adjustment commands = %d events", label,
                        Scenario.SHENZHEN, imported, history.size(), planEvents.size());

                AsOfGrowth.Grower grower = growth.grower(engine, planEvents);
                List<SizeResult> sizes = new ArrayList<>();
                for (int size : options.sizes()) {
                    sizes.add(measureSize(label, size, grower, engine, processors, views));
                }
                return new Result(backend, growth, imported, history.size(), sizes);
            } finally {
                keepingNothing.close();
                querySide.close();
                commandSide.close();
            }
        }
    }

    /** The two query sides' base URLs: the one as shipped, the other keeping nothing in memory. */
    private record Views(String shipped, String keepingNothing) {
    }

    private SizeResult measureSize(String label, int size, AsOfGrowth.Grower grower, MongoEventStorageEngine engine,
                                   Processors processors, Views views) throws Exception {
        Report.Stage growing = report.stage(String.format("%s: growth to %,d events + views catch up", label, size));
        long growStart = System.nanoTime();
        grower.growTo(size);
        double grow = (System.nanoTime() - growStart) / 1e9;
        long head = engine.lastAllocatedSequence();
        double catchUp = (processors.awaitPosition(head, Duration.ofMinutes(30)) - growStart) / 1e9;
        growing.end();
        long planEvents = engine.lastSequenceNumberFor(Scenario.SHENZHEN).orElseThrow() + 1;
        report.progress("[%s] store at %,d events (%s: %,d): written in %.1f s, views caught up after %.1f s",
                label, head, Scenario.SHENZHEN, planEvents, grow, catchUp);

        String at = String.format("%s: %,d events", label, head);
        double seconds = options.measureSeconds();
        Map<LocalDate, Map<String, String>> expected = baselineTargets(engine);
        ViewResult view = measureView(label, at, "as-of view over HTTP", views.shipped(), expected);
        ViewResult keepingNothing = measureView(label, at, "as-of view keeping nothing in memory",
                views.keepingNothing(), expected);
        Latencies floor = measure(at, "HTTP floor (404)", options.httpWarmup(), options.requests(), seconds, true,
                i -> () -> client.notFound(views.shipped(), date(i)));
        Latencies byKey = measure(at, "replay by key", options.replayWarmup(), options.replayReps(), seconds, true,
                i -> () -> TargetsByReplay.byKey(engine, Scenario.SHENZHEN, date(i)));
        Latencies byScan = measure(at, "scan of the stream", 1, options.scanReps(), options.scanSeconds(), false,
                i -> () -> TargetsByReplay.byScan(engine, Scenario.SHENZHEN, date(i)));
        report.progress("[%s] %,d events: view p50 %.2f ms p99 %.2f ms (%d) | keeping nothing p50 %.2f ms (%d) | "
                        + "replay by key p50 %.2f ms (%d) | scan p50 %.1f ms (%d)", label, head,
                view.latencies().p50(), view.latencies().p99(), view.latencies().count(),
                keepingNothing.latencies().p50(), keepingNothing.latencies().count(), byKey.p50(), byKey.count(),
                byScan.p50(), byScan.count());
        firstSize = false;
        return new SizeResult(head, planEvents, grow, catchUp, view, keepingNothing, floor, byKey, byScan);
    }

    private static LocalDate date(int i) {
        return DATES.get(i % DATES.size());
    }

    /** The targets for every date by both baselines, which must agree. */
    private static Map<LocalDate, Map<String, String>> baselineTargets(MongoEventStorageEngine engine) {
        Map<LocalDate, Map<String, String>> targets = new TreeMap<>();
        for (LocalDate date : DATES) {
            Map<String, String> byKey = AsOfClient.describe(TargetsByReplay.byKey(engine, Scenario.SHENZHEN, date));
            Map<String, String> byScan = AsOfClient.describe(TargetsByReplay.byScan(engine, Scenario.SHENZHEN, date));
            if (!byKey.equals(byScan)) {
                throw new IllegalStateException("baselines differ for asOf " + date + ":\n by key " + byKey
                        + "\n scan   " + byScan);
            }
            targets.put(date, byKey);
        }
        return targets;
    }

    /**
     * Checks that the view gives the baselines' targets for every date (or the comparison means nothing), then
     * measures it. A view that does not answer is a finding to report: the baselines are still measured.
     */
    private ViewResult measureView(String label, String at, String what, String querySide,
                                   Map<LocalDate, Map<String, String>> expected) throws Exception {
        int min = Integer.MAX_VALUE;
        int max = 0;
        try {
            for (LocalDate date : DATES) {
                String body = client.plan(querySide, Scenario.SHENZHEN, date);
                int size = body.getBytes(StandardCharsets.UTF_8).length;
                min = Math.min(min, size);
                max = Math.max(max, size);
                Map<String, String> view = AsOfClient.targets(body);
                if (!view.equals(expected.get(date))) {
                    throw new IllegalStateException(what + " differs from the baselines for asOf " + date
                            + ":\n view      " + view + "\n baselines " + expected.get(date));
                }
            }
            Latencies latencies = measure(at, what, options.httpWarmup(), options.requests(),
                    options.measureSeconds(), true, i -> () -> client.plan(querySide, Scenario.SHENZHEN, date(i)));
            return new ViewResult(latencies, min, max, null);
        } catch (AsOfClient.Unanswered e) {
            report.progress("[%s] %s did not answer: %s", label, what, e.getMessage());
            return new ViewResult(new Latencies(0), 0, 0, e.getMessage());
        }
    }

    private interface Task {
        Supplier<?> at(int index);
    }

    /**
     * Measures up to {@code reps} calls after a warm-up, as a stage whose machine load is recorded. If {@code settle}
     * and nothing was measured yet, the warm-up runs until the JIT has settled; otherwise it is {@code warmup} calls,
     * cut short after a third of {@code seconds}. Measuring stops once {@code seconds} were spent on it and at least
     * three calls were measured: a request that decodes a plan of 100,000 events takes a while.
     */
    private Latencies measure(String at, String what, int warmup, int reps, double seconds, boolean settle,
                              Task task) {
        Report.Stage stage = report.stage(at + ", " + what);
        if (settle && firstSize) {
            Warmup.Done done = Warmup.run(warmup, options.warmupSeconds() / 4, options.warmupSeconds() * 3,
                    i -> task.at(i).get());
            report.progress("%s warmed up: %s", what, done);
        } else {
            long warmupEnd = System.nanoTime() + (long) (seconds / 3 * 1e9);
            for (int i = 0; i < warmup && (i == 0 || System.nanoTime() < warmupEnd); i++) {
                task.at(i).get();
            }
        }
        Latencies latencies = Latencies.timed(reps, seconds, task::at);
        stage.end();
        return latencies;
    }
}
