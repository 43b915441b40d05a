package org.planregistry.query.integrity;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.planregistry.eventstore.ChainVerification;
import org.planregistry.eventstore.StoreVerification;
import org.planregistry.query.http.QueryParameters;
import org.planregistry.query.http.QueryProblem;

/**
 * Reads a digest an auditor kept, strictly: a mistyped digest must be refused (400, naming the field), never taken
 * as a rewritten history.
 */
final class KeptDigests {

    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
    private static final String HASH_FORM = "must be a SHA-256 hash: 64 lowercase hex digits";

    private KeptDigests() {
    }

    /** A plan's digest from {@code digestSequence} and {@code digestHash}: both or neither. */
    static ChainVerification.Digest ofPlan(String sequence, String hash) {
        boolean noSequence = sequence == null || sequence.isBlank();
        boolean noHash = hash == null || hash.isBlank();
        if (noSequence && noHash) {
            return null;
        }
        if (noHash) {
            throw QueryProblem.badParameter("digestHash", hash, "is required with digestSequence: "
                    + "give both values of the digest kept (its sequenceNumber and hash)");
        }
        if (noSequence) {
            throw QueryProblem.badParameter("digestSequence", sequence, "is required with digestHash: "
                    + "give both values of the digest kept (its sequenceNumber and hash)");
        }
        long position = QueryParameters.sequence("digestSequence", sequence, 0);
        return new ChainVerification.Digest(position, hash("digestHash", hash.trim()));
    }

    /** A store-wide digest as {@code GET /api/audit/digest} gave it, checked against its own hash. */
    static StoreVerification.StoreDigest ofStore(StoreVerification.StoreDigest kept) {
        if (kept == null) {
            throw QueryProblem.badParameter("body", null, "must be the digest kept, as GET /api/audit/digest gave it");
        }
        if (kept.plans() == null) {
            throw QueryProblem.badParameter("plans", null, "is required: the plans' heads of the digest kept");
        }
        List<StoreVerification.PlanHead> heads = new ArrayList<>();
        for (int i = 0; i < kept.plans().size(); i++) {
            StoreVerification.PlanHead head = kept.plans().get(i);
            String at = "plans[" + i + "]";
            if (head == null || head.plan() == null || head.plan().isBlank()) {
                throw QueryProblem.badParameter(at + ".plan", null, "is required");
            }
            if (head.sequenceNumber() < 0) {
                throw QueryProblem.badParameter(at + ".sequenceNumber", Long.toString(head.sequenceNumber()),
                        "must not be negative");
            }
            heads.add(new StoreVerification.PlanHead(head.plan(), head.sequenceNumber(),
                    hash(at + ".hash", head.hash())));
        }
        String hash = hash("hash", kept.hash());
        if (!hash.equals(StoreVerification.StoreDigest.hashOf(heads))) {
            throw QueryProblem.badParameter("hash", hash, "does not match the plans' heads of the digest: the "
                    + "digest was altered or mistyped since it was kept");
        }
        return new StoreVerification.StoreDigest(kept.globalSequence(), heads, hash);
    }

    private static String hash(String field, String value) {
        if (value == null || !HASH.matcher(value).matches()) {
            throw QueryProblem.badParameter(field, value, HASH_FORM);
        }
        return value;
    }
}
