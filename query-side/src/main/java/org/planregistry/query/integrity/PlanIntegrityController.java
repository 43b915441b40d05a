package org.planregistry.query.integrity;

import java.util.List;

import com.mongodb.client.MongoDatabase;
import org.planregistry.eventstore.ChainVerification;
import org.planregistry.eventstore.StoredEvents;
import org.planregistry.query.http.QueryParameters;
import org.planregistry.query.http.QueryProblem;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Proof for auditors that a plan's record was not rewritten: {@code audit/verify} recomputes the plan's hash chain
 * from the event store itself (not from a view) and, given a digest kept earlier, says whether the chain still
 * passes through it; {@code audit/digest} gives its head to keep elsewhere; {@code audit/events} gives the stored
 * events with their links, for an auditor who recomputes the chain with tools of their own (docs/security.md).
 */
@RestController
class PlanIntegrityController {

    private static final int MAX_EVENTS = 1000;

    private final ChainVerification verification;
    private final StoredEvents stored;

    PlanIntegrityController(MongoDatabase registryDatabase) {
        this.verification = new ChainVerification(registryDatabase);
        this.stored = new StoredEvents(registryDatabase);
    }

    @GetMapping("/api/plans/{plan}/audit/verify")
    ChainVerification.Report verify(@PathVariable String plan,
                                    @RequestParam(required = false) String digestSequence,
                                    @RequestParam(required = false) String digestHash) {
        ChainVerification.Report report = verification.verify(plan, KeptDigests.ofPlan(digestSequence, digestHash));
        // With a digest kept, a plan whose every event was removed is a finding (TRUNCATED), not an unknown plan.
        if (report.events() == 0 && report.intact() && report.digest() == null) {
            throw QueryProblem.notFound("plan", "no plan " + plan + " has been recorded");
        }
        return report;
    }

    @GetMapping("/api/plans/{plan}/audit/digest")
    ChainVerification.Link digest(@PathVariable String plan) {
        ChainVerification.Report report = verify(plan, null, null);
        if (!report.intact()) {
            throw QueryProblem.conflict("the hash chain of plan " + plan + " is broken at event "
                    + report.firstBroken().sequenceNumber() + ": " + report.problem()
                    + "; see /api/plans/" + plan + "/audit/verify");
        }
        return report.head();
    }

    /** A page of the plan's stored events. */
    record StoredPage(String plan, List<StoredEvents.StoredEvent> events, Long next) {
    }

    @GetMapping("/api/plans/{plan}/audit/events")
    StoredPage events(@PathVariable String plan, @RequestParam(required = false) String from,
                      @RequestParam(required = false) String limit) {
        long first = QueryParameters.sequence("from", from, 0);
        int size = QueryParameters.limit("limit", limit, MAX_EVENTS, MAX_EVENTS);
        List<StoredEvents.StoredEvent> page = stored.page(plan, first, size);
        if (page.isEmpty() && (first == 0 || stored.page(plan, 0, 1).isEmpty())) {
            throw QueryProblem.notFound("plan", "no plan " + plan + " has been recorded");
        }
        return new StoredPage(plan, page, page.size() < size ? null : first + size);
    }
}
