package org.planregistry.eventstore.catalogue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.planregistry.api.Assessment;
import org.planregistry.api.Baseline;
import org.planregistry.api.ChapterKind;
import org.planregistry.api.EvaluationKind;
import org.planregistry.api.FinalObservation;
import org.planregistry.api.FindingSpan;
import org.planregistry.api.IndicatorRef;
import org.planregistry.api.Item;
import org.planregistry.api.MeasurementBasis;
import org.planregistry.api.Nature;
import org.planregistry.api.Period;
import org.planregistry.api.PlanEvent;
import org.planregistry.api.PlanEvent.ChapterAdoptedEvent;
import org.planregistry.api.PlanEvent.ChapterAmendedEvent;
import org.planregistry.api.PlanEvent.ColumnAdoptedEvent;
import org.planregistry.api.PlanEvent.EvaluationOpenedEvent;
import org.planregistry.api.PlanEvent.EvaluationPublishedEvent;
import org.planregistry.api.PlanEvent.FindingCorrectedEvent;
import org.planregistry.api.PlanEvent.FindingRecordedEvent;
import org.planregistry.api.PlanEvent.FindingSpanStatedEvent;
import org.planregistry.api.PlanEvent.FindingWithdrawnEvent;
import org.planregistry.api.PlanEvent.GoalAdoptedEvent;
import org.planregistry.api.PlanEvent.GoalAmendedEvent;
import org.planregistry.api.PlanEvent.IndicatorAdoptedEvent;
import org.planregistry.api.PlanEvent.IndicatorBaselineCorrectedEvent;
import org.planregistry.api.PlanEvent.IndicatorContinuityDeclaredEvent;
import org.planregistry.api.PlanEvent.IndicatorRetiredEvent;
import org.planregistry.api.PlanEvent.IndicatorTargetRevisedEvent;
import org.planregistry.api.PlanEvent.MeasurementBasisSetEvent;
import org.planregistry.api.PlanEvent.MilestoneSetEvent;
import org.planregistry.api.PlanEvent.PlanAdoptedEvent;
import org.planregistry.api.PlanEvent.PlanClosedEvent;
import org.planregistry.api.PlanEvent.PlanSupersededEvent;
import org.planregistry.api.PlanEvent.SafeguardAdoptedEvent;
import org.planregistry.api.PlanEvent.SectionAdoptedEvent;
import org.planregistry.api.PlanEvent.TaskAdoptedEvent;
import org.planregistry.api.PlanEvent.TaskAmendedEvent;
import org.planregistry.api.PlanEvent.TaskRetiredEvent;
import org.planregistry.api.Qualifier;
import org.planregistry.api.SafeguardKind;
import org.planregistry.api.SubjectKind;
import org.planregistry.api.Target;

/**
 * One instance of every plan event, with fixed codes, dates and texts: the examples of docs/events.md and the
 * frozen fixtures under {@code src/test/resources/events/}. Adoption data is transcribed from the Shenzhen
 * financial industry 14th Five-Year Plan; adjustments and evaluations are invented for illustration (their
 * figures, reasons and document numbers are not real decisions).
 */
final class EventExamples {

    static final String PLAN = "SZ-FIN-14FYP";
    /** The plan is in force from its adoption (2022-01-01, after the period starts): its elements take effect then. */
    static final LocalDate ADOPTED = LocalDate.of(2022, 1, 1);
    /** The (invented) government decision behind the mid-term adjustments of 2024. */
    static final String MID_TERM_DECISION = "深府函〔2024〕88号";
    /** The (invented) date of that decision. */
    static final LocalDate MID_TERM_DECISION_DATE = LocalDate.of(2024, 6, 24);
    static final String EVALUATION = "E2024-MID";

    private EventExamples() {
    }

    /** One example of each event type, in the order PlanEvent declares them. */
    static List<PlanEvent> all() {
        return List.of(planAdopted(), chapterAdopted(), chapterAmended(), goalAdopted(), goalAmended(), indicatorAdopted(), indicatorTargetRevised(),
                indicatorBaselineCorrected(), indicatorRetired(), measurementBasisSet(), indicatorContinuityDeclared(),
                milestoneSet(), sectionAdopted(),
                taskAdopted(), taskAmended(), taskRetired(), columnAdopted(), safeguardAdopted(), evaluationOpened(),
                findingRecorded(), findingSpanStated(), findingCorrected(), findingWithdrawn(), evaluationPublished(), planClosed(),
                planSuperseded());
    }

    static PlanAdoptedEvent planAdopted() {
        return new PlanAdoptedEvent(PLAN, "深圳市金融业高质量发展“十四五”规划", null, "2022-01", ADOPTED,
                new Period(2021, 2025), 2035, "shenzhen-finance-14th-five-year-plan.txt");
    }

    static ChapterAdoptedEvent chapterAdopted() {
        return new ChapterAdoptedEvent(PLAN, "CH4", ChapterKind.GUIDING_THOUGHT, "指导思想",
                "高举中国特色社会主义伟大旗帜，……为深圳加快建设先行示范区、更好发挥在粤港澳大湾区中核心引擎功能提供强有力金融支撑。",
                ADOPTED, null, null);
    }

    static ChapterAmendedEvent chapterAmended() {
        return new ChapterAmendedEvent(PLAN, "CH5", "基本原则", "贯彻落实第五次全国金融工作会议关于“回归本源、优化结构、强化监管、市场导向”要求，……\n"
                + "——坚持市场主导与政府引导相结合。坚定推进金融市场化改革，……", LocalDate.of(2022, 3, 1),
                "更正转录：补回第一条原则的破折号", "深金管〔2022〕21号");
    }

    static GoalAdoptedEvent goalAdopted() {
        return new GoalAdoptedEvent(PLAN, "G1", "金融运行安全区", 2025,
                "健全地方金融监管的体制机制，形成以法治为基础、以科技为支撑、满足现代金融高效运行需求的金融监管体系，"
                        + "全面提升识别风险、监测风险、管理风险和处置风险的水平，"
                        + "不断提高金融业抗风险能力、可持续发展能力，严守不发生区域性系统性金融风险底线。",
                ADOPTED, null, null);
    }

    static GoalAmendedEvent goalAmended() {
        return new GoalAmendedEvent(PLAN, "G1", "金融运行安全区",
                "健全地方金融管理的体制机制，形成以法治为基础、以科技为支撑、满足现代金融高效运行需求的金融监管体系，"
                        + "全面提升识别风险、监测风险、管理风险和处置风险的水平，"
                        + "不断提高金融业抗风险能力、可持续发展能力，严守不发生区域性系统性金融风险底线。",
                LocalDate.of(2024, 1, 1),
                "地方金融监管机构改革后，地方金融监督管理局更名为地方金融管理局，目标表述相应调整",
                "深金管〔2024〕3号");
    }

    static IndicatorAdoptedEvent indicatorAdopted() {
        return new IndicatorAdoptedEvent(PLAN, "I01", 1, "总体指标", null, "金融业增加值", "亿元", Nature.EXPECTED,
                new Baseline(2020, new BigDecimal("4189.6")),
                new Target(2025, new BigDecimal("6400"), Qualifier.ABOUT), List.of(), ADOPTED, null, null);
    }

    static IndicatorTargetRevisedEvent indicatorTargetRevised() {
        return new IndicatorTargetRevisedEvent(PLAN, "I01",
                new Target(2025, new BigDecimal("6400"), Qualifier.ABOUT),
                new Target(2025, new BigDecimal("6000"), Qualifier.ABOUT), LocalDate.of(2024, 7, 1),
                "中期评估显示 2021–2023 年金融业增加值增速低于规划测算，按规划调整机制调整目标", MID_TERM_DECISION,
                MID_TERM_DECISION_DATE);
    }

    /** The same revision as a registry at revision 1 recorded it, read today: its decision date is unknown. */
    static IndicatorTargetRevisedEvent indicatorTargetRevisedAtRevision1() {
        IndicatorTargetRevisedEvent revised = indicatorTargetRevised();
        return new IndicatorTargetRevisedEvent(revised.planCode(), revised.indicatorCode(), revised.previousTarget(),
                revised.target(), revised.effectiveFrom(), revised.reason(), revised.decisionRef(), null);
    }

    static IndicatorBaselineCorrectedEvent indicatorBaselineCorrected() {
        return new IndicatorBaselineCorrectedEvent(PLAN, "I03", new Baseline(2020, new BigDecimal("10.1")),
                new Baseline(2020, new BigDecimal("10.2")), ADOPTED,
                "按 2020 年末金融统计数据核定存款余额为 10.2 万亿元，与规划正文一、（一）1 一致",
                "深金管函〔2024〕15号");
    }

    static IndicatorRetiredEvent indicatorRetired() {
        return new IndicatorRetiredEvent(PLAN, "I18", LocalDate.of(2024, 7, 1),
                "深港澳金融科技师专才计划统计口径调整，该指标不再单独考核", MID_TERM_DECISION);
    }

    static MeasurementBasisSetEvent measurementBasisSet() {
        return new MeasurementBasisSetEvent(PLAN, "I06", null, MeasurementBasis.INTERVAL, ADOPTED,
                "“直接融资比重”指标为五年区间数。", null);
    }

    static IndicatorContinuityDeclaredEvent indicatorContinuityDeclared() {
        return new IndicatorContinuityDeclaredEvent(PLAN, "I01", new IndicatorRef("SZ-FIN-13FYP", "I01"),
                new FinalObservation(2020, new BigDecimal("4189.6"), "2016-2020-final", "2016-2020-final-F1"),
                new Baseline(2020, new BigDecimal("4189.6")), null, ADOPTED);
    }

    static MilestoneSetEvent milestoneSet() {
        return new MilestoneSetEvent(PLAN, "I01", 2023, null, new BigDecimal("5515.9"), LocalDate.of(2022, 3, 1),
                "规划分解机制：金融业增加值目标逐年分解", "深金管〔2022〕20号");
    }

    static SectionAdoptedEvent sectionAdopted() {
        return new SectionAdoptedEvent(PLAN, "S1", "以国家战略为牵引，推进金融业全面深化改革扩大开放，发挥示范引领作用",
                "充分发挥粤港澳大湾区、先行示范区“双区建设”叠加效应，大力推进国家重大金融战略落地实施，"
                        + "以综合改革试点牵引战略战役性改革，扩大高水平金融对外开放，力争形成更多可复制、可推广的经验，"
                        + "为全国金融业改革发展探索路径。",
                ADOPTED);
    }

    static TaskAdoptedEvent taskAdopted() {
        return new TaskAdoptedEvent(PLAN, "T1.7", "S1", "探索知识产权交易和知识产权证券化",
                "加快建设全国性科技成果和知识产权交易中心, 探索完善知识产权和科技成果产权市场化定价和交易机制, "
                        + "强化知识产权金融服务功能。依托深圳证券交易所扩大知识产权证券化覆盖面, "
                        + "支持探索可复制、可推广的知识产权证券化新模式。支持金融机构开展知识产权质押融资和保险业务。",
                ADOPTED, null, null);
    }

    static TaskAmendedEvent taskAmended() {
        return new TaskAmendedEvent(PLAN, "T1.7", "探索知识产权交易和知识产权证券化",
                "加快建设全国性科技成果和知识产权交易中心, 探索完善知识产权和科技成果产权市场化定价和交易机制, "
                        + "强化知识产权金融服务功能。依托深圳证券交易所扩大知识产权证券化覆盖面, "
                        + "推动知识产权证券化产品常态化发行, "
                        + "支持探索可复制、可推广的知识产权证券化新模式。支持金融机构开展知识产权质押融资和保险业务。",
                LocalDate.of(2024, 1, 1), "补充知识产权证券化常态化发行的措施表述", "深金管〔2024〕3号");
    }

    static TaskRetiredEvent taskRetired() {
        return new TaskRetiredEvent(PLAN, "T6.5", LocalDate.of(2024, 7, 1),
                "中期评估后涉海金融措施改由海洋经济专项规划承接，本规划不再单列", MID_TERM_DECISION);
    }

    static ColumnAdoptedEvent columnAdopted() {
        return new ColumnAdoptedEvent(PLAN, "C7", "S8", "百千万金融人才培养工程", null, List.of(
                new Item("C7.1", "领军人才提升计划",
                        "领军人才提升计划。由金融机构、驻深金融监管机构和市区政府相关部门推荐，"
                                + "每年遴选 100 名有发展潜力的高端金融人才，向其提供高端金融人才研修项目，"
                                + "培养一批了解国内外金融动态和发展趋势、"
                                + "熟悉金融监管要求、具有改革创新意识的领军人才。"),
                new Item("C7.2", "骨干人才培养计划",
                        "骨干人才培养计划。由金融机构、驻深金融监管机构和市区政府相关部门推荐，"
                                + "每年遴选 1000 名有发展后劲的骨干金融人才培养对象，为其提供专题进修资源，"
                                + "重点培养我市金融业发展急需紧缺的金融科技、金融交易、创业投资、金融监管等专业人才。"),
                new Item("C7.3", "青年人才支持计划",
                        "青年人才支持计划。开办鹏城金融大讲堂，每年为 10000 名青年金融人才提供“微课”、专题讲座、"
                                + "公开课等线上、线下相结合的培训资源，持续提升青年金融人才专业水平和综合素质。")),
                ADOPTED);
    }

    static SafeguardAdoptedEvent safeguardAdopted() {
        return new SafeguardAdoptedEvent(PLAN, "SG2", SafeguardKind.MECHANISM, "机制保障", List.of(
                new Item("SG2.1", "建立规划分解机制",
                        "加强对规划目标任务的细化管理，将规划的目标任务逐年、逐项分解落实，明确规划实施进度和推进措施，"
                                + "确保重点项目有计划、有步骤地有序实施和规划目标顺利实现。"),
                new Item("SG2.2", "建立规划调整机制",
                        "密切跟踪国内外经济金融形势变化，积极开展区域金融政策研究，加强对本市金融运行情况的分析研判。"
                                + "根据规划实施情况和经济金融形势变化，对规划设定目标和发展政策做出适当调整，"
                                + "确保规划实施顺应新形势、把握新机遇。"),
                new Item("SG2.3", "建立规划评估机制",
                        "强化规划实施评价，利用专业中介组织对规划实施情况和效果进行科学评估。加强规划宣传推广，"
                                + "增强公众对规划的认知、认可和认同，营造全社会共同参与和支持规划实施的良好氛围。")),
                ADOPTED);
    }

    static EvaluationOpenedEvent evaluationOpened() {
        return new EvaluationOpenedEvent(PLAN, EVALUATION, EvaluationKind.MID_TERM, "第三方评估机构", 2021, 2023,
                LocalDate.of(2024, 3, 1));
    }

    static FindingRecordedEvent findingRecorded() {
        return new FindingRecordedEvent(PLAN, EVALUATION, EVALUATION + "-F1", SubjectKind.INDICATOR, "I01", 2023,
                new BigDecimal("5253.4"), "亿元", Assessment.AT_RISK, "深圳市 2023 年国民经济和社会发展统计公报",
                "按初步核算数，距 2025 年目标 6400 亿元尚差 1146.6 亿元，需年均增长约 10.4%",
                LocalDate.of(2024, 4, 15));
    }

    static FindingSpanStatedEvent findingSpanStated() {
        return new FindingSpanStatedEvent(PLAN, EVALUATION, EVALUATION + "-F3", "I20", FindingSpan.TO_DATE,
                LocalDate.of(2024, 4, 15));
    }

    static FindingCorrectedEvent findingCorrected() {
        return new FindingCorrectedEvent(PLAN, EVALUATION, EVALUATION + "-F1", new BigDecimal("5282.6"),
                Assessment.AT_RISK, "深圳统计年鉴 2024",
                "按最终核实数，距 2025 年目标 6400 亿元尚差 1117.4 亿元，需年均增长约 10.1%", LocalDate.of(2024, 5, 20),
                "以统计年鉴最终核实数替代初步核算数");
    }

    static FindingWithdrawnEvent findingWithdrawn() {
        return new FindingWithdrawnEvent(PLAN, EVALUATION, EVALUATION + "-F2", LocalDate.of(2024, 4, 16),
                "与 E2024-MID-F1 重复录入");
    }

    static EvaluationPublishedEvent evaluationPublished() {
        return new EvaluationPublishedEvent(PLAN, EVALUATION, LocalDate.of(2024, 6, 28));
    }

    static PlanClosedEvent planClosed() {
        return new PlanClosedEvent(PLAN, LocalDate.of(2025, 12, 31), "规划期（2021–2025 年）届满", null);
    }

    static PlanSupersededEvent planSuperseded() {
        return new PlanSupersededEvent(PLAN, "SZ-FIN-15FYP", LocalDate.of(2025, 12, 31),
                "由深圳市金融业“十五五”规划接续", "深府〔2025〕60号");
    }
}
