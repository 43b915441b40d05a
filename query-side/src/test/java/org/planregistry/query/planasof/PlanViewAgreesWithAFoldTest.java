package org.planregistry.query.planasof;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.planregistry.api.Assessment;
import org.planregistry.api.Baseline;
import org.planregistry.api.EvaluationKind;
import org.planregistry.api.Nature;
import org.planregistry.api.Period;
import org.planregistry.api.PlanEvent;
import org.planregistry.api.PlanEvent.EvaluationOpenedEvent;
import org.planregistry.api.PlanEvent.EvaluationPublishedEvent;
import org.planregistry.api.PlanEvent.FindingCorrectedEvent;
import org.planregistry.api.PlanEvent.FindingRecordedEvent;
import org.planregistry.api.PlanEvent.FindingWithdrawnEvent;
import org.planregistry.api.PlanEvent.GoalAdoptedEvent;
import org.planregistry.api.PlanEvent.GoalAmendedEvent;
import org.planregistry.api.PlanEvent.IndicatorAdoptedEvent;
import org.planregistry.api.PlanEvent.IndicatorBaselineCorrectedEvent;
import org.planregistry.api.PlanEvent.IndicatorRetiredEvent;
import org.planregistry.api.PlanEvent.IndicatorTargetRevisedEvent;
import org.planregistry.api.PlanEvent.MilestoneSetEvent;
import org.planregistry.api.PlanEvent.PlanAdoptedEvent;
import org.planregistry.api.PlanEvent.SectionAdoptedEvent;
import org.planregistry.api.PlanEvent.TaskAdoptedEvent;
import org.planregistry.api.PlanEvent.TaskAmendedEvent;
import org.planregistry.api.PlanEvent.TaskRetiredEvent;
import org.planregistry.api.Qualifier;
import org.planregistry.api.SubjectKind;
import org.planregistry.api.Target;
import org.planregistry.eventstore.MongoEventStorageEngine;
import org.planregistry.eventstore.TestMongo;
import org.planregistry.query.http.QueryProblem;
import org.planregistry.query.timeline.FindingSnapshot;
import org.planregistry.query.timeline.PlanTimeline;
import org.planregistry.query.timeline.TimePoint;
import org.planregistry.query.timeline.TimelineFeed;
import org.planregistry.query.timeline.TimelineReader;

/**
 * The plan as of a point of view, as the HTTP answer computes it ({@link TimelineReader#requireAdopted} then
 * {@link PlanAsOfAssembler#assemble} over the timeline the projections wrote to the embedded store), equals a
 * straightforward fold of the plan's events written here, for random histories and random points of view.
 *
 * <p><b>Histories</b> (one plan per try, recorded through the real projections): the adoption of the plan with a
 * goal, three indicators (one without a baseline), a section and two tasks (one outside any section), all recorded
 * at one instant; then up to 40 actions — target revisions, baseline corrections, milestones, indicator
 * retirements, goal and task amendments, task retirements, late adoptions of indicators and tasks, evaluations
 * opened and published, findings recorded on indicators and tasks, corrected and withdrawn. Each has an effective
 * date on a quarter day (so that many coincide) that is often before earlier events' dates (retroactive) or after
 * their recording (future-dated), and is recorded at the same instant as the previous event, a second, a day, 20 or
 * 75 days later. An action the command side would refuse given what was recorded before it (a revision of a
 * retired indicator, a change that changes nothing, a finding in a published evaluation …) is left out, so every
 * history is one the registry can hold; leaving out actions is also how a failing history shrinks.
 *
 * <p><b>The rule the fold implements</b> (docs/queries.md, "Points of view"; {@link TimePoint}): for the point of
 * view ({@code asOf}, {@code knownAt}) take the events recorded at or before {@code knownAt} (message timestamp)
 * whose effective date is on or before {@code asOf}; apply them in order of effective date, <em>ties in recording
 * order, i.e. by global sequence</em>; each event sets the attributes it carries to whole values (an adoption sets
 * the ones it states — an indicator adopted without a baseline sets none —, an amendment sets title and
 * description/text, a correction or withdrawal sets the whole finding). An element is present when its adoption has
 * been applied and its retirement has not; what it is (section of a task, subject and year of a finding) is fixed
 * by its adoption or recording. A finding is shown unless the last applied event about it is its withdrawal; the
 * latest finding of an indicator is the one for the latest year, then the latest effective, then the latest
 * recorded. The plan is 404 ({@code knownAt}) when its adoption was not recorded at {@code knownAt}, else 404
 * ({@code asOf}) when not in effect on {@code asOf}. Pending changes are the changes recorded at or before
 * {@code knownAt} effective after {@code asOf}, one per attribute an event sets, by effective date then global
 * sequence; the first {@code pendingLimit} are listed and all are counted.
 *
 * <p>Compared: goals (title, description), sections and their tasks and the unsectioned tasks (title, text),
 * indicators (target, baseline and since when, milestones and since when, latest finding), evaluations (opened,
 * published, findings in force), the retired elements and since when, and the pending changes (global sequences
 * of the first ones, count).
 *
 * <p>120 tries of up to 12 points of view each take about 25 s against the embedded server, started once for the
 * class. Edge cases are not generated: they are mostly empty histories and single looks, which the shrinking reaches
 * anyway. A failure shrinks fully (jqwik; this can take a few minutes) to a short list of actions and looks that
 * still disagrees; the message shows the point of view, the recorded events and both answers as text, line by line.
 */
class PlanViewAgreesWithAFoldTest {

    private static final LocalDate ADOPTED_ON = LocalDate.of(2022, 1, 1);
    private static final Period PERIOD = new Period(2021, 2025);
    private static final Instant T0 = Instant.parse("2022-01-05T02:00:00Z");
    private static final AtomicInteger PLANS = new AtomicInteger();

    private static TestMongo mongo;
    private static MongoClient client;
    private static TimelineFeed feed;

    @BeforeContainer
    static void start() {
        mongo = TestMongo.start();
        client = MongoClients.create(mongo.uri("fold"));
        feed = new TimelineFeed(client.getDatabase("fold"));
    }

    @AfterContainer
    static void stop() {
        client.close();
        mongo.close();
    }

    @Property(tries = 120, edgeCases = EdgeCasesMode.NONE, shrinking = ShrinkingMode.FULL)
    void thePlanAsOfAnyPointOfViewIsTheFoldOfWhatWasKnownAndInEffect(
            @ForAll("actions") List<Action> actions, @ForAll("looks") List<Look> looks) throws Exception {
        History history = History.of("FOLD-" + PLANS.incrementAndGet(), actions);
        for (Recorded recorded : history.events) {
            feed.handle(recorded.message());
        }
        PlanTimeline timeline = feed.timeline(history.plan).orElseThrow();
        for (Look look : looks) {
            TimePoint point = history.point(look);
            String actual;
            try {
                TimelineReader.requireAdopted(timeline, point, "asOf");
                actual = render(PlanAsOfAssembler.assemble(timeline, point, look.pendingLimit()));
            } catch (QueryProblem problem) {
                actual = "404 " + Objects.requireNonNull(problem.getBody().getProperties()).get("parameter");
            }
            String expected = new Fold(history.events, point).render(look.pendingLimit());
            assertThat(actual).as("plan as of %s known at %s (pendingLimit %d) after%n%s", point.asOf(),
                    point.knownAt(), look.pendingLimit(), history.describe()).isEqualTo(expected);
        }
    }

    // ---- generation ----

    enum Kind {
        REVISE_TARGET, CORRECT_BASELINE, SET_MILESTONE, RETIRE_INDICATOR, AMEND_GOAL, AMEND_TASK, RETIRE_TASK,
        ADOPT_INDICATOR, ADOPT_TASK, OPEN_EVALUATION, RECORD_FINDING, CORRECT_FINDING, WITHDRAW_FINDING,
        PUBLISH_EVALUATION
    }

    /**
     * One thing a registrar or evaluator tries to do, in abstract choices: {@code a} picks the element, {@code b},
     * {@code c}, {@code d} the values, {@code effective} the effective date, {@code gap} the time since the previous
     * recording. Interpreted against what was recorded before it (see {@link History}).
     */
    record Action(Kind kind, int a, int b, int c, int d, int effective, int gap) {
    }

    /**
     * A point of view: an effective date of the history shifted by a day either way or not (a choice from 190 on: a
     * date before the adoption, or long after every date), and a recording instant of the history shifted by a
     * second either way or not (from 190 on: before the first recording, or long after the last); and how many
     * pending changes to list.
     */
    record Look(int asOf, int asOfShift, int knownAt, int knownAtShift, int pendingLimit) {
    }

    @Provide
    Arbitrary<List<Action>> actions() {
        Arbitrary<Kind> kind = Arbitraries.frequency(
                Tuple.of(4, Kind.REVISE_TARGET), Tuple.of(3, Kind.CORRECT_BASELINE), Tuple.of(3, Kind.SET_MILESTONE),
                Tuple.of(1, Kind.RETIRE_INDICATOR), Tuple.of(2, Kind.AMEND_GOAL), Tuple.of(2, Kind.AMEND_TASK),
                Tuple.of(1, Kind.RETIRE_TASK), Tuple.of(1, Kind.ADOPT_INDICATOR), Tuple.of(1, Kind.ADOPT_TASK),
                Tuple.of(3, Kind.OPEN_EVALUATION), Tuple.of(4, Kind.RECORD_FINDING), Tuple.of(3, Kind.CORRECT_FINDING),
                Tuple.of(2, Kind.WITHDRAW_FINDING), Tuple.of(1, Kind.PUBLISH_EVALUATION));
        Arbitrary<Integer> choice = Arbitraries.integers().between(0, 9);
        Arbitrary<Integer> effective = Arbitraries.integers().between(0, 23);
        Arbitrary<Integer> gap = Arbitraries.integers().between(0, 4);
        return Combinators.combine(kind, choice, choice, choice, choice, effective, gap).as(Action::new)
                .list().ofMaxSize(40).withSizeDistribution(RandomDistribution.uniform());
    }

    @Provide
    Arbitrary<List<Look>> looks() {
        Arbitrary<Integer> index = Arbitraries.integers().between(0, 200);
        Arbitrary<Integer> shift = Arbitraries.integers().between(-1, 1);
        Arbitrary<Integer> limit = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(1000)),
                Tuple.of(1, Arbitraries.integers().between(1, 4)));
        return Combinators.combine(index, shift, index, shift, limit).as(Look::new).list().ofMinSize(1).ofMaxSize(12);
    }

    /** An event as the store holds it: its global sequence and recording time (the message timestamp). */
    record Recorded(long sequence, Instant recordedAt, PlanEvent event) {

        GenericDomainEventMessage<PlanEvent> message() {
            return new GenericDomainEventMessage<>("Plan", event.planCode(), sequence - 1, event,
                    MetaData.with(MongoEventStorageEngine.GLOBAL_SEQUENCE, sequence).and("actor", "registrar"),
                    event.planCode() + "-" + sequence, recordedAt);
        }

        LocalDate effectiveFrom() {
            return event.effectiveFrom();
        }

        @Override
        public String toString() {
            return "#" + sequence + " recorded " + recordedAt + " effective " + event.effectiveFrom() + " " + event;
        }
    }

    /** A generated history: the actions interpreted, in recording order, against the command side's rules. */
    static final class History {

        final String plan;
        final List<Recorded> events = new ArrayList<>();
        private Instant clock = T0;

        // What the command side knows, in recording order: only to keep histories to those it accepts.
        private final Map<String, IndicatorModel> indicators = new LinkedHashMap<>();
        private final Map<String, TaskModel> tasks = new LinkedHashMap<>();
        private String goalTitle = "G1 title 0";
        private String goalDescription = "G1 description 0";
        private final Map<String, EvaluationModel> evaluations = new LinkedHashMap<>();

        private History(String plan) {
            this.plan = plan;
        }

        static History of(String plan, List<Action> actions) {
            History history = new History(plan);
            history.adopt();
            for (Action action : actions) {
                PlanEvent event = history.interpret(action);
                if (event != null) {
                    history.record(action.gap(), event);
                }
            }
            return history;
        }

        private void adopt() {
            record(0, new PlanAdoptedEvent(plan, "Plan " + plan, null, "2022-01", ADOPTED_ON, PERIOD, 2035, "fold"));
            record(0, new GoalAdoptedEvent(plan, "G1", goalTitle, 2025, goalDescription, ADOPTED_ON, null, null));
            record(0, adoptIndicator("I1", new Baseline(2020, decimal(10)), ADOPTED_ON));
            record(0, adoptIndicator("I2", new Baseline(2020, decimal(20)), ADOPTED_ON));
            record(0, adoptIndicator("I3", null, ADOPTED_ON));
            record(0, new SectionAdoptedEvent(plan, "S1", "Section 1", null, ADOPTED_ON));
            record(0, adoptTask("T1", "S1", ADOPTED_ON));
            record(0, adoptTask("T2", null, ADOPTED_ON));
        }

        private IndicatorAdoptedEvent adoptIndicator(String code, Baseline baseline, LocalDate effective) {
            Target target = new Target(2025, decimal(100), Qualifier.ABOUT);
            indicators.put(code, new IndicatorModel(target, baseline));
            return new IndicatorAdoptedEvent(plan, code, indicators.size(), "category", null, "indicator " + code,
                    "亿元", Nature.EXPECTED, baseline, target, List.of(), effective,
                    effective.equals(ADOPTED_ON) ? null : "added", null);
        }

        private TaskAdoptedEvent adoptTask(String code, String section, LocalDate effective) {
            TaskModel task = new TaskModel(code + " title 0", code + " text 0");
            tasks.put(code, task);
            return new TaskAdoptedEvent(plan, code, section, task.title, task.text, effective,
                    effective.equals(ADOPTED_ON) ? null : "added", null);
        }

        private void record(int gap, PlanEvent event) {
            clock = clock.plus(switch (gap) {
                case 0 -> Duration.ZERO;
                case 1 -> Duration.ofSeconds(1);
                case 2 -> Duration.ofDays(1);
                case 3 -> Duration.ofDays(20);
                default -> Duration.ofDays(75);
            });
            events.add(new Recorded(events.size() + 1, clock, event));
        }

        /** The event the action produces, or null when the command side would refuse it. */
        private PlanEvent interpret(Action x) {
            LocalDate adjustment = ADOPTED_ON.plusMonths(3L * (x.effective() % 16)); // within the period
            LocalDate evaluationDate = ADOPTED_ON.plusMonths(3L * x.effective()); // on or after adoption
            switch (x.kind()) {
                case REVISE_TARGET -> {
                    String code = pick(liveIndicators(), x.a());
                    if (code == null) {
                        return null;
                    }
                    IndicatorModel indicator = indicators.get(code);
                    Target target = new Target(x.d() % 3 == 0 ? 2024 : 2025, decimal(100 + x.b() % 6),
                            x.c() % 2 == 0 ? Qualifier.ABOUT : Qualifier.AT_LEAST);
                    if (target.sameAs(indicator.target)) {
                        return null;
                    }
                    Target previous = indicator.target;
                    indicator.target = target;
                    return new IndicatorTargetRevisedEvent(plan, code, previous, target, adjustment, "revised",
                            "ref " + x.c(), x.d() % 2 == 0 ? null : LocalDate.of(2023, 1, 1 + x.d()));
                }
                case CORRECT_BASELINE -> {
                    String code = pick(liveIndicators(), x.a());
                    if (code == null) {
                        return null;
                    }
                    IndicatorModel indicator = indicators.get(code);
                    Baseline baseline = new Baseline(indicator.baseline == null ? 2020 : indicator.baseline.year(),
                            decimal(10 + x.b() % 5));
                    if (baseline.sameAs(indicator.baseline)) {
                        return null;
                    }
                    Baseline previous = indicator.baseline;
                    indicator.baseline = baseline;
                    return new IndicatorBaselineCorrectedEvent(plan, code, previous, baseline, adjustment,
                            "corrected", null);
                }
                case SET_MILESTONE -> {
                    String code = pick(liveIndicators(), x.a());
                    if (code == null) {
                        return null;
                    }
                    IndicatorModel indicator = indicators.get(code);
                    int year = 2021 + x.b() % 5;
                    BigDecimal value = decimal(50 + x.c() % 4);
                    BigDecimal previous = indicator.milestones.get(year);
                    if (previous != null && previous.compareTo(value) == 0) {
                        return null;
                    }
                    indicator.milestones.put(year, value);
                    return new MilestoneSetEvent(plan, code, year, previous, value, adjustment,
                            previous == null ? null : "reset", null);
                }
                case RETIRE_INDICATOR -> {
                    String code = pick(liveIndicators(), x.a());
                    if (code == null) {
                        return null;
                    }
                    indicators.get(code).retired = true;
                    return new IndicatorRetiredEvent(plan, code, adjustment, "retired", null);
                }
                case AMEND_GOAL -> {
                    String title = "G1 title " + x.b() % 3;
                    String description = x.c() % 4 == 3 ? null : "G1 description " + x.c() % 3;
                    if (title.equals(goalTitle) && Objects.equals(description, goalDescription)) {
                        return null;
                    }
                    goalTitle = title;
                    goalDescription = description;
                    return new GoalAmendedEvent(plan, "G1", title, description, adjustment, "amended", null);
                }
                case AMEND_TASK -> {
                    String code = pick(liveTasks(), x.a());
                    if (code == null) {
                        return null;
                    }
                    TaskModel task = tasks.get(code);
                    String title = code + " title " + x.b() % 3;
                    String text = code + " text " + x.c() % 3;
                    if (title.equals(task.title) && text.equals(task.text)) {
                        return null;
                    }
                    task.title = title;
                    task.text = text;
                    return new TaskAmendedEvent(plan, code, title, text, adjustment, "amended", null);
                }
                case RETIRE_TASK -> {
                    String code = pick(liveTasks(), x.a());
                    if (code == null) {
                        return null;
                    }
                    tasks.get(code).retired = true;
                    return new TaskRetiredEvent(plan, code, adjustment, "retired", null);
                }
                case ADOPT_INDICATOR -> {
                    if (indicators.size() >= 5) {
                        return null;
                    }
                    return adoptIndicator("I" + (indicators.size() + 1),
                            x.b() % 2 == 0 ? null : new Baseline(2020, decimal(30 + x.c() % 3)), adjustment);
                }
                case ADOPT_TASK -> {
                    if (tasks.size() >= 4) {
                        return null;
                    }
                    return adoptTask("T" + (tasks.size() + 1), x.b() % 2 == 0 ? null : "S1", adjustment);
                }
                case OPEN_EVALUATION -> {
                    if (evaluations.size() >= 3) {
                        return null;
                    }
                    String id = "E" + (evaluations.size() + 1);
                    int from = 2023 + x.b() % 2; // few years, so that findings about one year compete
                    int to = Math.min(2025, from + x.c() % 2);
                    evaluations.put(id, new EvaluationModel(from, to));
                    return new EvaluationOpenedEvent(plan, id, EvaluationKind.ANNUAL, "evaluator", from, to,
                            evaluationDate);
                }
                case RECORD_FINDING -> {
                    String id = pick(openEvaluations(), x.a());
                    String subject = x.b() < 7 ? pick(liveIndicators(), x.b()) : pick(liveTasks(), x.b());
                    if (id == null || subject == null) {
                        return null;
                    }
                    EvaluationModel evaluation = evaluations.get(id);
                    SubjectKind kind = subject.startsWith("I") ? SubjectKind.INDICATOR : SubjectKind.TASK;
                    int year = evaluation.from + x.c() % (evaluation.to - evaluation.from + 1);
                    String findingId = id + "-F" + (evaluation.findings.size() + 1);
                    evaluation.findings.put(findingId, new FindingModel(kind, subject));
                    return new FindingRecordedEvent(plan, id, findingId, kind, subject, year,
                            observed(kind, x.d()), kind == SubjectKind.INDICATOR ? "亿元" : null,
                            assessment(x.d()), "evidence", null, evaluationDate);
                }
                case CORRECT_FINDING, WITHDRAW_FINDING -> {
                    List<String> live = new ArrayList<>();
                    for (Map.Entry<String, EvaluationModel> e : evaluations.entrySet()) {
                        if (!e.getValue().published) {
                            e.getValue().findings.forEach((findingId, finding) -> {
                                if (!finding.withdrawn && (x.kind() == Kind.WITHDRAW_FINDING || subjectLive(finding))) {
                                    live.add(e.getKey() + "/" + findingId);
                                }
                            });
                        }
                    }
                    String chosen = pick(live, x.a());
                    if (chosen == null) {
                        return null;
                    }
                    String id = chosen.substring(0, chosen.indexOf('/'));
                    String findingId = chosen.substring(chosen.indexOf('/') + 1);
                    FindingModel finding = evaluations.get(id).findings.get(findingId);
                    if (x.kind() == Kind.WITHDRAW_FINDING) {
                        finding.withdrawn = true;
                        return new FindingWithdrawnEvent(plan, id, findingId, evaluationDate, "withdrawn");
                    }
                    return new FindingCorrectedEvent(plan, id, findingId, observed(finding.kind, x.d() + x.b()),
                            assessment(x.c()), "evidence " + x.b(), null, evaluationDate, "corrected");
                }
                case PUBLISH_EVALUATION -> {
                    String id = pick(openEvaluations(), x.a());
                    if (id == null) {
                        return null;
                    }
                    evaluations.get(id).published = true;
                    return new EvaluationPublishedEvent(plan, id, evaluationDate);
                }
                default -> throw new IllegalStateException("unknown action " + x);
            }
        }

        private boolean subjectLive(FindingModel finding) {
            return finding.kind == SubjectKind.INDICATOR ? !indicators.get(finding.subject).retired
                    : !tasks.get(finding.subject).retired;
        }

        private static BigDecimal observed(SubjectKind kind, int choice) {
            return kind == SubjectKind.TASK ? null : decimal(40 + choice % 7);
        }

        private static Assessment assessment(int choice) {
            return Assessment.values()[choice % 4];
        }

        private List<String> liveIndicators() {
            return indicators.entrySet().stream().filter(e -> !e.getValue().retired).map(Map.Entry::getKey).toList();
        }

        private List<String> liveTasks() {
            return tasks.entrySet().stream().filter(e -> !e.getValue().retired).map(Map.Entry::getKey).toList();
        }

        private List<String> openEvaluations() {
            return evaluations.entrySet().stream().filter(e -> !e.getValue().published).map(Map.Entry::getKey)
                    .toList();
        }

        private static String pick(List<String> choices, int choice) {
            return choices.isEmpty() ? null : choices.get(choice % choices.size());
        }

        /** The point of view a look asks for, among this history's own dates and instants (and beyond them). */
        TimePoint point(Look look) {
            List<LocalDate> dates = new ArrayList<>(new TreeSet<>(events.stream().map(Recorded::effectiveFrom)
                    .toList()));
            List<Instant> instants = new ArrayList<>(new TreeSet<>(events.stream().map(Recorded::recordedAt)
                    .toList()));
            LocalDate asOf = look.asOf() >= 195 ? ADOPTED_ON.minusDays(10)
                    : look.asOf() >= 190 ? LocalDate.of(2028, 1, 1) : dates.get(look.asOf() % dates.size());
            Instant knownAt = look.knownAt() >= 195 ? T0.minus(Duration.ofDays(1))
                    : look.knownAt() >= 190 ? Instant.parse("2099-01-01T00:00:00Z")
                    : instants.get(look.knownAt() % instants.size());
            return new TimePoint(asOf.plusDays(look.asOfShift()), knownAt.plusSeconds(look.knownAtShift()));
        }

        String describe() {
            return events.stream().map(Recorded::toString).collect(Collectors.joining("\n"));
        }
    }

    private static final class IndicatorModel {
        Target target;
        Baseline baseline;
        final Map<Integer, BigDecimal> milestones = new HashMap<>();
        boolean retired;

        IndicatorModel(Target target, Baseline baseline) {
            this.target = target;
            this.baseline = baseline;
        }
    }

    private static final class TaskModel {
        String title;
        String text;
        boolean retired;

        TaskModel(String title, String text) {
            this.title = title;
            this.text = text;
        }
    }

    private static final class EvaluationModel {
        final int from;
        final int to;
        boolean published;
        final Map<String, FindingModel> findings = new LinkedHashMap<>();

        EvaluationModel(int from, int to) {
            this.from = from;
            this.to = to;
        }
    }

    private static final class FindingModel {
        final SubjectKind kind;
        final String subject;
        boolean withdrawn;

        FindingModel(SubjectKind kind, String subject) {
            this.kind = kind;
            this.subject = subject;
        }
    }

    // ---- the fold ----

    /** A value with the effective date of the event that set it. */
    record Dated<T>(T value, LocalDate since) {
    }

    /** Everything the fold keeps about one element; attributes stay null until an event sets them. */
    private static final class Element {
        final String kind;
        final String code;
        boolean adopted;
        LocalDate adoptedFrom;
        String section;
        Integer horizon;
        Dated<Target> target;
        Dated<Baseline> baseline;
        final Map<Integer, Dated<BigDecimal>> milestones = new TreeMap<>();
        Dated<String> title;
        Dated<String> text;
        LocalDate retiredFrom;
        LocalDate publishedOn;

        Element(String kind, String code) {
            this.kind = kind;
            this.code = code;
        }
    }

    /** A finding as the fold has it: what its recording fixed, and the last recording/correction/withdrawal applied. */
    private static final class Finding {
        final FindingRecordedEvent recording;
        BigDecimal observed;
        Assessment assessment;
        boolean corrected;
        boolean withdrawn = true; // until an event about it is applied, it is not shown
        LocalDate effectiveFrom;
        long sequence;

        Finding(FindingRecordedEvent recording) {
            this.recording = recording;
        }

        String id() {
            return recording.evaluationId() + "/" + recording.findingId();
        }
    }

    /** The naive fold: filter by both times, sort by effective date then global sequence, apply one by one. */
    static final class Fold {

        private final List<Recorded> all;
        private final TimePoint point;
        private final Map<String, Element> elements = new HashMap<>();
        private final Map<String, Finding> findings = new HashMap<>();
        /** Where each element and finding comes in the plan: the global sequence of its adoption or recording. */
        private final Map<String, Long> order = new HashMap<>();

        Fold(List<Recorded> all, TimePoint point) {
            this.all = all;
            this.point = point;
            for (Recorded r : all) {
                if (r.event() instanceof FindingRecordedEvent f) {
                    findings.put(f.evaluationId() + "/" + f.findingId(), new Finding(f));
                    order.put(f.evaluationId() + "/" + f.findingId(), r.sequence());
                }
                String adopted = adoptedLabel(r.event());
                if (adopted != null) {
                    order.putIfAbsent(adopted, r.sequence());
                }
            }
            all.stream()
                    .filter(r -> !r.recordedAt().isAfter(point.knownAt()))
                    .filter(r -> !r.effectiveFrom().isAfter(point.asOf()))
                    .sorted(Comparator.comparing(Recorded::effectiveFrom).thenComparingLong(Recorded::sequence))
                    .forEach(this::apply);
        }

        private static String adoptedLabel(PlanEvent event) {
            if (event instanceof GoalAdoptedEvent e) {
                return "goal " + e.goalCode();
            } else if (event instanceof IndicatorAdoptedEvent e) {
                return "indicator " + e.indicatorCode();
            } else if (event instanceof SectionAdoptedEvent e) {
                return "section " + e.sectionCode();
            } else if (event instanceof TaskAdoptedEvent e) {
                return "task " + e.taskCode();
            } else if (event instanceof EvaluationOpenedEvent e) {
                return "evaluation " + e.evaluationId();
            }
            return null;
        }

        private Element element(String kind, String code) {
            return elements.computeIfAbsent(kind + " " + code, label -> new Element(kind, code));
        }

        private void apply(Recorded r) {
            LocalDate on = r.effectiveFrom();
            PlanEvent event = r.event();
            if (event instanceof GoalAdoptedEvent e) {
                Element goal = adopt(element("goal", e.goalCode()), on);
                goal.horizon = e.horizon();
                goal.title = new Dated<>(e.title(), on);
                goal.text = new Dated<>(e.description(), on);
            } else if (event instanceof GoalAmendedEvent e) {
                Element goal = element("goal", e.goalCode());
                goal.title = new Dated<>(e.title(), on);
                goal.text = new Dated<>(e.description(), on);
            } else if (event instanceof IndicatorAdoptedEvent e) {
                Element indicator = adopt(element("indicator", e.indicatorCode()), on);
                indicator.target = new Dated<>(e.target(), on);
                if (e.baseline() != null) {
                    indicator.baseline = new Dated<>(e.baseline(), on);
                }
            } else if (event instanceof IndicatorTargetRevisedEvent e) {
                element("indicator", e.indicatorCode()).target = new Dated<>(e.target(), on);
            } else if (event instanceof IndicatorBaselineCorrectedEvent e) {
                element("indicator", e.indicatorCode()).baseline = new Dated<>(e.baseline(), on);
            } else if (event instanceof MilestoneSetEvent e) {
                element("indicator", e.indicatorCode()).milestones.put(e.year(), new Dated<>(e.value(), on));
            } else if (event instanceof IndicatorRetiredEvent e) {
                element("indicator", e.indicatorCode()).retiredFrom = on;
            } else if (event instanceof SectionAdoptedEvent e) {
                adopt(element("section", e.sectionCode()), on);
            } else if (event instanceof TaskAdoptedEvent e) {
                Element task = adopt(element("task", e.taskCode()), on);
                task.section = e.sectionCode();
                task.title = new Dated<>(e.title(), on);
                task.text = new Dated<>(e.text(), on);
            } else if (event instanceof TaskAmendedEvent e) {
                Element task = element("task", e.taskCode());
                task.title = new Dated<>(e.title(), on);
                task.text = new Dated<>(e.text(), on);
            } else if (event instanceof TaskRetiredEvent e) {
                element("task", e.taskCode()).retiredFrom = on;
            } else if (event instanceof EvaluationOpenedEvent e) {
                adopt(element("evaluation", e.evaluationId()), on);
            } else if (event instanceof EvaluationPublishedEvent e) {
                element("evaluation", e.evaluationId()).publishedOn = on;
            } else if (event instanceof FindingRecordedEvent e) {
                setFinding(e.evaluationId(), e.findingId(), r, e.observedValue(), e.assessment(), false, false);
            } else if (event instanceof FindingCorrectedEvent e) {
                setFinding(e.evaluationId(), e.findingId(), r, e.observedValue(), e.assessment(), true, false);
            } else if (event instanceof FindingWithdrawnEvent e) {
                setFinding(e.evaluationId(), e.findingId(), r, null, null, true, true);
            } else if (!(event instanceof PlanAdoptedEvent)) {
                throw new IllegalStateException("the fold does not know " + event);
            }
        }

        private static Element adopt(Element element, LocalDate on) {
            element.adopted = true;
            element.adoptedFrom = on;
            return element;
        }

        private void setFinding(String evaluation, String id, Recorded r, BigDecimal observed, Assessment assessment,
                             boolean corrected, boolean withdrawn) {
            Finding finding = findings.get(evaluation + "/" + id);
            finding.observed = observed;
            finding.assessment = assessment;
            finding.corrected = corrected;
            finding.withdrawn = withdrawn;
            finding.effectiveFrom = r.effectiveFrom();
            finding.sequence = r.sequence();
        }

        private boolean live(Element e) {
            return e.adopted && e.retiredFrom == null;
        }

        private List<Element> live(String kind) {
            return inPlanOrder().stream().filter(e -> e.kind.equals(kind) && live(e)).toList();
        }

        private List<Element> inPlanOrder() {
            return elements.entrySet().stream().filter(e -> order.containsKey(e.getKey()))
                    .sorted(Comparator.comparing(e -> order.get(e.getKey()))).map(Map.Entry::getValue).toList();
        }

        private List<Finding> findingsShown(java.util.function.Predicate<FindingRecordedEvent> about) {
            return findings.values().stream().filter(f -> !f.withdrawn && about.test(f.recording))
                    .sorted(Comparator.comparing(f -> order.get(f.id()))).toList();
        }

        String render(int pendingLimit) {
            Recorded adoption = all.get(0);
            if (adoption.recordedAt().isAfter(point.knownAt())) {
                return "404 knownAt";
            }
            if (adoption.effectiveFrom().isAfter(point.asOf())) {
                return "404 asOf";
            }
            List<String> lines = new ArrayList<>();
            for (Element goal : live("goal")) {
                lines.add(goal(goal.code, goal.title.value(), goal.text.value(), goal.horizon));
            }
            List<String> sections = new ArrayList<>();
            for (Element section : live("section")) {
                sections.add(section.code);
                lines.add("section " + section.code);
                for (Element task : live("task")) {
                    if (section.code.equals(task.section)) {
                        lines.add(task(task.code, task.section, task.title.value(), task.text.value()));
                    }
                }
            }
            for (Element task : live("task")) {
                if (!sections.contains(task.section)) {
                    lines.add("unsectioned " + task(task.code, task.section, task.title.value(), task.text.value()));
                }
            }
            for (Element i : live("indicator")) {
                Finding latest = findingsShown(f -> f.subjectKind() == SubjectKind.INDICATOR
                        && f.subjectCode().equals(i.code)).stream()
                        .max(Comparator.comparingInt((Finding f) -> f.recording.year())
                                .thenComparing(f -> f.effectiveFrom).thenComparingLong(f -> f.sequence))
                        .orElse(null);
                lines.add(indicator(i.code, i.target == null ? null : i.target.value(),
                        i.target == null ? null : i.target.since(), i.baseline == null ? null : i.baseline.value(),
                        i.baseline == null ? null : i.baseline.since(),
                        i.milestones.entrySet().stream().map(m -> milestone(m.getKey(), m.getValue().value(),
                                m.getValue().since())).toList(), latest == null ? null : finding(latest)));
            }
            for (Element e : live("evaluation")) {
                lines.add(evaluation(e.code, e.adoptedFrom, e.publishedOn != null, e.publishedOn));
                for (Finding f : findingsShown(f -> f.evaluationId().equals(e.code))) {
                    lines.add("  " + finding(f));
                }
            }
            for (Element e : inPlanOrder()) {
                if (e.adopted && e.retiredFrom != null) {
                    lines.add(retired(e.kind + " " + e.code, e.retiredFrom));
                }
            }
            List<Recorded> pending = all.stream()
                    .filter(r -> !r.recordedAt().isAfter(point.knownAt()))
                    .filter(r -> r.effectiveFrom().isAfter(point.asOf()))
                    .sorted(Comparator.comparing(Recorded::effectiveFrom).thenComparingLong(Recorded::sequence))
                    .toList();
            List<Long> changes = new ArrayList<>();
            for (Recorded r : pending) {
                for (int i = 0; i < attributesSet(r.event()); i++) {
                    changes.add(r.sequence());
                }
            }
            lines.add(pending(changes.subList(0, Math.min(pendingLimit, changes.size())), changes.size()));
            return String.join("\n", lines);
        }

        /** How many attributes (pending changes) an event sets: its adoption and each value it states. */
        private static int attributesSet(PlanEvent event) {
            if (event instanceof GoalAdoptedEvent || event instanceof TaskAdoptedEvent) {
                return 3; // adopted, title, description/text
            } else if (event instanceof IndicatorAdoptedEvent e) {
                return e.baseline() == null ? 2 : 3; // adopted, target, baseline
            } else if (event instanceof GoalAmendedEvent || event instanceof TaskAmendedEvent) {
                return 2;
            }
            return 1;
        }

        private static String finding(Finding f) {
            return PlanViewAgreesWithAFoldTest.finding(f.recording.evaluationId(), f.recording.findingId(), f.recording.subjectKind(),
                    f.recording.subjectCode(), f.recording.year(), f.observed, f.assessment, f.corrected,
                    f.effectiveFrom, f.sequence);
        }
    }

    // ---- one text for both sides, so a disagreement reads as a diff ----

    static String render(PlanAsOfView view) {
        List<String> lines = new ArrayList<>();
        view.goals().forEach(g -> lines.add(goal(g.code(), g.title(), g.description(), g.horizon())));
        for (PlanAsOfView.Section section : view.sections()) {
            lines.add("section " + section.code());
            section.tasks().forEach(t -> lines.add(task(t.code(), t.sectionCode(), t.title(), t.text())));
        }
        view.unsectionedTasks().forEach(t -> lines.add("unsectioned " + task(t.code(), t.sectionCode(), t.title(),
                t.text())));
        for (PlanAsOfView.Indicator i : view.indicators()) {
            lines.add(indicator(i.code(), i.target(), i.targetSince(), i.baseline(), i.baselineSince(),
                    i.milestones().stream().map(m -> milestone(m.year(), m.value(), m.since())).toList(),
                    i.latestFinding() == null ? null : finding(i.latestFinding())));
        }
        for (PlanAsOfView.Evaluation e : view.evaluations()) {
            lines.add(evaluation(e.id(), e.openedOn(), e.published(), e.publishedOn()));
            e.findings().forEach(f -> lines.add("  " + finding(f)));
        }
        view.retired().forEach(r -> lines.add(retired(r.element(), r.retiredFrom())));
        lines.add(pending(view.pendingChanges().stream().map(PlanAsOfView.PendingChange::globalSequence).toList(),
                view.pendingChangeCount()));
        return String.join("\n", lines);
    }

    private static String finding(FindingSnapshot f) {
        return finding(f.evaluationId(), f.findingId(), f.subjectKind(), f.subjectCode(), f.year(),
                f.observedValue(), f.assessment(), f.corrected(), f.effectiveFrom(), f.globalSequence());
    }

    private static String goal(String code, String title, String description, Integer horizon) {
        return "goal " + code + " title=" + title + " description=" + description + " horizon=" + horizon;
    }

    private static String task(String code, String section, String title, String text) {
        return "task " + code + " in " + section + " title=" + title + " text=" + text;
    }

    private static String indicator(String code, Target target, LocalDate targetSince, Baseline baseline,
                                    LocalDate baselineSince, List<String> milestones, String latestFinding) {
        return "indicator " + code
                + " target=" + (target == null ? null : target.year() + ":" + plain(target.value()) + " "
                + target.qualifier()) + " since " + targetSince
                + " baseline=" + (baseline == null ? null : baseline.year() + ":" + plain(baseline.value()))
                + " since " + baselineSince
                + " milestones=" + milestones + " latestFinding=" + latestFinding;
    }

    private static String milestone(int year, BigDecimal value, LocalDate since) {
        return year + ":" + plain(value) + " since " + since;
    }

    private static String finding(String evaluation, String id, SubjectKind kind, String subject, int year,
                                  BigDecimal observed, Assessment assessment, boolean corrected, LocalDate effective,
                                  long sequence) {
        return "finding " + evaluation + "/" + id + " on " + kind + " " + subject + " for " + year + ": "
                + plain(observed) + " " + assessment + (corrected ? " corrected" : "") + " effective " + effective
                + " #" + sequence;
    }

    private static String evaluation(String id, LocalDate openedOn, boolean published, LocalDate publishedOn) {
        return "evaluation " + id + " opened " + openedOn + " published=" + published + " on " + publishedOn;
    }

    private static String retired(String element, LocalDate from) {
        return "retired " + element + " from " + from;
    }

    private static String pending(List<Long> first, int count) {
        return "pending " + count + ", first " + first;
    }

    private static String plain(BigDecimal value) {
        return value == null ? null : value.stripTrailingZeros().toPlainString();
    }

    private static BigDecimal decimal(int value) {
        return BigDecimal.valueOf(value);
    }
}
