package org.planregistry.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Part scale's result tables and goals (issue 12), in the style of the other parts'. */
final class ScaleTables {

    /** Heap counts as flat while the query side's at the largest size is at most this times that at the first. */
    static final double FLAT_HEAP = 1.25;

    private ScaleTables() {
    }

    static void write(Report report, ScaleBench.Result r) {
        ScaleOptions o = r.options();
        List<ScaleBench.SizeResult> sizes = r.sizes();
        report.line("### At scale (issue 12)").line("");
        report.line("One store on the %s in a process of its own (-Xmx%s), the command side (-Xmx%s) and "
                + "the query side (-Xmx%s) each in a JVM of its own; the benchmark's JVM appends the growth and is "
                + "every client. The store holds %s (%,d events: the shipped plan imported over HTTP, then its "
                + "adjustment commands over HTTP) and grows with filler plans of %d events, one `appendEvents` each, "
                + "through `MongoEventStorageEngine` (global sequence, keys, hash chain), with no query side running. "
                + "Filler events average %.0f B of BSON; the raw documents are made %d B to match.",
                o.durable() ? "durable backend (H2 file, every acknowledged write committed)" : "memory backend",
                o.storeHeap(),
                o.commandHeap(), o.queryHeap(), Scenario.SHENZHEN, r.shenzhenEvents(), FillerPlans.EVENTS_PER_PLAN,
                r.eventBytes(), r.rawDocBytes()).line("");
        growthTable(report, r);
        queryTable(report, sizes);
        replayTable(report, sizes);
        feedTable(report, sizes);
        heapTable(report, sizes, o);
        if (r.disk() != null) {
            diskTable(report, r.disk());
        }
        goals(report, r);
    }

    private static void growthTable(Report report, ScaleBench.Result r) {
        report.line("Appends of the growth against raw `insertMany` of the same number of documents per call into a "
                + "plain collection of the same server, measured before the growth and right after each (the better "
                + "of the rounds before and after a growth is its baseline); %,d documents per round.",
                r.options().rawDocs()).line("");
        report.line("| events in store | filler plans | events appended | seconds | events/s | raw insertMany docs/s "
                + "(after the growth) | ratio to raw | commands over HTTP | commands/s |");
        report.line("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        report.line("| before the growth | – | – | – | – | %,.0f | – | – | – |", r.rawBefore().perSecond());
        for (int i = 0; i < r.sizes().size(); i++) {
            ScaleBench.SizeResult s = r.sizes().get(i);
            report.line("| %,d | %,d | %,d | %.1f | %,.0f | %,.0f | **%.3f** | %,d | %.0f |", s.events(),
                    s.fillerPlans(), s.growth().count(), s.growth().seconds(), s.growth().perSecond(),
                    s.raw().perSecond(), s.growth().perSecond() / r.rawFor(i).perSecond(), s.commands().count(),
                    s.commands().perSecond());
        }
        report.line("");
    }

    private static void queryTable(Report report, List<ScaleBench.SizeResult> sizes) {
        report.line("A query side is started after each growth (on the views and tokens the last one left) and "
                + "timed until every processor has reached the head. Then `GET /api/plans/%s?asOf=D` (asOf rotating "
                + "over %s) and the HTTP floor (the same for a plan the registry does not hold: 404), each after a "
                + "warm-up until the JIT of both the client and the query side has settled.", Scenario.SHENZHEN,
                AsOfBench.DATES).line("");
        report.line("| events in store | query side live s | live + caught up s | as-of p50 / p99 ms (n) | HTTP floor "
                + "p50 / p99 ms (n) |");
        report.line("|---:|---:|---:|---:|---:|");
        for (ScaleBench.SizeResult s : sizes) {
            report.line("| %,d | %.1f | %.1f | **%.2f** / %.2f (%d) | %.2f / %.2f (%d) |", s.events(),
                    s.queryStartSeconds(), s.catchUpSeconds(), s.asOf().p50(), s.asOf().p99(), s.asOf().count(),
                    s.floor().p50(), s.floor().p99(), s.floor().count());
        }
        report.line("");
        for (ScaleBench.SizeResult s : sizes) {
            s.processorErrors().forEach(error -> report.line("- at %,d events a processor was in error (Axon retried "
                    + "its batch): %s", s.events(), error));
        }
        if (sizes.stream().anyMatch(s -> !s.processorErrors().isEmpty())) {
            report.line("");
        }
    }

    private static void replayTable(Report report, List<ScaleBench.SizeResult> sizes) {
        List<ScaleBench.SizeResult> replayed = sizes.stream().filter(s -> !s.replays().isEmpty()).toList();
        if (replayed.isEmpty()) {
            return;
        }
        ScaleBench.SizeResult first = replayed.get(0);
        report.line("Replay: `POST /api/admin/views/rebuild` (operator) resets every view's tracking processor; each "
                + "view's position in the `processors` health component is polled (every 1 %% of the time so far, at "
                + "least every 50 ms) for the moment it "
                + "reaches the head; \"%s\" is the slowest view of each run. Median of the runs. The raw "
                + "read is the whole store by key "
                + "(`_id $in` of consecutive numbers in batches of the feed's page, documents not decoded), the "
                + "better of a read before the replays and one after the feed.", ScaleBench.ALL_VIEWS).line("");
        report.line("| events in store | processor | seconds (runs) | events/s | raw read by key events/s | ratio to "
                + "raw | rate ÷ rate at %,d |", first.events());
        report.line("|---:|---|---:|---:|---:|---:|---:|");
        Map<String, Double> firstRates = first.replayRates();
        for (ScaleBench.SizeResult s : replayed) {
            Map<String, Double> rates = s.replayRates();
            double raw = s.rawRead().perSecond();
            rates.forEach((processor, rate) -> report.line("| %,d | %s | %s | %,.0f | %,.0f | %.3f | **%.2f** |",
                    s.events(), processor, seconds(s.replays(), processor), rate, raw, rate / raw,
                    rate / firstRates.getOrDefault(processor, Double.NaN)));
        }
        report.line("");
    }

    private static String seconds(List<ProcessorsOverHttp.Replay> replays, String processor) {
        return String.join(", ", replays.stream().map(r -> String.format(Locale.ROOT, "%.2f",
                processor.equals(ScaleBench.ALL_VIEWS) ? r.slowest() : r.seconds().get(processor))).toList());
    }

    private static void feedTable(Report report, List<ScaleBench.SizeResult> sizes) {
        report.line("Feed: `GET /api/events?limit=N` signed in as reader, one client, each request after the last "
                + "answer's `Stream-Position`, answers counted and not parsed; after a warm-up of single pages until "
                + "the JIT has settled. Against the raw read by key of the same range.").line("");
        report.line("| events in store | positions read | requests | seconds (reads) | events/s | MB/s | raw read by "
                + "key events/s | ratio to raw |");
        report.line("|---:|---|---:|---:|---:|---:|---:|---:|");
        for (ScaleBench.SizeResult s : sizes) {
            ScaleBench.Feed f = s.feed();
            double raw = s.rawReadOfFeedRange().perSecond();
            report.line("| %,d | %,d–%,d | %,d | %.2f (%s) | %,.0f | %.1f | %,.0f | **%.3f** |", s.events(),
                    f.from() + 1, f.from() + f.events(), f.requests(), f.median(), format(f.seconds()),
                    f.perSecond(), f.bytes() / f.median() / (1 << 20), raw, f.perSecond() / raw);
        }
        report.line("");
    }

    private static void heapTable(Report report, List<ScaleBench.SizeResult> sizes, ScaleOptions o) {
        report.line("Heap in use right after two full collections (`jcmd PID GC.run`, then `GC.heap_info`), MB: the "
                + "query side after the replays (below %,d events: after catching up), the command side after the "
                + "growth and %d commands on filler plans spread over the store, the store (%s) at the end of each "
                + "size. Committed heap in brackets.", o.replayFrom(), o.commands(), o.durable()
                ? "durable backend: its caches; the events and views are in its file"
                : "memory backend: it holds every event and view").line("");
        report.line("| events in store | query side MB | command side MB | store MB |");
        report.line("|---:|---:|---:|---:|");
        for (ScaleBench.SizeResult s : sizes) {
            report.line("| %,d | **%s** | %s | %s |", s.events(), mb(s.queryHeap()), mb(s.commandHeap()),
                    mb(s.storeHeap()));
        }
        report.line("");
    }

    private static String mb(OtherJvm.Heap heap) {
        return String.format(Locale.ROOT, "%,.0f (%,d)", heap.usedMb(), heap.committedBytes() >> 20);
    }

    private static void diskTable(Report report, DiskFootprint.Result d) {
        report.line("Store on disk: the durable backend (H2 file, every acknowledged write committed before the "
                + "reply) in a process of its own, filled with the same mix, no query side (the event store and the "
                + "command side's collections, not the views). The events' BSON, %,.0f B per event, is what the "
                + "driver received when the memory run read its whole store by key at its largest size.",
                d.bsonPerEvent()).line("");
        report.line("| events in store | bytes on disk | bytes per event | ratio to the events' BSON |");
        report.line("|---:|---:|---:|---:|");
        for (DiskFootprint.Point p : d.points()) {
            report.line("| %,d | %,d | %,.0f | %.2f |", p.events(), p.bytes(), p.bytesPerEvent(),
                    p.bytesPerEvent() / d.bsonPerEvent());
        }
        report.line("| %,d, after a clean stop (%.1f s) | %,d | %,.0f | **%.2f** |", d.afterClose().events(),
                d.closeSeconds(), d.afterClose().bytes(), d.afterClose().bytesPerEvent(),
                d.afterClose().bytesPerEvent() / d.bsonPerEvent());
        report.line("");
        double raw = Throughput.best(d.rawBefore(), d.rawAfter()).perSecond();
        report.line("- durable fill: %,d events in %.1f s, **%,.0f events/s** = %.3f of raw insertMany on the same "
                        + "backend (into an empty store %,.0f, at %,d events %,.0f docs/s; the better is the "
                        + "baseline)",
                d.fill().count(), d.fill().seconds(), d.fill().perSecond(), d.fill().perSecond() / raw,
                d.rawBefore().perSecond(), d.live().events(), d.rawAfter().perSecond());
        report.line("");
    }

    private static void goals(Report report, ScaleBench.Result r) {
        List<ScaleBench.SizeResult> sizes = r.sizes();
        ScaleBench.SizeResult smallest = sizes.get(0);
        ScaleBench.SizeResult largest = sizes.get(sizes.size() - 1);
        double asOf = largest.asOf().p50() / smallest.asOf().p50();
        report.line("- as-of p50 at %,d ÷ p50 at %,d = **%.2f** (goal ≤ 1.5: %s)", largest.events(),
                smallest.events(), asOf, asOf <= 1.5 ? "met" : "NOT met");
        double raw = largest.raw().perSecond() / r.rawBefore().perSecond();
        report.line("- raw insertMany at %,d events ÷ before the growth = %.2f (the server's own inserts into an "
                + "empty collection, with the store full and nearly empty; every round is in the first table)",
                largest.events(), raw);
        List<ScaleBench.SizeResult> replayed = sizes.stream().filter(s -> !s.replays().isEmpty()).toList();
        if (replayed.size() < 2) {
            report.line("- replay and query-side heap against the store's size: not measured (replays at fewer than "
                    + "two sizes)");
        } else {
            ScaleBench.SizeResult first = replayed.get(0);
            ScaleBench.SizeResult last = replayed.get(replayed.size() - 1);
            Map<String, Double> firstRates = first.replayRates();
            last.replayRates().forEach((processor, rate) -> {
                double ratio = rate / firstRates.get(processor);
                report.line("- replay, %s: %,.0f events/s at %,d = **%.1f %%** of %,.0f at %,d (goal ≥ 80 %%: %s)",
                        processor, rate, last.events(), 100 * ratio, firstRates.get(processor), first.events(),
                        ratio >= 0.8 ? "met" : "NOT met");
            });
            double heap = last.queryHeap().usedMb() / first.queryHeap().usedMb();
            report.line("- query side's heap after the replay: %,.0f MB at %,d, %,.0f MB at %,d = **%.2f×** (flat = at "
                            + "most %.2f×: %s)", last.queryHeap().usedMb(), last.events(), first.queryHeap().usedMb(),
                    first.events(), heap, FLAT_HEAP, heap <= FLAT_HEAP ? "met" : "NOT met");
            if (replayed.size() > 2) {
                // The kept documents are a cache with a cap: up to it the heap grows with the plans read, beyond it not.
                ScaleBench.SizeResult before = replayed.get(replayed.size() - 2);
                double step = last.queryHeap().usedMb() / before.queryHeap().usedMb();
                report.line("- query side's heap after the replay: %,.0f MB at %,d, %,.0f MB at %,d = **%.2f×** "
                                + "(flat = at most %.2f×: %s)", last.queryHeap().usedMb(), last.events(),
                        before.queryHeap().usedMb(), before.events(), step, FLAT_HEAP,
                        step <= FLAT_HEAP ? "met" : "NOT met");
            }
        }
        report.line("");
    }

    private static String format(List<Double> seconds) {
        return String.join(", ", seconds.stream().map(s -> String.format(Locale.ROOT, "%.2f", s)).toList());
    }
}
