package org.planregistry.query.operations;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.planregistry.query.consistency.ViewProgress;
import org.planregistry.query.segments.SharedSegments;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * Whether this query side keeps its views up to date: DOWN when a tracking processor has failed (it is in error
 * and retrying), OUT_OF_SERVICE when one is more than {@code registry.health.max-lag} events behind the head of the
 * store (catching up, replaying a rebuild, or stuck), so a load balancer stops sending readers to an instance whose
 * answers are far behind. Part of the readiness group, not of liveness: restarting does not make a view catch up.
 */
@Component("processors")
class ProcessorHealth extends AbstractHealthIndicator {

    private final ProcessorLag processors;
    private final ViewProgress views;
    private final SharedSegments segments;
    private final long maxLag;

    ProcessorHealth(ProcessorLag processors, ViewProgress views, SharedSegments segments,
                    @Value("${registry.health.max-lag:10000}") long maxLag) {
        super("the tracking processors' state could not be read");
        this.processors = processors;
        this.views = views;
        this.segments = segments;
        this.maxLag = maxLag;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        long head = processors.head();
        List<ProcessorLag.State> states = processors.processors().stream().map(name -> processors.state(name, head))
                .toList();
        // Only the views decide whether this instance can answer readers: a processor that keeps no view (the
        // Kafka publisher) behind or failing must not take every query side out of the load balancer.
        List<String> viewNames = views.views();
        builder.status(status(states.stream().filter(state -> viewNames.contains(state.processor())).toList(),
                maxLag)).withDetail("head", head).withDetail("maxLag", maxLag);
        for (ProcessorLag.State state : states) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("view", viewNames.contains(state.processor()));
            details.put("running", state.running());
            details.put("error", state.error());
            if (state.errorMessage() != null) {
                details.put("errorMessage", state.errorMessage());
            }
            details.put("segmentsHeld", state.segments());
            Map<String, String> holders = new LinkedHashMap<>();
            segments.holders(state.processor()).forEach((segment, owner) -> holders.put(segment.toString(), owner));
            details.put("segments", holders);
            details.put("replaying", state.replaying());
            details.put("position", state.position().isPresent() ? state.position().getAsLong() : null);
            details.put("lag", state.lag().isPresent() ? state.lag().getAsLong() : null);
            builder.withDetail(state.processor(), details);
        }
    }

    /** DOWN if any processor is in error, else OUT_OF_SERVICE if any lags more than {@code maxLag}, else UP. */
    static Status status(List<ProcessorLag.State> states, long maxLag) {
        if (states.stream().anyMatch(ProcessorLag.State::error)) {
            return Status.DOWN;
        }
        if (states.stream().anyMatch(s -> s.lag().isPresent() && s.lag().getAsLong() > maxLag)) {
            return Status.OUT_OF_SERVICE;
        }
        return Status.UP;
    }
}
