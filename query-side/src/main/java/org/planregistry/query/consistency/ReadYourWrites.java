package org.planregistry.query.consistency;

import java.time.Duration;
import java.util.function.LongSupplier;

import org.planregistry.query.http.QueryProblem;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Lets a client read its own writes: the command side answers with the global sequence of the last event it wrote,
 * and a query given that {@code minSequence} waits, boundedly, until the view has processed it. A view that is being
 * rebuilt is incomplete, so queries wait for the rebuild too. When the wait runs out, the answer is 503 with
 * {@code Retry-After} rather than a stale answer presented as current.
 */
@Component
public class ReadYourWrites {

    private static final Duration POLL = Duration.ofMillis(20);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private final ViewProgress progress;
    private final Duration timeout;

    ReadYourWrites(ViewProgress progress, @Value("${registry.query.consistency-timeout:5s}") Duration timeout) {
        this.progress = progress;
        this.timeout = timeout;
    }

    /**
     * Returns once the view kept by {@code group} has processed {@code minSequence} (0: no requirement) and is not
     * replaying. {@code viewEvidence} gives the position the view's own document proves (e.g. the plan's
     * {@code lastSequence}), which also holds when another instance keeps the view.
     */
    public void await(String group, long minSequence, LongSupplier viewEvidence) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            boolean replaying = progress.isReplaying(group);
            boolean reached = minSequence <= 0 || progress.hasProcessed(group, minSequence)
                    || viewEvidence.getAsLong() >= minSequence;
            if (reached && !replaying) {
                return;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw QueryProblem.notReady(replaying
                        ? "view " + group + " is being rebuilt (at global sequence "
                        + progress.position(group).orElse(0) + "); retry shortly"
                        : "view " + group + " has not yet processed global sequence " + minSequence + " (waited "
                        + timeout.toMillis() + " ms); retry shortly", RETRY_AFTER);
            }
            sleep();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw QueryProblem.notReady("interrupted while waiting for the view", RETRY_AFTER);
        }
    }
}
