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
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.planregistry.system.RegistryApps;

/**
 * The tracking processors of a query side in another process, seen only through what it offers its operator: the
 * {@code processors} health component (each processor's position, whether it is in error) and the rebuild of the
 * views ({@code POST /api/admin/views/rebuild}, which resets every view's processor so that it replays the store;
 * {@code GET} on the same path says when the rebuild is over). {@link Processors} does the same in process.
 */
final class ProcessorsOverHttp {

    /** A replay: the position every view had to reach, and when each did, in seconds from the request. */
    record Replay(long target, Map<String, Double> seconds) {

        double slowest() {
            return seconds.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REBUILD = "/api/admin/views/rebuild";
    /**
     * Waits are polled every 1 % of the time waited so far, at least every 50 ms and at most every second: the
     * moment something is seen is within 1 % of its time (or 50 ms), and a wait of minutes does not ask the query side
     * twenty times a second.
     */
    private static final long POLL_MILLIS = 50;
    private static final long POLL_MAX_MILLIS = 1000;
    private static final long PROGRESS_NANOS = 10_000_000_000L;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private final String operator = "Basic " + Base64.getEncoder().encodeToString(("operator:"
            + RegistryApps.OPERATOR_PASSWORD).getBytes(StandardCharsets.UTF_8));

    /** How long the health check may fail before the benchmark gives up. */
    private static final Duration STALL_LIMIT = Duration.ofMinutes(3);

    /** Errors the processors were seen in (processor: message), each once. */
    private final Set<String> errors = new LinkedHashSet<>();
    private final Consumer<String> progress;

    ProcessorsOverHttp(String querySide, Consumer<String> progress) {
        this.base = querySide;
        this.progress = progress;
    }

    /** Every error a processor was seen in so far (Axon retried them), each once. */
    List<String> errorsSeen() {
        return List.copyOf(errors);
    }

    /**
     * Waits until every processor has reached {@code head}; returns the nanoTime at which that was first seen. Says
     * how far they are every ten seconds, so that a long catch-up is visibly alive.
     */
    long awaitPosition(long head, Duration timeout) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        long nextProgress = start + PROGRESS_NANOS;
        while (true) {
            long lowest = lowestPosition();
            long now = System.nanoTime();
            if (lowest >= head) {
                return now;
            }
            if (now > deadline) {
                throw new IllegalStateException("the processors reached " + lowest + ", not " + head + ", within "
                        + timeout);
            }
            if (now > nextProgress) {
                progress.accept(String.format("catching up: %,d of %,d", lowest, head));
                nextProgress = now + PROGRESS_NANOS;
            }
            pause(start);
        }
    }

    /** The lowest position of any processor (-1 while one has none); errors seen are noted. */
    long lowestPosition() {
        return positions(false).values().stream().mapToLong(Long::longValue).min().orElseThrow();
    }

    /**
     * Each processor's position (-1 while it has none), or only the views' ({@code "view": true}: the processors a
     * rebuild resets), from the {@code processors} health component. A processor in error is noted and waited for:
     * Axon retries its batch with a back-off of up to a minute, and the time that takes is part of what is measured.
     */
    private Map<String, Long> positions(boolean viewsOnly) {
        long stalledSince = System.nanoTime();
        while (true) {
            // OUT_OF_SERVICE (far behind) and DOWN (in error) answer 503, with the same details.
            JsonNode details = send(HttpRequest.newBuilder(URI.create(base + "/actuator/health/processors")).GET(),
                    200, 503).path("details");
            Map<String, Long> positions = positions(details, viewsOnly);
            if (!positions.isEmpty()) {
                return positions;
            }
            // The health check itself failed (the store did not answer within its time limit): a stall of the store
            // is part of what is measured, so it is noted and the position asked again, for a few minutes at most.
            String stall = "no processor positions: " + details.toString().lines().findFirst().orElse("");
            if (errors.add(stall)) {
                progress.accept(stall + "; asking again");
            }
            if (System.nanoTime() - stalledSince > STALL_LIMIT.toNanos()) {
                throw new IllegalStateException("the query side reported no processors for " + STALL_LIMIT + ": "
                        + details);
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the query side reported no processors", e);
            }
        }
    }

    /** The positions in one answer of the health component; errors seen are noted. */
    private Map<String, Long> positions(JsonNode details, boolean viewsOnly) {
        Map<String, Long> positions = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = details.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode processor = field.getValue();
            if (!processor.has("position") || viewsOnly && !processor.path("view").asBoolean()) {
                continue; // head, maxLag; or not a view
            }
            if (processor.path("error").asBoolean()) {
                String error = field.getKey() + ": " + processor.path("errorMessage").asText();
                if (errors.add(error)) {
                    progress.accept(String.format("processor %s in error, retrying", error));
                }
            }
            positions.put(field.getKey(), processor.path("position").isNull() ? -1
                    : processor.path("position").asLong());
        }
        return positions;
    }

    /**
     * Rebuilds every view by replay ({@code POST /api/admin/views/rebuild}) and times each view until its processor
     * has reached the head at the request, by its position in the {@code processors} health component, polled
     * finely: the rebuild's own status is refreshed once a second. Says how far the views are every ten seconds.
     */
    Replay replay(Duration timeout) throws InterruptedException {
        awaitRebuildOver(timeout);
        long start = System.nanoTime();
        JsonNode started = send(HttpRequest.newBuilder(URI.create(base + REBUILD))
                .POST(HttpRequest.BodyPublishers.noBody()), 202);
        long target = started.path("target").asLong();
        long deadline = start + timeout.toNanos();
        long nextProgress = start + PROGRESS_NANOS;
        Map<String, Double> reached = new TreeMap<>();
        while (true) {
            Map<String, Long> positions = positions(true);
            long now = System.nanoTime();
            positions.forEach((view, position) -> {
                if (position >= target) {
                    reached.putIfAbsent(view, (now - start) / 1e9);
                }
            });
            if (reached.keySet().containsAll(positions.keySet())) {
                // The rebuild is refused until the query side has marked the last one done.
                awaitRebuildOver(timeout);
                return new Replay(target, reached);
            }
            if (now > deadline) {
                throw new IllegalStateException("the views did not replay within " + timeout + ": " + positions);
            }
            if (now > nextProgress) {
                long lowest = positions.values().stream().mapToLong(Long::longValue).min().orElseThrow();
                progress.accept(String.format("replaying: %,d of %,d", lowest, target));
                nextProgress = now + PROGRESS_NANOS;
            }
            pause(start);
        }
    }

    /** Sleeps for 1 % of the time since {@code start}, within the polling bounds. */
    private static void pause(long start) throws InterruptedException {
        long waitedMillis = (System.nanoTime() - start) / 1_000_000;
        Thread.sleep(Math.min(POLL_MAX_MILLIS, Math.max(POLL_MILLIS, waitedMillis / 100)));
    }

    /** Waits while a rebuild is running. */
    private void awaitRebuildOver(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (get(REBUILD).path("state").asText().equals("RUNNING")) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("a rebuild was still running after " + timeout);
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    private JsonNode get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), 200);
    }

    private JsonNode send(HttpRequest.Builder request, int... expected) {
        try {
            HttpResponse<String> answer = http.send(request.header("Authorization", operator)
                    .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
            if (java.util.Arrays.stream(expected).noneMatch(status -> status == answer.statusCode())) {
                throw new IllegalStateException(answer.request().method() + " " + answer.uri() + " answered "
                        + answer.statusCode() + ": " + answer.body());
            }
            return JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
