package org.planregistry.query.deadletter;

import java.util.List;

import org.planregistry.query.event.DeadLetter;
import org.planregistry.query.event.DeadLetters;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operator endpoints: {@code GET /api/admin/dead-letters} lists the parked events, {@code POST
 * /api/admin/dead-letters/retry} retries them (all, or those of one {@code view} and/or {@code plan}), in order per
 * plan, and answers what it applied and what still fails.
 */
@RestController
class DeadLetterController {

    private static final String PATH = "/api/admin/dead-letters";

    private final DeadLetters letters;
    private final DeadLetterRetry retry;

    DeadLetterController(DeadLetters letters, DeadLetterRetry retry) {
        this.letters = letters;
        this.retry = retry;
    }

    record Parked(int count, List<DeadLetter> letters) {
    }

    record Retried(List<DeadLetterRetry.Outcome> retried, Parked parked) {
    }

    @GetMapping(PATH)
    Parked parked() {
        List<DeadLetter> all = letters.all();
        return new Parked(all.size(), all);
    }

    @PostMapping(PATH + "/retry")
    Retried retry(@RequestParam(required = false) String view, @RequestParam(required = false) String plan) {
        List<DeadLetterRetry.Outcome> outcomes = retry.retry(view, plan);
        return new Retried(outcomes, parked());
    }
}
