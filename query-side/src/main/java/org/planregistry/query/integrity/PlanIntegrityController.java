package org.planregistry.query.integrity;

import com.mongodb.client.MongoDatabase;
import org.planregistry.eventstore.ChainVerification;
import org.planregistry.query.http.QueryProblem;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Proof for auditors that a plan's record was not rewritten: {@code audit/verify} recomputes the plan's hash chain
 * from the event store itself (not from a view), {@code audit/digest} gives its head to keep elsewhere and compare
 * with a later verification.
 */
@RestController
class PlanIntegrityController {

    private final ChainVerification verification;

    PlanIntegrityController(MongoDatabase registryDatabase) {
        this.verification = new ChainVerification(registryDatabase);
    }

    @GetMapping("/api/plans/{plan}/audit/verify")
    ChainVerification.Report verify(@PathVariable String plan) {
        ChainVerification.Report report = verification.verify(plan);
        if (report.events() == 0 && report.intact()) {
            throw QueryProblem.notFound("plan", "no plan " + plan + " has been recorded");
        }
        return report;
    }

    @GetMapping("/api/plans/{plan}/audit/digest")
    ChainVerification.Link digest(@PathVariable String plan) {
        ChainVerification.Report report = verify(plan);
        if (!report.intact()) {
            throw QueryProblem.conflict("the hash chain of plan " + plan + " is broken at event "
                    + report.firstBroken().sequenceNumber() + ": " + report.problem()
                    + "; see /api/plans/" + plan + "/audit/verify");
        }
        return report.head();
    }
}
