package org.planregistry.query.audit;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;
import org.planregistry.api.PlanEvent;
import org.planregistry.query.consistency.ReadYourWrites;
import org.planregistry.query.http.QueryParameters;
import org.planregistry.query.http.QueryProblem;
import org.planregistry.query.timeline.TimelineStore;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/audit} (JSON pages) and {@code GET /api/audit.csv} or {@code Accept: text/csv} (the same filters
 * as a CSV export): the audit log for auditors, filtered by plan, element, actor, type and recorded time.
 */
@RestController
class AuditController {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;
    private static final String CSV = "text/csv";

    /** The event types a {@code type} filter may name, without the {@code Event} suffix. */
    static final List<String> KNOWN_TYPES = Arrays.stream(PlanEvent.class.getPermittedSubclasses())
            .map(type -> type.getSimpleName().replaceFirst("Event$", "")).sorted().toList();

    private final AuditStore store;
    private final TimelineStore plans;
    private final ReadYourWrites readYourWrites;

    AuditController(AuditStore store, TimelineStore plans, ReadYourWrites readYourWrites) {
        this.store = store;
        this.plans = plans;
        this.readYourWrites = readYourWrites;
    }

    @GetMapping("/api/audit")
    AuditPage page(@RequestParam(required = false) String plan, @RequestParam(required = false) String element,
                   @RequestParam(required = false) String actor, @RequestParam(required = false) String type,
                   @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                   @RequestParam(required = false) String after, @RequestParam(required = false) String limit,
                   @RequestParam(required = false) String minSequence) {
        AuditFilter filter = filter(plan, element, actor, type, from, to);
        long cursor = QueryParameters.sequence("after", after, 0);
        int size = QueryParameters.limit("limit", limit, DEFAULT_LIMIT, MAX_LIMIT);
        await(minSequence, filter.plan());
        return store.page(filter, cursor, size);
    }

    @GetMapping(value = {"/api/audit.csv", "/api/audit"}, produces = CSV)
    void csv(@RequestParam(required = false) String plan, @RequestParam(required = false) String element,
             @RequestParam(required = false) String actor, @RequestParam(required = false) String type,
             @RequestParam(required = false) String from, @RequestParam(required = false) String to,
             @RequestParam(required = false) String after, @RequestParam(required = false) String limit,
             @RequestParam(required = false) String minSequence, HttpServletResponse response) throws IOException {
        AuditFilter filter = filter(plan, element, actor, type, from, to);
        long cursor = QueryParameters.sequence("after", after, 0);
        long size = limit == null ? Long.MAX_VALUE
                : QueryParameters.limit("limit", limit, MAX_LIMIT, Integer.MAX_VALUE);
        await(minSequence, filter.plan());
        response.setContentType(CSV + ";charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"audit.csv\"");
        PrintWriter out = new PrintWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8));
        AuditCsv csv = new AuditCsv(out);
        csv.header();
        store.forEach(filter, cursor, size, entry -> {
            csv.row(entry);
            return !out.checkError();
        });
        out.flush();
    }

    private void await(String minSequence, String plan) {
        long sequence = QueryParameters.sequence("minSequence", minSequence, 0);
        // Pages stop at the head, so only the head proves a write readable: an entry can be stored before the head
        // has moved past it.
        readYourWrites.await(AuditStore.PROCESSING_GROUP, sequence, store::head);
        requireKnown(plan, sequence);
    }

    /** An unknown plan is a 404, as everywhere else, not an empty log. */
    private void requireKnown(String plan, long minSequence) {
        if (plan == null || plans.plan(plan).isPresent()) {
            return;
        }
        if (minSequence > 0) {
            // The plan may be among the writes the client waits for: the plans view may not have caught up yet.
            readYourWrites.await(TimelineStore.PROCESSING_GROUP, minSequence, () -> plans.lastSequenceOf(plan));
            if (plans.plan(plan).isPresent()) {
                return;
            }
        }
        throw QueryProblem.notFound("plan", "no plan " + plan + " has been recorded");
    }

    private static AuditFilter filter(String plan, String element, String actor, String type, String from,
                                      String to) {
        Instant start = QueryParameters.bound("from", from, false);
        Instant end = QueryParameters.bound("to", to, true);
        if (start != null && end != null && start.isAfter(end)) {
            throw QueryProblem.badParameter("from", from, "must not be after to (" + to + ")");
        }
        if (type != null && !type.isBlank() && KNOWN_TYPES.stream().noneMatch(known ->
                new AuditFilter(null, null, null, type, null, null).matchesType(known))) {
            throw QueryProblem.badParameter("type", type, "must be one of " + String.join(", ", KNOWN_TYPES)
                    + " (with or without the Event suffix, any case)");
        }
        return new AuditFilter(blankToNull(plan), blankToNull(element), blankToNull(actor), blankToNull(type), start,
                end);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
