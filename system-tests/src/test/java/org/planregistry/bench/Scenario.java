package org.planregistry.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.planregistry.api.Assessment;
import org.planregistry.api.Baseline;
import org.planregistry.api.EvaluationKind;
import org.planregistry.api.FindingSpan;
import org.planregistry.api.MeasurementBasis;
import org.planregistry.api.Nature;
import org.planregistry.api.Period;
import org.planregistry.api.PlanCommand;
import org.planregistry.api.PlanCommand.AdoptIndicatorCommand;
import org.planregistry.api.PlanCommand.AdoptPlanCommand;
import org.planregistry.api.PlanCommand.OpenEvaluationCommand;
import org.planregistry.api.PlanCommand.PublishEvaluationCommand;
import org.planregistry.api.PlanCommand.RecordFindingCommand;
import org.planregistry.api.PlanCommand.ReviseIndicatorTargetCommand;
import org.planregistry.api.PlanCommand.SetMilestoneCommand;
import org.planregistry.api.PlanEvent;
import org.planregistry.api.PlanEvent.IndicatorAdoptedEvent;
import org.planregistry.api.PlanEvent.IndicatorTargetRevisedEvent;
import org.planregistry.api.PlanEvent.MilestoneSetEvent;
import org.planregistry.api.PlanEvent.PlanAdoptedEvent;
import org.planregistry.api.Qualifier;
import org.planregistry.api.SubjectKind;
import org.planregistry.api.Target;
import org.yaml.snakeyaml.Yaml;

/**
 * What the benchmarks write: synthetic plans driven through commands, the adjustment history of the shipped Shenzhen
 * plan, and filler plans' events. Everything is deterministic, so two runs write the same store.
 */
final class Scenario {

    static final String SHIPPED_PLAN_RESOURCE = "plans/shenzhen-finance-14fyp.yaml";
    static final String SHENZHEN = "SZ-FIN-14FYP";
    static final int INDICATORS_PER_PLAN = 10;
    private static final LocalDate BENCH_ADOPTED = LocalDate.of(2021, 1, 1);
    private static final Period PERIOD = new Period(2021, 2025);

    private Scenario() {
    }

    // ---- synthetic plans driven through the command gateway ----

    /**
     * The {@code j}-th command of a synthetic plan: its adoption, ten indicators, then target revisions and annual
     * milestones in turn, each an adjustment with an effective date inside the period and a reason. Every command
     * produces exactly one event.
     */
    static PlanCommand benchCommand(String plan, int j) {
        if (j == 0) {
            return new AdoptPlanCommand(plan, "基准测试规划 " + plan, "benchmark", "2021-01", BENCH_ADOPTED, PERIOD,
                    2035, "benchmark");
        }
        if (j <= INDICATORS_PER_PLAN) {
            return new AdoptIndicatorCommand(plan, indicator(j - 1), j, "总体指标", null, "基准指标 " + j, "亿元",
                    Nature.EXPECTED, new Baseline(2020, BigDecimal.valueOf(100)),
                    new Target(2025, BigDecimal.valueOf(200), Qualifier.ABOUT), List.of(), null, null, null);
        }
        int k = j - INDICATORS_PER_PLAN - 1;
        String indicator = indicator((k / 2) % INDICATORS_PER_PLAN);
        LocalDate effective = BENCH_ADOPTED.plusDays((k * 7L) % 1800);
        if (k % 2 == 0) {
            return new ReviseIndicatorTargetCommand(plan, indicator, null, BigDecimal.valueOf(200 + j),
                    Qualifier.ABOUT, null, effective, "基准：目标调整", "BENCH-" + j);
        }
        int year = 2021 + (k / (2 * INDICATORS_PER_PLAN)) % 5;
        return new SetMilestoneCommand(plan, indicator, year, BigDecimal.valueOf(100 + j), null, effective,
                "基准：年度分解", "BENCH-" + j);
    }

    /**
     * {@code total} commands over {@code plans} plans named {@code prefix-0000…}, round robin, so that consecutive
     * commands go to different aggregates.
     */
    static List<PlanCommand> roundRobin(String prefix, int plans, int total) {
        List<PlanCommand> commands = new ArrayList<>(total);
        int rounds = (total + plans - 1) / plans;
        for (int round = 0; round < rounds; round++) {
            for (int p = 0; p < plans && commands.size() < total; p++) {
                commands.add(benchCommand(planCode(prefix, p), round));
            }
        }
        return commands;
    }

    /** Splits commands over {@code threads} so that each plan stays with one thread, in order. */
    static List<List<PlanCommand>> byThread(List<PlanCommand> commands, int threads) {
        List<List<PlanCommand>> split = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            split.add(new ArrayList<>());
        }
        Map<String, Integer> owner = new HashMap<>();
        for (PlanCommand command : commands) {
            int t = owner.computeIfAbsent(command.planCode(), code -> owner.size() % threads);
            split.get(t).add(command);
        }
        return split;
    }

    static String planCode(String prefix, int n) {
        return String.format("%s-%04d", prefix, n);
    }

    private static String indicator(int n) {
        return String.format("I%02d", n + 1);
    }

    // ---- the Shenzhen plan's adjustment history ----

    /** An indicator of the shipped plan as its document defines it. */
    record ShippedIndicator(String code, String unit, BigDecimal target, Qualifier qualifier, MeasurementBasis basis) {
    }

    static byte[] shippedPlanDocument() {
        try (InputStream in = Scenario.class.getClassLoader().getResourceAsStream(SHIPPED_PLAN_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(SHIPPED_PLAN_RESOURCE + " is not on the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static List<ShippedIndicator> shippedIndicators() {
        Map<String, Object> document = new Yaml().load(new String(shippedPlanDocument(),
                java.nio.charset.StandardCharsets.UTF_8));
        List<ShippedIndicator> indicators = new ArrayList<>();
        for (Map<String, Object> indicator : (List<Map<String, Object>>) document.get("indicators")) {
            Map<String, Object> target = (Map<String, Object>) indicator.get("target");
            Map<String, Object> basis = (Map<String, Object>) indicator.get("basis");
            indicators.add(new ShippedIndicator((String) indicator.get("code"), (String) indicator.get("unit"),
                    new BigDecimal(String.valueOf(target.get("value"))),
                    Qualifier.valueOf((String) target.get("qualifier")),
                    basis == null ? MeasurementBasis.LEVEL : MeasurementBasis.valueOf((String) basis.get("kind"))));
        }
        return indicators;
    }

    /**
     * A plausible five years of adjustments of the Shenzhen plan, {@code size} commands recorded in effective-date
     * order: the annual decomposition (a milestone per indicator and year, 2022-01-01), four annual evaluations with
     * a finding per indicator, published (2022–2025), and target revisions spread from 2022-02 to 2025-06. An
     * indicator measured over an interval (I06) has neither milestones nor findings for single years, as the plan
     * requires: the revisions fill the count.
     */
    static List<PlanCommand> shenzhenHistory(List<ShippedIndicator> indicators, int size) {
        record Dated(LocalDate date, int order, PlanCommand command) {
        }
        List<Dated> all = new ArrayList<>();
        int order = 0;
        LocalDate decomposed = LocalDate.of(2022, 1, 1);
        for (ShippedIndicator indicator : yearly(indicators)) {
            for (int year = 2021; year <= 2025; year++) {
                all.add(new Dated(decomposed, order++, new SetMilestoneCommand(SHENZHEN, indicator.code(), year,
                        planned(indicator, year), null, decomposed, "规划分解：年度目标", "深金规〔2022〕1号")));
            }
        }
        for (int year = 2021; year <= 2024; year++) {
            String evaluation = "EVAL-" + year;
            LocalDate opened = LocalDate.of(year + 1, 3, 1);
            all.add(new Dated(opened, order++, new OpenEvaluationCommand(SHENZHEN, evaluation,
                    EvaluationKind.ANNUAL, "深圳市地方金融监督管理局", year, year, opened)));
            LocalDate found = LocalDate.of(year + 1, 3, 15);
            int n = 0;
            for (ShippedIndicator indicator : yearly(indicators)) {
                BigDecimal observed = planned(indicator, year).multiply(BigDecimal.valueOf(95 + (n++ * 7) % 11))
                        .divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP);
                // An accumulated indicator's finding says what it covers: here the year's own amount.
                all.add(new Dated(found, order++, new RecordFindingCommand(SHENZHEN, evaluation, null,
                        SubjectKind.INDICATOR, indicator.code(), year, observed, null,
                        n % 4 == 0 ? Assessment.AT_RISK : Assessment.ON_TRACK, year + "年深圳统计公报", null, found,
                        indicator.basis() == MeasurementBasis.ACCUMULATED ? FindingSpan.YEAR : null)));
            }
            LocalDate published = LocalDate.of(year + 1, 4, 30);
            all.add(new Dated(published, order++, new PublishEvaluationCommand(SHENZHEN, evaluation, published)));
        }
        int revisions = Math.max(0, size - all.size());
        LocalDate first = LocalDate.of(2022, 2, 1);
        long span = first.until(LocalDate.of(2025, 6, 30)).toTotalMonths() * 30;
        for (int k = 0; k < revisions; k++) {
            ShippedIndicator indicator = indicators.get(k % indicators.size());
            int round = k / indicators.size() + 1;
            BigDecimal value = indicator.target().multiply(BigDecimal.valueOf(100 + round))
                    .divide(BigDecimal.valueOf(100), 3, RoundingMode.HALF_UP);
            LocalDate effective = first.plusDays(span * k / Math.max(1, revisions));
            all.add(new Dated(effective, order++, new ReviseIndicatorTargetCommand(SHENZHEN, indicator.code(),
                    null, value, indicator.qualifier(), null, effective, "规划中期调整",
                    "深府办〔" + effective.getYear() + "〕" + (k + 1) + "号")));
        }
        all.sort(Comparator.comparing(Dated::date).thenComparingInt(Dated::order));
        return all.stream().limit(size).map(Dated::command).toList();
    }

    /** The indicators with a figure for each year (not measured over an interval). */
    private static List<ShippedIndicator> yearly(List<ShippedIndicator> indicators) {
        return indicators.stream().filter(i -> i.basis() != MeasurementBasis.INTERVAL).toList();
    }

    private static BigDecimal planned(ShippedIndicator indicator, int year) {
        return indicator.target().multiply(BigDecimal.valueOf(80 + (year - 2021) * 5))
                .divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP);
    }

    // ---- filler: other plans' events, appended through the storage engine ----

    /**
     * The first {@code count} events of a filler plan: adoption, ten indicators, then target revisions and
     * milestones in turn, consistent with each other (each revision names the target it replaces).
     */
    static List<PlanEvent> fillerPlan(String plan, int count) {
        List<PlanEvent> events = new ArrayList<>(count);
        Map<String, Target> targets = new HashMap<>();
        Map<String, BigDecimal> milestones = new HashMap<>();
        for (int j = 0; j < count; j++) {
            if (j == 0) {
                events.add(new PlanAdoptedEvent(plan, "填充规划 " + plan, "benchmark", "2021-01", BENCH_ADOPTED,
                        PERIOD, 2035, "benchmark"));
                continue;
            }
            if (j <= INDICATORS_PER_PLAN) {
                String code = indicator(j - 1);
                Target target = new Target(2025, BigDecimal.valueOf(200), Qualifier.ABOUT);
                targets.put(code, target);
                events.add(new IndicatorAdoptedEvent(plan, code, j, "总体指标", null, "填充指标 " + j, "亿元",
                        Nature.EXPECTED, new Baseline(2020, BigDecimal.valueOf(100)), target, List.of(),
                        BENCH_ADOPTED, null, null));
                continue;
            }
            int k = j - INDICATORS_PER_PLAN - 1;
            String code = indicator((k / 2) % INDICATORS_PER_PLAN);
            LocalDate effective = BENCH_ADOPTED.plusDays((k * 7L) % 1800);
            if (k % 2 == 0) {
                Target target = new Target(2025, BigDecimal.valueOf(200 + j), Qualifier.ABOUT);
                events.add(new IndicatorTargetRevisedEvent(plan, code, targets.put(code, target), target, effective,
                        "填充：目标调整", "FILL-" + j));
            } else {
                int year = 2021 + (k / (2 * INDICATORS_PER_PLAN)) % 5;
                BigDecimal value = BigDecimal.valueOf(100 + j);
                events.add(new MilestoneSetEvent(plan, code, year, milestones.put(code + "/" + year, value), value,
                        effective, "填充：年度分解", "FILL-" + j));
            }
        }
        return events;
    }
}
