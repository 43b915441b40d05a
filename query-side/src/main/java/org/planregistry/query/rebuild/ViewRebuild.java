package org.planregistry.query.rebuild;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.planregistry.eventstore.MongoEventStorageEngine;
import org.planregistry.query.consistency.ViewProgress;
import org.planregistry.query.http.QueryProblem;
import org.planregistry.query.rebuild.RebuildStatus.State;
import org.planregistry.query.rebuild.RebuildStatus.ViewStatus;
import org.planregistry.query.segments.QueryInstances;
import org.planregistry.query.segments.SharedSegments;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Rebuilds every view by replay: each view's tracking processor (every tracking processor of this application) is
 * shut down, its tokens reset (which runs the view's {@code @ResetHandler} and clears it) and started again, after
 * which it replays the whole store. Progress is logged every second as "replayed N of M events" until every view has
 * replayed up to where it stood at the reset; queries wait or answer 503 while a view replays.
 *
 * <p>Resetting needs every segment's token. With several query-side instances sharing the views' segments, the
 * rebuild is refused (409) while any other instance is present or holds a segment, naming them: stop the others,
 * rebuild on one, start the others again, and they go on with the rebuilt views (and the replay, if it is still
 * running). Should another instance claim a segment in between anyway, the reset fails and the processors are
 * restarted unchanged (409 as well).
 */
@Component
public class ViewRebuild {

    private static final Logger log = LoggerFactory.getLogger(ViewRebuild.class);
    private static final Duration REPORT_EVERY = Duration.ofSeconds(1);

    private final ViewProgress progress;
    private final SharedSegments segments;
    private final QueryInstances instances;
    private final MongoEventStorageEngine storageEngine;
    private final Clock clock;
    private final ScheduledExecutorService monitor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "view-rebuild-monitor");
        thread.setDaemon(true);
        return thread;
    });
    private RebuildStatus status = new RebuildStatus(State.IDLE, null, null, 0, "no rebuild since start-up",
            List.of(), null);
    private ScheduledFuture<?> reporting;

    ViewRebuild(ViewProgress progress, SharedSegments segments, QueryInstances instances,
                MongoEventStorageEngine storageEngine, Clock clock) {
        this.progress = progress;
        this.segments = segments;
        this.instances = instances;
        this.storageEngine = storageEngine;
        this.clock = clock;
    }

    /** Starts a rebuild of every view; 409 while one is running. */
    public synchronized RebuildStatus start() {
        if (status.state() == State.RUNNING) {
            throw QueryProblem.conflict("a rebuild is already running: " + status.progress());
        }
        List<String> views = progress.views();
        refuseWhileShared(views);
        long target = storageEngine.lastAllocatedSequence();
        Instant started = clock.instant();
        log.info("Rebuilding views {} by replaying {} events", views, target);
        for (String view : views) {
            TrackingEventProcessor processor = processor(view);
            progress.rebuilding(view, true);
            processor.shutDown();
            try {
                processor.resetTokens();
            } catch (RuntimeException e) {
                processor.start();
                views.forEach(v -> progress.rebuilding(v, false));
                status = new RebuildStatus(State.FAILED, started, clock.instant(), target, "not started",
                        List.of(), e.getMessage());
                log.warn("Could not reset view {}; is another instance running its processor?", view, e);
                throw QueryProblem.conflict("view " + view + " could not be reset (" + e.getMessage()
                        + "); stop the processors of other query-side instances and retry");
            }
            processor.start();
        }
        status = snapshot(State.RUNNING, started, null, target);
        reporting = monitor.scheduleAtFixedRate(this::report, REPORT_EVERY.toMillis(), REPORT_EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
        return status;
    }

    /** 409 naming the other query-side instances while any is present or holds a segment of a view. */
    private void refuseWhileShared(List<String> views) {
        Set<String> others = new TreeSet<>(instances.present());
        views.forEach(view -> others.addAll(segments.otherOwners(view, instances.self())));
        others.remove(instances.self());
        if (!others.isEmpty()) {
            throw QueryProblem.conflict("the views are shared with other query-side instances " + others
                    + ", and a rebuild resets every segment of a view: stop the other query-side instances, rebuild"
                    + " on this one, then start them again (they go on with the rebuilt views)");
        }
    }

    public synchronized RebuildStatus status() {
        return status.state() == State.RUNNING
                ? snapshot(State.RUNNING, status.startedAt(), null, status.target()) : status;
    }

    @PreDestroy
    void stop() {
        monitor.shutdownNow();
    }

    private synchronized void report() {
        try {
            RebuildStatus now = snapshot(State.RUNNING, status.startedAt(), null, status.target());
            if (progress.views().stream().allMatch(progress::hasReplayed)) {
                progress.views().forEach(view -> progress.rebuilding(view, false));
                Instant finished = clock.instant();
                status = snapshot(State.DONE, status.startedAt(), finished, status.target());
                log.info("Rebuild done: {} in {} ms", status.progress(),
                        Duration.between(status.startedAt(), finished).toMillis());
                reporting.cancel(false);
            } else {
                status = now;
                log.info("Rebuilding views: {}", now.progress());
            }
        } catch (RuntimeException e) {
            // A failed report must not end the reporting task: the rebuild would then never be seen to finish.
            log.warn("Could not read the progress of the rebuild; trying again", e);
        }
    }

    private RebuildStatus snapshot(State state, Instant started, Instant finished, long target) {
        List<ViewStatus> views = progress.views().stream().map(view -> new ViewStatus(view,
                progress.position(view).isPresent() ? progress.position(view).getAsLong() : null,
                !progress.hasReplayed(view))).toList();
        long replayed = views.stream().mapToLong(v -> v.position() == null ? 0 : v.position()).min().orElse(0);
        long shown = state == State.DONE ? target : Math.min(replayed, target);
        return new RebuildStatus(state, started, finished, target, "replayed " + shown + " of " + target + " events",
                views, null);
    }

    private TrackingEventProcessor processor(String view) {
        return progress.processor(view).orElseThrow(() -> new IllegalStateException(
                "no tracking processor for view " + view));
    }
}
