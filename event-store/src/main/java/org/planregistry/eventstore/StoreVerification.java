package org.planregistry.eventstore;

import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.in;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.LongStream;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.planregistry.eventstore.ChainProblem.Kind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies the whole store in one pass in global order: every plan's chain, link by link as its events come, and
 * what no single chain can show: that every global sequence up to the counter holds an event or a filler, that no
 * event sits at a number the counter never handed out, and that no event is stored in another plan's chain.
 *
 * <p>It reads {@value #WINDOW} numbers at a time by {@code _id $in}, keeping only each plan's chain state, so memory
 * grows with the number of plans, not of events. A plan whose events do not come in sequence order (one was removed,
 * moved or swapped) is set aside and verified again by key at the end ({@link ChainVerification}), so each problem
 * is reported where the per-plan verification reports it. Progress is logged every {@value #LOG_EVERY_SECONDS} s
 * and every {@value #LOG_EVERY_NUMBERS} numbers.
 */
public final class StoreVerification {

    private static final Logger log = LoggerFactory.getLogger(StoreVerification.class);
    private static final int WINDOW = 1000;
    private static final int LOG_EVERY_SECONDS = 5;
    private static final int LOG_EVERY_NUMBERS = 100_000;
    /** Problems listed in a report at most; the report counts all. */
    private static final int LISTED = 1000;

    private final MongoDatabase database;
    private final MongoCollection<Document> events;
    private final ChainVerification byKey;

    public StoreVerification(MongoDatabase database) {
        this.database = database;
        this.events = database.getCollection("events");
        this.byKey = new ChainVerification(database);
    }

    /** One plan in the store-wide report. */
    public record PlanSummary(String plan, long events, ChainVerification.Link head, boolean intact) {
    }

    /** A plan's chain head within a store-wide digest. */
    public record PlanHead(String plan, long sequenceNumber, String hash) {
    }

    /**
     * Every plan's chain head at once, to keep outside the registry. {@code hash} is the SHA-256 (hex) of the UTF-8
     * lines {@code plan TAB sequenceNumber TAB hash LF}, one per plan in order of plan code, so the whole store's
     * state is one value to publish; the list is what a later verification checks against.
     */
    public record StoreDigest(long globalSequence, List<PlanHead> plans, String hash) {

        public static StoreDigest of(long globalSequence, List<PlanHead> plans) {
            List<PlanHead> sorted = plans.stream().sorted(Comparator.comparing(PlanHead::plan)).toList();
            return new StoreDigest(globalSequence, sorted, hashOf(sorted));
        }

        /** The hash the digest's plan heads give; a kept digest whose {@code hash} differs was altered. */
        public static String hashOf(List<PlanHead> plans) {
            StringBuilder lines = new StringBuilder();
            plans.stream().sorted(Comparator.comparing(PlanHead::plan)).forEach(head -> lines.append(head.plan())
                    .append('\t').append(head.sequenceNumber()).append('\t').append(head.hash()).append('\n'));
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(lines.toString().getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("Every Java runtime has SHA-256", e);
            }
        }
    }

    /**
     * The store-wide outcome.
     *
     * @param verifiedUpTo the counter when the verification began: every number up to it was examined
     * @param events       events examined
     * @param fillers      filler documents passed over (numbers of commits that lost a race, or given up)
     * @param problemCount how many problems were found; {@code problems} lists the first {@value #LISTED}
     * @param keptDigest   whether the chains still pass through the digest given, when one was
     * @param digest       the heads of this verification, to keep (meaningful when {@code intact})
     */
    public record Report(boolean intact, long verifiedUpTo, long events, long fillers, List<PlanSummary> plans,
                         long problemCount, List<ChainProblem> problems, KeptDigestCheck keptDigest,
                         StoreDigest digest) {
    }

    /** The check of a kept store-wide digest: the plans whose chains no longer pass through their kept head. */
    public record KeptDigestCheck(String hash, boolean extended, List<String> plansNotExtended) {
    }

    /** A plan's state during the walk. */
    private static final class PlanWalk {
        final ChainLinks links;
        boolean irregular;
        long lastSeen = -1;

        PlanWalk(ChainLinks links) {
            this.links = links;
        }
    }

    public Report verify() {
        return verify(null);
    }

    /** Verifies the store; with {@code kept}, also that each plan's chain still passes through its kept head. */
    public Report verify(StoreDigest kept) {
        AllocatedNumbers allocated = new AllocatedNumbers(database);
        long upTo = allocated.last();
        Map<String, ChainLinks.KeptHead> keptHeads = new HashMap<>();
        if (kept != null) {
            kept.plans().forEach(head -> keptHeads.put(head.plan(),
                    new ChainLinks.KeptHead(head.sequenceNumber(), head.hash())));
        }
        Map<String, PlanWalk> plans = new TreeMap<>();
        List<ChainProblem> storeProblems = new ArrayList<>();
        List<Long> absent = new ArrayList<>();
        long eventCount = 0;
        long fillers = 0;
        long started = System.nanoTime();
        long lastLog = started;
        log.info("Verifying the event store: global sequence 1 to {}", upTo);
        for (long from = 1; from <= upTo; from += WINDOW) {
            long to = Math.min(upTo, from + WINDOW - 1);
            Map<Long, Document> window = new HashMap<>();
            for (Document doc : events.find(in("_id", LongStream.rangeClosed(from, to).boxed().toList()))) {
                window.put(((Number) doc.get("_id")).longValue(), doc);
            }
            for (long global = from; global <= to; global++) {
                Document doc = window.get(global);
                if (doc == null) {
                    absent.add(global);
                } else if (doc.getBoolean("filler", false)) {
                    fillers++;
                } else if (doc.getString("aggregateIdentifier") == null) {
                    storeProblems.add(new ChainProblem(Kind.FORGED, global, null, null,
                            "the document at global sequence " + global + " is neither an event nor a filler"));
                } else {
                    eventCount++;
                    // A chain is read by key ("PLAN/7"): the key, not what the document says, places it.
                    String key = doc.getString("aggregateKey");
                    int slash = key == null ? -1 : key.lastIndexOf('/');
                    long sequence = slash < 1 ? -1 : sequenceIn(key.substring(slash + 1));
                    if (sequence < 0) {
                        storeProblems.add(outsideEveryChain(doc, global));
                        continue;
                    }
                    PlanWalk walk = plans.computeIfAbsent(key.substring(0, slash), p -> new PlanWalk(
                            new ChainLinks(p, keptHeads.get(p), events, allocated)));
                    walk.lastSeen = Math.max(walk.lastSeen, sequence);
                    if (!walk.irregular && sequence == walk.links.expected()
                            && global > walk.links.lastGlobal()) {
                        walk.links.next(doc);
                    } else {
                        walk.irregular = true; // verified again by key at the end
                    }
                }
            }
            if (System.nanoTime() - lastLog > LOG_EVERY_SECONDS * 1_000_000_000L || to % LOG_EVERY_NUMBERS == 0) {
                lastLog = System.nanoTime();
                log.info("Verified {} of {} global sequence numbers ({} events of {} plans)", to, upTo, eventCount,
                        plans.size());
            }
        }
        storeProblems.addAll(gaps(absent));
        storeProblems.addAll(beyondCounter(allocated));

        List<PlanSummary> summaries = new ArrayList<>();
        List<ChainProblem> planProblems = new ArrayList<>();
        List<PlanHead> heads = new ArrayList<>();
        List<String> notExtended = new ArrayList<>();
        for (Map.Entry<String, PlanWalk> entry : plans.entrySet()) {
            String plan = entry.getKey();
            PlanWalk walk = entry.getValue();
            ChainVerification.Digest keptHead = keptHeads.containsKey(plan) ? new ChainVerification.Digest(
                    keptHeads.get(plan).sequenceNumber(), keptHeads.get(plan).hash()) : null;
            ChainVerification.Report report;
            if (walk.irregular) {
                log.info("Plan {}'s events are not stored in sequence order; verifying its chain by key", plan);
                report = byKey.verify(plan, keptHead, allocated, walk.lastSeen);
            } else {
                walk.links.finish();
                report = ChainVerification.report(plan, walk.links, keptHead);
            }
            planProblems.addAll(report.problems());
            summaries.add(new PlanSummary(plan, report.events(), report.head(), report.intact()));
            if (report.head() != null) {
                heads.add(new PlanHead(plan, report.head().sequenceNumber(), report.head().hash()));
            }
            if (report.digest() != null && !report.digest().extended()) {
                notExtended.add(plan);
            }
        }
        for (PlanHead head : kept == null ? List.<PlanHead>of() : kept.plans()) {
            if (!plans.containsKey(head.plan())) {
                planProblems.add(new ChainProblem(Kind.TRUNCATED, null, head.plan(), head.sequenceNumber(),
                        "the digest kept names plan " + head.plan() + ", of which the store holds no event"));
                notExtended.add(head.plan());
            }
        }
        // A forged event above the counter is found by the walk's last look and by its plan's chain alike.
        List<ChainProblem> problems = new ArrayList<>(planProblems);
        Set<String> found = new HashSet<>();
        planProblems.forEach(p -> found.add(p.kind() + "@" + p.globalSequence()));
        storeProblems.stream().filter(p -> found.add(p.kind() + "@" + p.globalSequence())).forEach(problems::add);
        problems.sort(Comparator.comparing((ChainProblem p) -> p.globalSequence() == null ? Long.MAX_VALUE
                : p.globalSequence()));
        log.info("Verified {} of {} global sequence numbers ({} events of {} plans, {} fillers) in {} ms: {}", upTo,
                upTo, eventCount, plans.size(), fillers, (System.nanoTime() - started) / 1_000_000,
                problems.isEmpty() ? "intact" : problems.size() + " problems");
        return new Report(problems.isEmpty(), upTo, eventCount, fillers, summaries, problems.size(),
                List.copyOf(problems.subList(0, Math.min(LISTED, problems.size()))),
                kept == null ? null : new KeptDigestCheck(kept.hash(), notExtended.isEmpty(), notExtended),
                StoreDigest.of(upTo, heads));
    }

    /**
     * The numbers that held nothing when read, looked up once more: one whose commit was still in flight is there
     * now (its event is after this verification). The rest are reported as runs.
     */
    private List<ChainProblem> gaps(List<Long> absent) {
        List<Long> still = new ArrayList<>();
        for (int i = 0; i < absent.size(); i += WINDOW) {
            List<Long> part = absent.subList(i, Math.min(absent.size(), i + WINDOW));
            List<Long> found = new ArrayList<>();
            events.find(in("_id", part)).projection(new Document("_id", 1))
                    .forEach(doc -> found.add(((Number) doc.get("_id")).longValue()));
            part.stream().filter(id -> !found.contains(id)).forEach(still::add);
        }
        List<ChainProblem> problems = new ArrayList<>();
        for (int i = 0; i < still.size(); ) {
            int j = i;
            while (j + 1 < still.size() && still.get(j + 1) == still.get(j) + 1) {
                j++;
            }
            problems.add(new ChainProblem(Kind.SEQUENCE_GAP, still.get(i), null, null, i == j
                    ? "global sequence " + still.get(i) + " holds neither an event nor a filler"
                    : "global sequence " + still.get(i) + " to " + still.get(j) + " (" + (j - i + 1)
                    + " numbers) hold neither an event nor a filler"));
            i = j + 1;
        }
        return problems;
    }

    /** Documents above the counter (read again now): no commit of the engine wrote them. */
    private List<ChainProblem> beyondCounter(AllocatedNumbers allocated) {
        List<ChainProblem> problems = new ArrayList<>();
        for (Document doc : events.find(gt("_id", allocated.refresh())).limit(LISTED)) {
            long global = ((Number) doc.get("_id")).longValue();
            problems.add(new ChainProblem(Kind.FORGED, global, doc.getString("aggregateIdentifier"),
                    doc.get("sequenceNumber") instanceof Number n ? n.longValue() : null, "global sequence " + global
                    + " was never handed out: the store's counter stands at " + allocated.last()));
        }
        return problems;
    }

    private static long sequenceIn(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * An event under a key no plan's chain reaches: a copy of an event still stored at the number it claims, or
     * else a document no commit of the engine wrote.
     */
    private ChainProblem outsideEveryChain(Document doc, long global) {
        long claimed = ChainLinks.writtenAt(doc);
        Long sequence = doc.get("sequenceNumber") instanceof Number n ? n.longValue() : null;
        String plan = doc.getString("aggregateIdentifier");
        if (claimed >= 0 && claimed != global) {
            Document there = events.find(new Document("_id", claimed)).first();
            if (there != null && ChainLinks.writtenAt(there) == claimed) {
                return new ChainProblem(Kind.SEQUENCE_REPEATED, global, plan, sequence, "it is a copy of the event "
                        + "at global sequence " + claimed + ", which claims that number as well, stored under key "
                        + doc.getString("aggregateKey"));
            }
        }
        return new ChainProblem(Kind.FORGED, global, plan, sequence, "it is stored under key "
                + doc.getString("aggregateKey") + ", which no plan's chain reaches");
    }
}
