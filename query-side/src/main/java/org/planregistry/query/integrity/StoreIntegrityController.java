package org.planregistry.query.integrity;

import com.mongodb.client.MongoDatabase;
import org.planregistry.eventstore.StoreVerification;
import org.planregistry.query.http.QueryProblem;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The whole store verified at once, for auditors: every plan's chain and the store-wide checks (no global sequence
 * missing or repeated, no event outside its plan, none the store never allocated). {@code GET audit/digest} gives
 * all plans' heads to keep; {@code POST audit/verify} with that kept digest as its body also says whether every
 * chain still passes through its kept head. One request reads the whole store: on a large store it takes a while,
 * and its progress is in the log.
 */
@RestController
class StoreIntegrityController {

    private final StoreVerification verification;

    StoreIntegrityController(MongoDatabase registryDatabase) {
        this.verification = new StoreVerification(registryDatabase);
    }

    @GetMapping("/api/audit/verify")
    StoreVerification.Report verify() {
        return verification.verify();
    }

    @PostMapping("/api/audit/verify")
    StoreVerification.Report verify(@RequestBody(required = false) StoreVerification.StoreDigest kept) {
        return verification.verify(KeptDigests.ofStore(kept));
    }

    @GetMapping("/api/audit/digest")
    StoreVerification.StoreDigest digest() {
        StoreVerification.Report report = verification.verify();
        if (!report.intact()) {
            throw QueryProblem.conflict("the store does not verify (" + report.problemCount() + " problems, the "
                    + "first: " + report.problems().get(0).kind() + " " + report.problems().get(0).detail()
                    + "); see /api/audit/verify");
        }
        return report.digest();
    }
}
