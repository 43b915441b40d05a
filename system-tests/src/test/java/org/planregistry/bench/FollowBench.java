package org.planregistry.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import org.planregistry.command.plan.PlanCommandGateway;
import org.planregistry.eventstore.MongoEventStorageEngine;
import org.planregistry.system.RegistryApps;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue 10, follow latency: from the command side's {@code 201} answer to a command sent over HTTP (a milestone set
 * on a plan) to the arrival of its event at followers of {@code GET /api/events/stream}, matched by the SSE
 * {@code id:} against the {@code globalSequence} of the answer. Commands go at a steady rate, each at its due time, so
 * that latency is measured below saturation; every follower is a real HTTP connection read on its own thread, and
 * every follower's latency counts. Then the command rate at full speed with the followers connected and with none,
 * because serving followers takes the cores the command side writes with.
 */
final class FollowBench {

    /** Latencies from acknowledgement to arrival, over every (command, follower) pair; missing: never arrived. */
    record Phase(int followers, int commands, double seconds, Latencies latencies, long missing) {
    }

    record Rate(String label, int followers, int threads, int commands, double seconds) {
        double perSecond() {
            return commands / seconds;
        }
    }

    record Result(List<Phase> phases, List<Rate> rates, String pollInterval, int retries) {

        /**
         * The rate of run {@code i} (with followers) against the mean of the runs without followers just before and
         * just after it: the command side keeps getting faster through the runs (the JIT), and a steady drift
         * cancels out between the two neighbours. NaN for a run without followers.
         */
        double ratioToNeighbours(int i) {
            Rate run = rates.get(i);
            if (run.followers() == 0 || i == 0 || i == rates.size() - 1) {
                return Double.NaN;
            }
            return run.perSecond() / ((rates.get(i - 1).perSecond() + rates.get(i + 1).perSecond()) / 2);
        }

        /** The median of {@link #ratioToNeighbours} over the runs with followers. */
        double medianRatio() {
            double[] ratios = IntStream.range(0, rates.size()).mapToDouble(this::ratioToNeighbours)
                    .filter(r -> !Double.isNaN(r)).sorted().toArray();
            if (ratios.length == 0) {
                return Double.NaN;
            }
            int middle = ratios.length / 2;
            return ratios.length % 2 == 1 ? ratios[middle] : (ratios[middle - 1] + ratios[middle]) / 2;
        }
    }

    private static final int PLANS = 8;
    /** Runs with followers in the command-rate comparison, each between two runs without. */
    private static final int RATE_ROUNDS = 3;
    private static final Pattern GLOBAL_SEQUENCE = Pattern.compile("\"globalSequence\"\\s*:\\s*(\\d+)");

    private final BenchOptions options;
    private final Report report;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(60)).build();
    private final String registrar = basic("registrar", RegistryApps.REGISTRAR_PASSWORD);
    private final java.util.concurrent.atomic.AtomicInteger retries = new java.util.concurrent.atomic.AtomicInteger();
    private String commandSide;
    private String stream;

    FollowBench(BenchOptions options, Report report) {
        this.options = options;
        this.report = report;
    }

    Result run() throws Exception {
        report.progress("[stream] follow benchmark: followers %s, %.0f commands/s for %.0f s; command rate with %d "
                        + "thread(s) for %.0f s", options.streamFollowers(), options.streamRate(),
                options.streamSeconds(), options.streamThreads(), options.streamRateSeconds());
        try (BenchStore store = BenchStore.start(BenchStore.Backend.MEMORY)) {
            ConfigurableApplicationContext command = BenchApps.commandSide(store.uri("follow"));
            ConfigurableApplicationContext query = BenchApps.querySide(store.uri("follow"));
            List<Follower> followers = new ArrayList<>();
            try {
                PlanCommandGateway gateway = command.getBean(PlanCommandGateway.class);
                MongoEventStorageEngine engine = command.getBean(MongoEventStorageEngine.class);
                commandSide = BenchApps.baseUrl(command);
                stream = BenchApps.baseUrl(query) + "/api/events/stream";
                for (int p = 0; p < PLANS; p++) {
                    for (int j = 0; j <= Scenario.INDICATORS_PER_PLAN; j++) {
                        gateway.send(Scenario.benchCommand(plan(p), j), null, null);
                    }
                }
                // Warm-up: commands over HTTP until the JIT settles, with a few followers so that the stream's
                // write path is compiled too.
                connect(followers, 10, engine.lastAllocatedSequence());
                int[] n = {0};
                report.progress("[stream] HTTP commands warmed up: %s", Warmup.run(100, options.warmupSeconds() / 2,
                        options.warmupSeconds() * 1.5, i -> milestone(i % PLANS, n[0]++)));
                closeAll(followers);

                List<Phase> phases = new ArrayList<>();
                List<Rate> rates = new ArrayList<>();
                int threads = options.streamThreads();
                rates.add(rate("no follower (before)", List.of(), threads, n));
                for (int count : options.streamFollowers()) {
                    connect(followers, count - followers.size(), engine.lastAllocatedSequence());
                    sync(followers, n);
                    phases.add(latencies(followers, n));
                }
                if (!followers.isEmpty()) {
                    rates.add(rate(followers.size() + " followers (1)", followers, threads, n));
                }
                closeAll(followers);
                rates.add(rate("no follower (after 1)", List.of(), threads, n));
                // The command side is still getting faster (the JIT): runs with and without followers alternate, and
                // each run with them is compared with its two neighbours without (Result.ratioToNeighbours).
                List<Integer> counts = options.streamFollowers();
                int count = counts.isEmpty() ? 0 : counts.get(counts.size() - 1);
                for (int round = 2; count > 0 && round <= RATE_ROUNDS; round++) {
                    connect(followers, count, engine.lastAllocatedSequence());
                    sync(followers, n);
                    rates.add(rate(followers.size() + " followers (" + round + ")", followers, threads, n));
                    closeAll(followers);
                    rates.add(rate("no follower (after " + round + ")", List.of(), threads, n));
                }
                return new Result(phases, rates, query.getEnvironment()
                        .getProperty("registry.events.stream.poll-interval", "100ms"), retries.get());
            } finally {
                closeAll(followers);
                query.close();
                command.close();
            }
        }
    }

    /**
     * Commands at a steady rate, each sent at its due time by one of a few client threads (so that one slow answer
     * does not delay the next command); then every follower's latency for every command.
     */
    private Phase latencies(List<Follower> followers, int[] n) throws Exception {
        int commands = (int) Math.round(options.streamRate() * options.streamSeconds());
        Map<Long, Long> acknowledged = new ConcurrentHashMap<>();
        followers.forEach(f -> f.recording = true);
        Report.Stage stage = report.stage(String.format("stream: follow latency, %d follower(s), %.0f commands/s",
                followers.size(), options.streamRate()));
        ScheduledExecutorService senders = Executors.newScheduledThreadPool(4);
        int first = n[0];
        long start = System.nanoTime();
        List<ScheduledFuture<Long>> sent = new ArrayList<>();
        for (int i = 0; i < commands; i++) {
            int index = i;
            sent.add(senders.schedule(() -> {
                long sequence = milestone(index % PLANS, first + index);
                acknowledged.put(sequence, System.nanoTime());
                return sequence;
            }, (long) (i * 1e9 / options.streamRate()), TimeUnit.NANOSECONDS));
        }
        long last = 0;
        for (ScheduledFuture<Long> f : sent) {
            last = Math.max(last, f.get());
        }
        senders.shutdown();
        n[0] = first + commands;
        double seconds = (System.nanoTime() - start) / 1e9;
        awaitAll(followers, last, Duration.ofSeconds(30));
        stage.end();
        Latencies latencies = new Latencies(commands * followers.size());
        long missing = 0;
        for (Follower follower : followers) {
            follower.recording = false;
            for (Map.Entry<Long, Long> ack : acknowledged.entrySet()) {
                Long arrived = follower.arrivals.get(ack.getKey());
                if (arrived == null) {
                    missing++;
                } else {
                    latencies.add(arrived - ack.getValue());
                }
            }
            follower.arrivals.clear();
        }
        report.progress("[stream] %d follower(s), %d commands in %.1f s: p50 %.1f ms, p99 %.1f ms, max %.1f ms, "
                        + "%d missing", followers.size(), commands, seconds, latencies.p50(), latencies.p99(),
                latencies.maxMs(), missing);
        return new Phase(followers.size(), commands, seconds, latencies, missing);
    }

    /** Commands as fast as {@code threads} clients can send them, for the set time, each thread on its own plans. */
    private Rate rate(String label, List<Follower> followers, int threads, int[] n) throws Exception {
        Report.Stage stage = report.stage("stream: command rate, " + label + ", " + threads + " thread(s)");
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        int first = n[0];
        try {
            long start = System.nanoTime();
            long end = start + (long) (options.streamRateSeconds() * 1e9);
            List<Future<long[]>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    long count = 0;
                    long last = 0;
                    int i = thread;
                    for (; System.nanoTime() < end; i += threads) {
                        last = Math.max(last, milestone(i % PLANS, first + i));
                        count++;
                    }
                    return new long[] {count, last, first + i};
                }));
            }
            int count = 0;
            long last = 0;
            long next = first;
            for (Future<long[]> f : done) {
                count += (int) f.get()[0];
                last = Math.max(last, f.get()[1]);
                next = Math.max(next, f.get()[2]);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            stage.end();
            n[0] = (int) next; // the next command's values differ from every earlier one's
            if (!followers.isEmpty()) {
                awaitAll(followers, last, Duration.ofSeconds(60));
            }
            Rate rate = new Rate(label, followers.size(), threads, count, seconds);
            report.progress("[stream] command rate, %s: %,d commands in %.1f s = %,.0f/s", label, count, seconds,
                    rate.perSecond());
            return rate;
        } finally {
            pool.shutdown();
        }
    }

    private static String plan(int p) {
        return Scenario.planCode("FOLLOW", p);
    }

    /** {@code POST /api/plans/{plan}/indicators/{code}/milestones}; returns the event's global sequence. */
    private long milestone(int plan, int n) {
        for (int attempt = 1; ; attempt++) {
            try {
                return send(plan, n);
            } catch (java.io.UncheckedIOException e) {
                // Seen under heavy load: a refused or closed connection to the local server; the command was not
                // answered, so it is sent again (a repeat of an applied one would be a new event, and counted).
                if (attempt == 5) {
                    throw e;
                }
                retries.incrementAndGet();
            }
        }
    }

    private long send(int plan, int n) {
        String body = String.format("{\"year\":%d,\"value\":%d,\"effectiveFrom\":\"%s\",\"reason\":\"基准：年度分解\","
                        + "\"decisionRef\":\"FOLLOW-%d\"}", 2021 + (n / PLANS) % 5, 100 + n,
                LocalDate.of(2021, 1, 1).plusDays((n * 7L) % 1800), n);
        String url = commandSide + "/api/plans/" + plan(plan) + "/indicators/"
                + String.format("I%02d", (n / PLANS) % Scenario.INDICATORS_PER_PLAN + 1) + "/milestones";
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/json").header("Authorization", registrar)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            Matcher sequence = GLOBAL_SEQUENCE.matcher(answer.body());
            if (answer.statusCode() != 201 || !sequence.find()) {
                throw new IllegalStateException(url + " answered " + answer.statusCode() + ": " + answer.body());
            }
            return Long.parseLong(sequence.group(1));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void connect(List<Follower> followers, int more, long after) throws IOException {
        report.progress("[stream] connecting %d more follower(s)", more);
        for (int i = 0; i < more; i++) {
            followers.add(new Follower(stream + "?after=" + after, followers.size()));
        }
    }

    /** One command that every follower must receive before anything is measured: all of them are live. */
    private void sync(List<Follower> followers, int[] n) throws InterruptedException {
        awaitAll(followers, milestone(0, n[0]++), Duration.ofSeconds(60));
    }

    private static void awaitAll(List<Follower> followers, long sequence, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Follower follower : followers) {
            while (follower.last < sequence && System.nanoTime() < deadline && !follower.ended) {
                Thread.sleep(5);
            }
        }
    }

    /** Closes every follower and waits (up to a heartbeat and a bit) until their connections have ended. */
    private static void closeAll(List<Follower> followers) throws InterruptedException {
        followers.forEach(Follower::close);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        for (Follower follower : followers) {
            while (!follower.ended && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        }
        followers.clear();
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
    }

    /**
     * One follower: a real HTTP connection, read on a thread of its own, noting when each event has fully arrived
     * (the blank line that ends it), by its {@code id}. Lines end with a line feed only: the server writes no
     * carriage returns.
     */
    private static final class Follower {
        final Map<Long, Long> arrivals = new ConcurrentHashMap<>();
        volatile boolean recording;
        volatile long last;
        volatile boolean ended;
        private final HttpURLConnection connection;

        /**
         * Connects on the follower's own thread: the stream answers its headers only with the first event or
         * heartbeat (up to 15 s for a follower at the head), so a connection opened here would block the caller.
         */
        Follower(String url, int number) throws IOException {
            connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
            connection.setRequestProperty("Accept", "text/event-stream");
            connection.setRequestProperty("Authorization", basic("reader", BenchApps.READER_PASSWORD));
            connection.setReadTimeout(120_000);
            Thread reader = new Thread(this::read, "bench-follower-" + number);
            reader.setDaemon(true);
            reader.start();
        }

        private void read() {
            try {
                if (connection.getResponseCode() != 200) {
                    throw new IOException("answered " + connection.getResponseCode());
                }
            } catch (IOException e) {
                System.err.println("follower not connected: " + e);
                ended = true;
                return;
            }
            // The stream is scanned as bytes: only the id: lines are read, the data is not decoded. A real follower
            // parses each CloudEvent on its own machine; here that work would be charged to the server's two cores.
            try (InputStream in = connection.getInputStream()) {
                byte[] buffer = new byte[64 * 1024];
                byte[] line = new byte[32];
                int lineLength = 0;
                long id = -1;
                int read;
                while ((read = in.read(buffer)) > 0) {
                    for (int i = 0; i < read; i++) {
                        byte b = buffer[i];
                        if (b != '\n') {
                            if (lineLength < line.length) {
                                line[lineLength] = b;
                            }
                            lineLength++;
                            continue;
                        }
                        if (lineLength == 0) { // the blank line that ends an event
                            if (id >= 0) {
                                if (recording) {
                                    arrivals.put(id, System.nanoTime());
                                }
                                last = id;
                            }
                            id = -1;
                        } else if (lineLength > 3 && line[0] == 'i' && line[1] == 'd' && line[2] == ':') {
                            id = Long.parseLong(new String(line, 3, Math.min(lineLength, line.length) - 3,
                                    StandardCharsets.US_ASCII).trim());
                        }
                        lineLength = 0;
                    }
                }
            } catch (IOException | RuntimeException e) {
                // closed by the benchmark, or by the server
            } finally {
                ended = true;
            }
        }

        /**
         * Disconnects on another thread: {@code disconnect} waits for the lock the reading thread holds while it is
         * blocked in a read, until the next event or heartbeat arrives.
         */
        void close() {
            Thread closing = new Thread(connection::disconnect, "bench-follower-close");
            closing.setDaemon(true);
            closing.start();
        }
    }
}
