package org.planregistry.query;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.planregistry.api.Baseline;
import org.planregistry.api.Item;
import org.planregistry.api.Nature;
import org.planregistry.api.Period;
import org.planregistry.api.PlanEvent.ColumnAdoptedEvent;
import org.planregistry.api.PlanEvent.GoalAdoptedEvent;
import org.planregistry.api.PlanEvent.IndicatorAdoptedEvent;
import org.planregistry.api.PlanEvent.PlanAdoptedEvent;
import org.planregistry.api.PlanEvent.SafeguardAdoptedEvent;
import org.planregistry.api.PlanEvent.SectionAdoptedEvent;
import org.planregistry.api.PlanEvent.TaskAdoptedEvent;
import org.planregistry.api.Qualifier;
import org.planregistry.api.SafeguardKind;
import org.planregistry.api.Target;

/**
 * A small slice of the Shenzhen financial industry 14th Five-Year Plan, adopted under a code of the test's choice so
 * that each test owns its plan in the shared store. I03's baseline is the prose figure 10.2, which tests correct to
 * the table's 10.1; I18 has no baseline ("--" in the table).
 */
final class ShenzhenPlan {

    static final String ADOPTION_RECORDED = "2022-01-05T02:00:00Z";
    static final LocalDate ADOPTED_ON = LocalDate.of(2022, 1, 1);

    private ShenzhenPlan() {
    }

    /** Records the plan's adoption and its elements; returns the global sequence of the last event. */
    static long adopt(Registrar registrar, String plan) {
        registrar.record(ADOPTION_RECORDED, new PlanAdoptedEvent(plan, "深圳市金融业高质量发展“十四五”规划",
                null, "2022-01", ADOPTED_ON, new Period(2021, 2025), 2035, "shenzhen-finance-14th-five-year-plan.txt"));
        registrar.record(ADOPTION_RECORDED, new GoalAdoptedEvent(plan, "G1", "金融运行安全区", 2025,
                "健全地方金融监管的体制机制。", ADOPTED_ON, null, null));
        registrar.record(ADOPTION_RECORDED, indicator(plan, "I01", 1, "金融业增加值", "亿元", "4189.6", "6400",
                Qualifier.ABOUT));
        registrar.record(ADOPTION_RECORDED, indicator(plan, "I02", 2, "金融业增加值占 GDP 比重", "%", "15.1", "16",
                Qualifier.ABOUT));
        registrar.record(ADOPTION_RECORDED, indicator(plan, "I03", 3, "金融机构本外币存款余额", "万亿元", "10.2",
                "13.5", Qualifier.AT_LEAST));
        registrar.record(ADOPTION_RECORDED, indicator(plan, "I18", 18, "深港澳金融科技师人数", "人", null, "1000",
                Qualifier.APPROXIMATELY));
        registrar.record(ADOPTION_RECORDED, new SectionAdoptedEvent(plan, "S1",
                "以国家战略为牵引，推进金融业全面深化改革扩大开放，发挥示范引领作用", "充分发挥粤港澳大湾区、先行示范区“双区建设”叠加效应。",
                ADOPTED_ON));
        registrar.record(ADOPTION_RECORDED, new TaskAdoptedEvent(plan, "T1.1", "S1", "先行先试推进人民币国际化",
                "进一步拓展跨境人民币结算业务。", ADOPTED_ON, null, null));
        registrar.record(ADOPTION_RECORDED, new TaskAdoptedEvent(plan, "T1.2", "S1", "试点深化外汇管理改革",
                "探索资本项目可兑换的实施路径。", ADOPTED_ON, null, null));
        registrar.record(ADOPTION_RECORDED, new ColumnAdoptedEvent(plan, "C1", "S1",
                "深圳综合改革试点金融领域首批授权事项清单", null, List.of(
                new Item("C1.1", "支持在资本市场上先行先试", "推进创业板改革并试点注册制落地。"),
                new Item("C1.2", "推出深市股指期货", "推出深市股票股指期货。")), ADOPTED_ON));
        return registrar.record(ADOPTION_RECORDED, new SafeguardAdoptedEvent(plan, "SG1", SafeguardKind.ORGANISATIONAL,
                "组织保障", List.of(new Item("SG1.1", "加强党的领导", "充分发挥党建引领作用。")), ADOPTED_ON));
    }

    private static IndicatorAdoptedEvent indicator(String plan, String code, int number, String name, String unit,
                                                   String baseline, String target, Qualifier qualifier) {
        return new IndicatorAdoptedEvent(plan, code, number, "总体指标", null, name, unit, Nature.EXPECTED,
                new Baseline(2020, baseline == null ? null : new BigDecimal(baseline)),
                new Target(2025, new BigDecimal(target), qualifier), List.of(), ADOPTED_ON, null, null);
    }
}
