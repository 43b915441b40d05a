package org.planregistry.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The benchmark's settings: system properties {@code -Dbench.NAME=VALUE} (Maven passes them through to
 * {@code exec:java}) or {@code NAME=VALUE} program arguments, which win. Defaults finish in well under 15 minutes on
 * two cores.
 */
record BenchOptions(List<String> parts, int events, int h2Events, List<Integer> threads, int plans,
                    int warmupCommands, double warmupSeconds, int rawRounds, int h2RawRounds, int replayRuns,
                    int h2ReplayRuns, List<BenchStore.Backend> writeBackends, List<BenchStore.Backend> asOfBackends,
                    List<AsOfGrowth> asOfGrowth, List<Integer> sizes, int history, int requests, int httpWarmup,
                    int replayReps, int replayWarmup, double measureSeconds, int scanReps, double scanSeconds,
                    List<Integer> feedSizes, int feedPage, int feedReads, double streamRate, double streamSeconds,
                    List<Integer> streamFollowers, int streamThreads, double streamRateSeconds,
                    ScaleOptions scale, double quietSeconds, String out) {

    /** The parts there are; {@code scale} is left out of the default set for its length. */
    static final List<String> PARTS = List.of("write", "asof", "stream", "scale");

    static final String USAGE = """
            Plan Registry benchmarks. Settings (-Dbench.NAME=VALUE, or NAME=VALUE as program arguments):
              parts=write,asof,stream   which benchmarks to run: write, asof, stream, scale (scale is not in the
                                        default set: with its defaults it takes about 30 minutes on two cores)
              events=10000              events per command run, and documents per raw insert run
              h2.events=<events>        the same on the durable H2 backend
              threads=1,4               concurrency levels of the raw insert and command runs
              plans=50                  plans (aggregates) the command runs spread over, round robin
              warmup=5000               at least this many warm-up commands (on a separate database)
              warmup.seconds=20         warm-ups (raw inserts, commands, each query kind at the first size) run
                                        until the JIT has settled: at least 1/4 (commands 1/2) of this, at most
                                        3 times this (raw inserts: 1 times)
              raw.rounds=3              raw insert rounds before the commands, and again after the replay
              h2.raw.rounds=1           the same on the durable H2 backend
              quiet.seconds=30          before each measurement, wait up to this long for other processes to idle
              replay.runs=3             resets-and-replays of the query side's processors (median reported)
              h2.replay.runs=1          the same on the durable H2 backend (0: no query side there at all)
              write.backends=memory,h2  backends of the write benchmark (memory, h2)
              asof.backends=memory      backends of the as-of benchmark
              asof.growth=store,plan    how the as-of store grows to each size: "store", with other plans'
                                        events (the queried plan keeps its history); "plan", with the queried
                                        plan's own adjustments (its history is most of the store)
              sizes=1000,10000,100000   events in the store at which as-of latency is measured
              history=300               adjustment commands on the queried Shenzhen plan
              requests=300              measured as-of HTTP requests per size (after http.warmup=200)
              replay.reps=100           measured replay-by-key baselines per size (after replay.warmup=20)
              measure.seconds=30        each series of requests or replays stops once this long was spent
                                        measuring (at least 3 measured), its warm-up after a third of it
                                        (except the first size's, which runs until the JIT has settled)
              scan.reps=20              at most this many whole-stream scans per size...
              scan.seconds=15           ...or fewer once this many seconds are spent (at least 3)
              feed.sizes=10000,100000   events in the store at which GET /api/events is read from 0 to the head
              feed.page=1000            events per page (limit=) of the feed and per _id $in look-up of the
                                        in-process baselines
              feed.reads=3              whole-store reads per path and size (median reported), after a warm-up
              stream.rate=20            commands per second (over HTTP, each at its due time, 4 client threads)
                                        while follow latency is measured...
              stream.seconds=20         ...for this long, with each number of followers
              stream.followers=1,100    SSE followers connected while latency is measured (the last number also
                                        while the command rate is measured)
              stream.threads=4          client threads of the command rate runs (with and without followers)
              stream.rate.seconds=15    how long each command rate run lasts
              scale.sizes=1000,20000,1000000
                                        events in the store at which part scale measures: one store (memory
                                        backend, in a process of its own) grown through them in turn with filler
                                        plans of 100 events, one append each
              scale.replay.from=20000   from this size on, every view is also replayed (POST
                                        /api/admin/views/rebuild) and the query side's heap weighed after it
              scale.replay.runs=3       replays per size at most (median), fewer once 60 s were spent (at least 1)
              scale.raw.docs=20000      documents per raw insertMany measurement, in batches of 100 (the growth's
                                        events per append), sized like the filler plans' events
              scale.commands=200        commands over HTTP at each size before the command side's heap is weighed
              scale.feed.last=0         GET /api/events reads the last this many events at each size (0: all, from
                                        position 0 to the head)
              scale.store.heap=14g      -Xmx of the store's process: in memory, the whole store is in its heap
                                        (events, views and indexes: ~8.5 KB per event at 30k events, so ~9 GB at
                                        1M; give 4 GB more than that for the collector)
              scale.query.heap=2g       -Xmx of the query side's process (room for its heap to grow, if it does)
              scale.command.heap=1g     -Xmx of the command side's process
              scale.disk=true           also fill a durable (H2 file) store to the largest size and weigh it on disk
              scale.store=memory        the measured store: memory (everything in the store process's heap) or
                                        durable (the H2 file backend of the embedded default; for a million events
                                        on a machine with less than ~24 GB of memory for the store's heap)
                                        (part scale also uses requests, http.warmup, measure.seconds,
                                        warmup.seconds, history, feed.page and feed.reads)
              out=<file>                also write the result tables here (markdown)
            """;

    static BenchOptions parse(String[] args) {
        Map<String, String> given = new java.util.HashMap<>();
        System.getProperties().forEach((k, v) -> {
            if (k.toString().startsWith("bench.")) {
                given.put(k.toString().substring("bench.".length()), v.toString());
            }
        });
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h")) {
                System.out.println(USAGE);
                System.exit(0);
            }
            int eq = arg.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("not NAME=VALUE: " + arg + "\n" + USAGE);
            }
            given.put(arg.substring(0, eq).replaceFirst("^-*(bench\\.)?", ""), arg.substring(eq + 1));
        }
        Settings s = new Settings(given);
        int events = s.integer("events", 10_000);
        BenchOptions options = new BenchOptions(s.list("parts", "write,asof,stream", Function.identity()), events,
                s.integer("h2.events", events), s.list("threads", "1,4", BenchOptions::count), s.integer("plans", 50),
                s.integer("warmup", 5000), Double.parseDouble(s.text("warmup.seconds", "20")),
                s.integer("raw.rounds", 3), s.integer("h2.raw.rounds", 1),
                s.integer("replay.runs", 3), s.integer("h2.replay.runs", 1),
                s.list("write.backends", "memory,h2", BenchStore.Backend::of),
                s.list("asof.backends", "memory", BenchStore.Backend::of),
                s.list("asof.growth", "store,plan", AsOfGrowth::of),
                s.list("sizes", "1000,10000,100000", BenchOptions::count), s.integer("history", 300),
                s.integer("requests", 300), s.integer("http.warmup", 200), s.integer("replay.reps", 100),
                s.integer("replay.warmup", 20), Double.parseDouble(s.text("measure.seconds", "30")),
                s.integer("scan.reps", 20),
                Double.parseDouble(s.text("scan.seconds", "15")),
                s.list("feed.sizes", "10000,100000", BenchOptions::count), s.integer("feed.page", 1000),
                s.integer("feed.reads", 3), Double.parseDouble(s.text("stream.rate", "20")),
                Double.parseDouble(s.text("stream.seconds", "20")),
                s.list("stream.followers", "1,100", BenchOptions::count), s.integer("stream.threads", 4),
                Double.parseDouble(s.text("stream.rate.seconds", "15")),
                new ScaleOptions(s.list("scale.sizes", "1000,20000,1000000", BenchOptions::count),
                        s.integer("scale.replay.from", 20_000), s.integer("scale.replay.runs", 3),
                        s.integer("scale.raw.docs", 20_000), s.integer("scale.commands", 200),
                        s.integer("scale.feed.last", 0), s.text("scale.store.heap", "14g"),
                        s.text("scale.query.heap", "2g"), s.text("scale.command.heap", "1g"),
                        s.bool("scale.disk", true), durable(s.text("scale.store", "memory"))),
                Double.parseDouble(s.text("quiet.seconds", "30")),
                s.text("out", ""));
        if (!given.isEmpty()) {
            throw new IllegalArgumentException("unknown settings " + given.keySet() + "\n" + USAGE);
        }
        if (!PARTS.containsAll(options.parts())) {
            throw new IllegalArgumentException("unknown parts in " + options.parts() + " (there are " + PARTS + ")");
        }
        return options;
    }

    /** Reads settings and removes each one read, so that misspelt names are reported. */
    private record Settings(Map<String, String> given) {

        String text(String name, String otherwise) {
            String value = given.remove(name);
            return value == null || value.isBlank() ? otherwise : value.trim();
        }

        int integer(String name, int otherwise) {
            return count(text(name, String.valueOf(otherwise)));
        }

        boolean bool(String name, boolean otherwise) {
            String value = text(name, String.valueOf(otherwise)).toLowerCase();
            if (!value.equals("true") && !value.equals("false")) {
                throw new IllegalArgumentException(name + " is true or false, not " + value);
            }
            return Boolean.parseBoolean(value);
        }

        <T> List<T> list(String name, String otherwise, Function<String, T> parse) {
            return Arrays.stream(text(name, otherwise).split(",")).map(String::trim).filter(v -> !v.isEmpty())
                    .map(parse).toList();
        }
    }

    /** A whole number, optionally with underscores or a k/m suffix: {@code 100k}, {@code 100_000}. */
    static int count(String text) {
        String t = text.trim().toLowerCase().replace("_", "");
        int factor = t.endsWith("k") ? 1_000 : t.endsWith("m") ? 1_000_000 : 1;
        return Integer.parseInt(factor == 1 ? t : t.substring(0, t.length() - 1)) * factor;
    }

    /** {@code scale.store}: true for durable, false for memory; anything else is an error. */
    static boolean durable(String store) {
        return switch (store) {
            case "durable" -> true;
            case "memory" -> false;
            default -> throw new IllegalArgumentException("scale.store is memory or durable, not " + store);
        };
    }

    boolean runs(String part) {
        return parts.contains(part);
    }
}
