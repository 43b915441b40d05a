package org.planregistry.bench;

import java.lang.management.ManagementFactory;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The Plan Registry's performance benchmarks, run with {@code mvn -pl system-tests -Pbench verify -DskipTests}
 * (settings: {@link BenchOptions#USAGE}; results and their reading: docs/benchmarks.md).
 *
 * <ul>
 *   <li>Write (issue 2): raw driver {@code insertOne} of ~500-byte documents, the same number of events appended
 *       through the command gateway, and a replay of the resulting store into the query side's views; rates and
 *       their ratio to the raw insert rate measured on the same server in the same run.</li>
 *   <li>As-of (issue 5): p50/p99 latency of {@code GET /api/plans/{plan}?asOf=D} with 1k, 10k and 100k events in
 *       the store — other plans' events, or the queried plan's own history ({@link AsOfGrowth}) — by the view as
 *       shipped and keeping nothing in memory, against answering the same question by replaying the plan's events
 *       (read by key) and by scanning the whole event stream, in the same run.</li>
 *   <li>Stream (issue 10): the feed's read rate against reading the same events in process, follow latency and the
 *       command rate with followers.</li>
 *   <li>Scale (issue 12, not in the default set): one store grown to a million events, with append, replay, as-of,
 *       feed and heap figures at each size ({@link ScaleBench}), and the store's size on disk.</li>
 * </ul>
 *
 * Except in part scale, everything runs in this JVM: the MongoDB-protocol server, both applications and the client,
 * sharing the cores; part scale runs the server and each application in a JVM of its own, to weigh each heap.
 * No figure here is asserted; the goals are evaluated and printed, met or not.
 */
public final class Benchmarks {

    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        quietLogging();
        BenchOptions options = BenchOptions.parse(args);
        Report report = new Report(options.quietSeconds());
        String out = options.out().isBlank() ? defaultOut() : options.out();
        report.line("## Run of %s", ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
                .line("")
                .line("Machine: %d cores, %s %s, max heap %d MB, %s", Runtime.getRuntime().availableProcessors(),
                        System.getProperty("java.vm.name"), System.getProperty("java.version"),
                        Runtime.getRuntime().maxMemory() / (1024 * 1024), System.getProperty("os.name") + " "
                                + System.getProperty("os.arch"))
                .line("Settings: %s", options)
                .line("JVM arguments: %s", ManagementFactory.getRuntimeMXBean().getInputArguments())
                .line("");
        report.progress("settings: %s", options);

        List<WriteBench.Result> writes = new ArrayList<>();
        if (options.runs("write")) {
            for (BenchStore.Backend backend : options.writeBackends()) {
                writes.add(new WriteBench(options, report).run(backend));
            }
            writeTables(report, options, writes);
        }
        List<AsOfBench.Result> asOfs = new ArrayList<>();
        if (options.runs("asof")) {
            for (BenchStore.Backend backend : options.asOfBackends()) {
                asOfs.addAll(new AsOfBench(options, report).run(backend));
            }
            asOfTables(report, asOfs);
        }
        if (options.runs("stream")) {
            FeedBench.Result feed = new FeedBench(options, report).run();
            FollowBench.Result follow = new FollowBench(options, report).run();
            streamTables(report, feed, follow);
        }
        if (options.runs("scale")) {
            ScaleTables.write(report, new ScaleBench(options, report).run());
        }
        report.loadTable();
        report.line("Total benchmark time: %.0f s", report.elapsedSeconds());
        System.out.println();
        System.out.println(report.tables());
        report.writeTo(out);
        // Axon's timeout janitor is a static executor with a non-daemon thread that outlives every application
        // context: without this, exec:java (which joins non-daemon threads) and a plain java run never end.
        org.axonframework.messaging.timeout.AxonTaskJanitor.INSTANCE.shutdownNow();
    }

    /**
     * Until the first application configures logging, Logback's default logs everything at DEBUG to the console,
     * the MongoDB driver's every command included: measured that way, raw inserts ran several times slower.
     */
    private static void quietLogging() {
        if (org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)
                instanceof ch.qos.logback.classic.Logger root) {
            root.setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }

    private static String defaultOut() {
        try {
            // system-tests/target/test-classes → system-tests/target/benchmark-results.md
            java.nio.file.Path classes = java.nio.file.Path.of(Benchmarks.class.getProtectionDomain().getCodeSource()
                    .getLocation().toURI());
            return classes.resolveSibling("benchmark-results.md").toString();
        } catch (Exception e) {
            return "benchmark-results.md";
        }
    }

    private static void writeTables(Report report, BenchOptions options, List<WriteBench.Result> results) {
        report.line("### Writes and replay (issue 2)").line("");
        report.line("Raw inserts are measured in rounds before the commands and again after the replay; ratios use "
                + "the best round at the same number of threads (the server's ceiling, so ratios are conservative).")
                .line("");
        report.line("| backend | run | threads | count | seconds | per second | ratio to raw insertOne (same threads)"
                + " | ratio to raw insertOne (1 thread) |");
        report.line("|---|---|---:|---:|---:|---:|---:|---:|");
        for (WriteBench.Result r : results) {
            double raw1 = r.rawRate(1);
            for (int threads : options.threads()) {
                List<WriteBench.Rate> rounds = r.rounds(threads);
                report.line("| %s | raw driver insertOne, %d B docs: best of %d rounds (before: %s; after: %s docs/s)"
                                + " | %d | %,d | %.2f | %,.0f | 1.00 | %.2f |", r.backend().label, r.rawDocBytes(),
                        rounds.size(), rates(r.rawBefore(), threads), rates(r.rawAfter(), threads), threads,
                        r.events(), r.events() / r.rawRate(threads), r.rawRate(threads), r.rawRate(threads) / raw1);
            }
            for (WriteBench.Rate rate : r.commands()) {
                report.line("| %s | commands via gateway, events avg %.0f B, %,d plan loads from the store | %d | %,d "
                                + "| %.2f | %,.0f | **%.3f** | %.3f |", r.backend().label, r.eventDocBytes(),
                        rate.planLoads(), rate.threads(), rate.count(),
                        rate.seconds(), rate.perSecond(), rate.perSecond() / r.rawRate(rate.threads()),
                        rate.perSecond() / raw1);
            }
            if (!r.replaySeconds().isEmpty()) {
                report.line("| %s | replay into views %s (median of %d runs: %s s) | 1 per processor | %,d | "
                                + "%.2f | %,.0f | – | **%.3f** |", r.backend().label, r.processors(),
                        r.replaySeconds().size(), format(r.replaySeconds()), r.replayedEvents(),
                        r.replayedEvents() / r.replayRate(), r.replayRate(), r.replayRate() / raw1);
            }
            r.processorSeconds().forEach((name, seconds) -> report.line("| %s | … of which processor %s alone "
                            + "(runs: %s s) | 1 | %,d | %.2f | %,.0f | – | %.3f |", r.backend().label, name,
                    format(seconds), r.replayedEvents(), median(seconds), r.replayedEvents() / median(seconds),
                    r.replayedEvents() / median(seconds) / raw1));
            if (r.coldStartSeconds() > 0) {
                report.line("| %s | query side start-up + catch-up (cold) | 1 per processor | %,d | %.2f | %,.0f | "
                                + "– | %.3f |", r.backend().label, r.replayedEvents(), r.coldStartSeconds(),
                        r.replayedEvents() / r.coldStartSeconds(), r.replayedEvents() / r.coldStartSeconds() / raw1);
            }
        }
        report.line("");
        for (WriteBench.Result r : results) {
            if (!r.replaySeconds().isEmpty()) {
                double replay = r.replayRate() / r.rawRate(1);
                report.line("- %s: replay = **%.1f %%** of raw insertOne with 1 thread (goal ≥ 25 %%: %s)",
                        r.backend().label, 100 * replay, replay >= 0.25 ? "met" : "NOT met");
            }
            for (WriteBench.Rate rate : r.commands()) {
                double ratio = rate.perSecond() / r.rawRate(rate.threads());
                report.line("- %s: cached commands, %d thread(s) = **%.1f %%** of raw insertOne with %d thread(s)"
                                + " (goal ≥ 15 %%: %s)", r.backend().label, rate.threads(), 100 * ratio,
                        rate.threads(), ratio >= 0.15 ? "met" : "NOT met");
            }
            if (r.bytesOnDisk() > 0) {
                report.line("- %s: store file %,d MB after the run", r.backend().label, r.bytesOnDisk() >> 20);
            }
        }
        report.line("");
    }

    private static void asOfTables(Report report, List<AsOfBench.Result> results) {
        report.line("### Plan as of a date (issue 5)").line("");
        report.line("Latency of `GET /api/plans/%s?asOf=D` (asOf rotating over %s), by the view as shipped and by a "
                + "second query side keeping no decoded view document in memory, against the same targets computed "
                + "by replaying the plan's events read by key, and by scanning the whole event stream; (n) is how "
                + "many calls were measured. Speed-ups are the baseline's p50 over the view's.", Scenario.SHENZHEN,
                AsOfBench.DATES).line("");
        for (AsOfBench.Result r : results) {
            String label = r.backend().label + ", " + r.growth().label;
            report.line("#### %s", label).line("");
            report.line("%s backend. The store grows with %s. Before it grows, %s holds %d events (%d from the "
                            + "import, %d adjustment commands).", r.backend().label, r.growth().meaning,
                    Scenario.SHENZHEN, r.importedEvents() + r.historyEvents(), r.importedEvents(),
                    r.historyEvents()).line("");
            report.line("| events in store | plan's events | view p50 / p99 ms (n) | view keeping nothing p50 / p99 ms "
                    + "(n) | HTTP floor (404) p50 / p99 ms | replay by key p50 / p99 ms (n) | scan p50 / p99 ms (n) "
                    + "| speed-up vs replay by key | speed-up vs scan | answer KB | growth written s | views caught "
                    + "up s |");
            report.line("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            for (AsOfBench.SizeResult s : r.sizes()) {
                AsOfBench.ViewResult view = s.view();
                report.line("| %,d | %,d | %s | %s | %.2f / %.2f | %.2f / %.2f (%d) | %.1f / %.1f (%d) | **%.2f×** | "
                                + "**%.1f×** | %s | %.1f | %.1f |",
                        s.eventsInStore(), s.planEvents(), cell(view, true), cell(s.viewKeepingNothing(), false),
                        s.httpFloor().p50(), s.httpFloor().p99(), s.byKey().p50(), s.byKey().p99(), s.byKey().count(),
                        s.byScan().p50(), s.byScan().p99(), s.byScan().count(),
                        s.byKey().p50() / view.latencies().p50(), s.byScan().p50() / view.latencies().p50(),
                        view.answered() ? String.format(Locale.ROOT, "%,d–%,d", view.minResponseBytes() / 1024,
                                view.maxResponseBytes() / 1024) : "–", s.growSeconds(), s.catchUpSeconds());
            }
            report.line("");
            AsOfBench.SizeResult first = r.sizes().get(0);
            AsOfBench.SizeResult last = r.sizes().get(r.sizes().size() - 1);
            // Where a view did not answer its p50 is NaN, and NaN compares false: not met.
            double growth = last.view().latencies().p50() / first.view().latencies().p50();
            double growthKeepingNothing = last.viewKeepingNothing().latencies().p50()
                    / first.viewKeepingNothing().latencies().p50();
            report.line("- %s: view p50 at %,d / p50 at %,d = **%.2f** (goal ≤ 1.5: %s); keeping nothing in "
                            + "memory: %.2f (%s)", label, last.eventsInStore(), first.eventsInStore(), growth,
                    growth <= 1.5 ? "met" : "NOT met", growthKeepingNothing, growthKeepingNothing <= 1.5 ? "≤ 1.5"
                            : "> 1.5");
            for (AsOfBench.SizeResult s : r.sizes()) {
                double byKey = s.byKey().p50() / s.view().latencies().p50();
                double byScan = s.byScan().p50() / s.view().latencies().p50();
                double keepingNothing = s.byKey().p50() / s.viewKeepingNothing().latencies().p50();
                report.line("- %s, %,d events (plan: %,d): view vs full replay of the plan's events by key "
                                + "**%.2f×** (goal ≥ 50×: %s); keeping nothing in memory %.2f×; vs scan of the "
                                + "whole stream **%.1f×** (%s)", label, s.eventsInStore(), s.planEvents(), byKey,
                        byKey >= 50 ? "met" : "NOT met", keepingNothing, byScan, byScan >= 50 ? "≥ 50×" : "< 50×");
                for (AsOfBench.ViewResult failed : List.of(s.view(), s.viewKeepingNothing())) {
                    if (!failed.answered()) {
                        report.line("  - %s: a query side did **not answer**: %s", label, failed.failure());
                    }
                }
            }
            report.line("");
        }
    }

    private static void streamTables(Report report, FeedBench.Result feed, FollowBench.Result follow) {
        report.line("### Event stream (issue 10)").line("");
        report.line("Whole store read from position 0 to the head, in pages of %,d: by the raw driver (`_id $in` of "
                + "consecutive numbers, documents not decoded), by `EventPages.after` in process (decoded and "
                + "upcast: what the feed reads), and through `GET /api/events` over HTTP (following "
                + "`Stream-Position`, answers counted, not parsed). Filtered: `?plan=%s` (1 %% of the events, spread "
                + "over the whole store; pages of %d) and `?type=%s` (~0.9 %% of the events; pages of %,d). Seconds: "
                + "median of the reads (each listed). Every request sends HTTP Basic; a successful sign-in is "
                + "remembered for five minutes (module `sign-in`), so the password hash (BCrypt, %.1f ms in this "
                + "JVM) is paid once, not per page.", feed.pageSize(),
                feed.plan(), feed.planPageSize(), feed.type(), feed.pageSize(), feed.signInMs()).line("");
        report.line("| events in store | read | events delivered | requests / look-ups | seconds (reads) | events/s | "
                + "ms per request | ratio to raw | ratio to EventPages |");
        report.line("|---:|---|---:|---:|---:|---:|---:|---:|---:|");
        for (FeedBench.SizeResult s : feed.sizes()) {
            for (FeedBench.Read r : List.of(s.raw(), s.pages(), s.feed(), s.plan(), s.type())) {
                report.line("| %,d | %s | %,d | %,d | %.3f (%s) | %,.0f | %.2f | %s | %s |", s.eventsInStore(),
                        r.path(), r.events(), r.pages(), r.median(), format(r.seconds()), r.perSecond(),
                        r.msPerPage(), r == s.feed() ? String.format(Locale.ROOT, "**%.3f**",
                                r.perSecond() / s.raw().perSecond()) : "–",
                        r == s.feed() ? String.format(Locale.ROOT, "%.3f", r.perSecond() / s.pages().perSecond())
                                : "–");
            }
        }
        report.line("");
        for (FeedBench.SizeResult s : feed.sizes()) {
            double ratio = s.feed().perSecond() / s.raw().perSecond();
            report.line("- %,d events: feed = **%.1f %%** of the raw in-process read by key (goal ≥ 50 %%: %s); "
                            + "%.1f %% of `EventPages.after` in process", s.eventsInStore(), 100 * ratio,
                    ratio >= 0.5 ? "met" : "NOT met", 100 * s.feed().perSecond() / s.pages().perSecond());
        }
        if (feed.sizes().size() > 1) {
            FeedBench.SizeResult first = feed.sizes().get(0);
            FeedBench.SizeResult last = feed.sizes().get(feed.sizes().size() - 1);
            double plan = last.plan().msPerPage() / first.plan().msPerPage();
            double all = last.feed().msPerPage() / first.feed().msPerPage();
            double type = last.type().msPerPage() / first.type().msPerPage();
            double typePerPosition = (last.type().median() / last.eventsInStore())
                    / (first.type().median() / first.eventsInStore());
            report.line("- flat = time per request at %,d events ≤ 1.5 × at %,d: whole stream %.2f (%s); "
                            + "`?plan=` **%.2f** (%s); `?type=` %.2f (%s; a bounded scan by design: per position "
                            + "examined %.2f)", last.eventsInStore(), first.eventsInStore(), all,
                    all <= 1.5 ? "flat" : "NOT flat", plan, plan <= 1.5 ? "flat" : "NOT flat", type,
                    type <= 1.5 ? "flat" : "NOT flat", typePerPosition);
        }
        report.line("");

        report.line("Follow latency: milestones set over HTTP, each sent at its due time (4 client threads) at "
                + "%.1f commands/s as achieved; latency from "
                + "the command side's 201 answer to the end of the event's SSE frame at each follower (matched by "
                + "`id:` = `globalSequence`), over every command and every follower. Stream poll interval: %s.",
                follow.phases().isEmpty() ? 0 : follow.phases().get(0).commands()
                        / follow.phases().get(0).seconds(), follow.pollInterval(), follow.retries()).line("");
        report.line("| followers | commands | seconds | samples | p50 ms | p99 ms | max ms | missing |");
        report.line("|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (FollowBench.Phase p : follow.phases()) {
            report.line("| %d | %,d | %.1f | %,d | %.1f | **%.1f** | %.1f | %,d |", p.followers(), p.commands(),
                    p.seconds(), p.latencies().count(), p.latencies().p50(), p.latencies().p99(),
                    p.latencies().maxMs(), p.missing());
        }
        report.line("");
        report.line("Command rate over HTTP (milestones, %d client threads, each on its own plans), as fast as they "
                + "go, alternately with no follower and with every follower connected; each run with them against the mean of "
                + "the runs without just before and after it.",
                follow.rates().isEmpty() ? 0 : follow.rates().get(0).threads()).line("");
        report.line("| run | followers | threads | commands | seconds | commands/s | ratio to the runs without "
                + "before and after |");
        report.line("|---|---:|---:|---:|---:|---:|---:|");
        for (int i = 0; i < follow.rates().size(); i++) {
            FollowBench.Rate r = follow.rates().get(i);
            double ratio = follow.ratioToNeighbours(i);
            report.line("| %s | %d | %d | %,d | %.1f | %,.0f | %s |", r.label(), r.followers(), r.threads(),
                    r.commands(), r.seconds(), r.perSecond(),
                    Double.isNaN(ratio) ? "–" : String.format(Locale.ROOT, "**%.3f**", ratio));
        }
        report.line("");
        for (FollowBench.Phase p : follow.phases()) {
            double p99 = p.latencies().p99();
            report.line("- %d follower(s): p50 %.1f ms, p99 **%.1f ms** (goal ≤ 1,000 ms with 100 followers: %s)%s",
                    p.followers(), p.latencies().p50(), p99, p99 <= 1000 && p.missing() == 0 ? "met" : "NOT met",
                    p.missing() > 0 ? String.format(Locale.ROOT, "; %,d never arrived", p.missing()) : "");
        }
        double ratio = follow.medianRatio();
        if (!Double.isNaN(ratio)) {
            report.line("- command rate with followers = **%.1f %%** of the rate without (median over the runs with "
                    + "followers, each against the mean of the runs without just before and after it; goal ≥ 90 %%: "
                    + "%s)", 100 * ratio, ratio >= 0.9 ? "met" : "NOT met");
        }
        report.line("");
    }

    /** A view's p50 / p99 (n), the shipped view's p50 in bold; or that it did not answer. */
    private static String cell(AsOfBench.ViewResult view, boolean bold) {
        if (!view.answered()) {
            return "did not answer";
        }
        Latencies l = view.latencies();
        return String.format(Locale.ROOT, bold ? "**%.2f** / %.2f (%d)" : "%.2f / %.2f (%d)", l.p50(), l.p99(),
                l.count());
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String rates(List<WriteBench.Rate> rates, int threads) {
        return String.join(", ", rates.stream().filter(r -> r.threads() == threads)
                .map(r -> String.format(java.util.Locale.ROOT, "%,.0f", r.perSecond())).toList());
    }

    private static String format(List<Double> seconds) {
        return String.join(", ", seconds.stream().map(s -> String.format(java.util.Locale.ROOT, "%.2f", s))
                .toList());
    }
}
