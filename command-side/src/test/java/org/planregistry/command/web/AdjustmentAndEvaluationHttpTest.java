package org.planregistry.command.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.planregistry.command.CommandSideTest;
import org.planregistry.command.StoredEvent;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Every adoption, adjustment, decomposition and evaluation endpoint: its success, checked against the event it
 * stored (type, the request's fields, actor, role and correlation id) and the answer (plan, element, id, global
 * sequence, version), and a refusal that writes nothing.
 */
class AdjustmentAndEvaluationHttpTest extends CommandSideTest {

    private static HttpEntity<String> json(String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return new HttpEntity<>(body, headers);
    }

    /**
     * Sends a command that must be accepted with a correlation id, and returns the event it stored, checked against
     * the answer (plan, element, id, global sequence, version) and against the sign-in (actor, role).
     */
    private StoredEvent accepted(TestRestTemplate client, String path, String body, String element) {
        return accepted(client, path, body, element, null);
    }

    private StoredEvent accepted(TestRestTemplate client, String path, String body, String element, String id) {
        String plan = path.startsWith("/api/plans/") ? path.split("/")[3] : null;
        String correlation = UUID.randomUUID().toString();
        HttpEntity<String> request = json(body);
        HttpHeaders headers = new HttpHeaders();
        headers.putAll(request.getHeaders());
        headers.set("X-Correlation-Id", correlation);
        ResponseEntity<Map> response = client.postForEntity(path, new HttpEntity<>(body, headers), Map.class);
        String planCode = plan != null ? plan : (String) response.getBody().get("planCode");
        boolean evaluator = path.contains("/evaluations");
        return StoredEvent.answering(database, response, planCode, element, id)
                .by(evaluator ? "evaluator" : "registrar", evaluator ? "EVALUATOR" : "REGISTRAR")
                .correlatedBy(correlation);
    }

    private void refused(TestRestTemplate client, String path, String body, HttpStatus status, String field) {
        long before = storedEvents();
        ResponseEntity<Map> response = client.postForEntity(path, json(body), Map.class);
        assertThat(response.getStatusCode()).as(path + " " + response.getBody()).isEqualTo(status);
        assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .isTrue();
        if (field != null) {
            assertThat(response.getBody()).containsEntry("field", field);
        }
        assertThat(storedEvents()).as("refused " + path + " writes no event").isEqualTo(before);
    }

    /** A plan with one indicator, one section and one task. */
    private String plan(String code) {
        String base = "/api/plans/" + code;
        accepted(registrar(), "/api/plans", """
                {"code": "%s", "title": "测试规划", "issuer": "深圳市人民政府", "issued": "2022-01",
                 "adoptedOn": "2022-01-01", "period": {"from": 2021, "to": 2025}, "visionYear": 2035,
                 "source": "测试"}""".formatted(code), "plan " + code, code)
                .isA("PlanAdoptedEvent").has("planCode", code).has("title", "测试规划").has("issuer", "深圳市人民政府")
                .has("issued", "2022-01").has("adoptedOn", "2022-01-01").has("period.from", 2021)
                .has("period.to", 2025).has("visionYear", 2035).has("source", "测试");
        accepted(registrar(), base + "/indicators", """
                {"code": "I01", "number": 1, "category": "总体指标", "subCategory": "规模", "name": "金融业增加值",
                 "unit": "亿元", "nature": "EXPECTED", "baseline": {"year": 2020, "value": "4189.6"},
                 "target": {"year": 2025, "value": "6400", "qualifier": "ABOUT"}, "notes": ["注一"],
                 "effectiveFrom": "2022-01-01", "reason": "随规划通过", "decisionRef": "深府〔2022〕1号"}""",
                "indicator I01")
                .isA("IndicatorAdoptedEvent").has("planCode", code).has("indicatorCode", "I01").has("number", 1)
                .has("category", "总体指标").has("subCategory", "规模").has("name", "金融业增加值").has("unit", "亿元")
                .has("nature", "EXPECTED").has("baseline.year", 2020).has("baseline.value", "4189.6")
                .has("target.year", 2025).has("target.value", "6400").has("target.qualifier", "ABOUT")
                .has("notes", List.of("注一")).has("effectiveFrom", "2022-01-01").has("reason", "随规划通过")
                .has("decisionRef", "深府〔2022〕1号");
        accepted(registrar(), base + "/sections", """
                {"code": "S1", "title": "以国家战略为牵引", "intro": "导语", "effectiveFrom": "2022-01-01"}""",
                "section S1")
                .isA("SectionAdoptedEvent").has("planCode", code).has("sectionCode", "S1")
                .has("title", "以国家战略为牵引").has("intro", "导语").has("effectiveFrom", "2022-01-01");
        accepted(registrar(), base + "/tasks", """
                {"code": "T1.1", "section": "S1", "title": "先行先试推进人民币国际化", "text": "全文"}""", "task T1.1")
                .isA("TaskAdoptedEvent").has("planCode", code).has("taskCode", "T1.1").has("sectionCode", "S1")
                .has("title", "先行先试推进人民币国际化").has("text", "全文");
        return base;
    }

    @Test
    void goalsAreAdoptedAndAmended() {
        String base = plan("HTTP-GOALS");
        accepted(registrar(), base + "/goals", """
                {"code": "G1", "title": "金融运行安全区", "horizon": 2025, "description": "原文",
                 "effectiveFrom": "2022-01-01", "reason": "随规划通过", "decisionRef": "深府〔2022〕1号"}""", "goal G1")
                .isA("GoalAdoptedEvent").has("planCode", "HTTP-GOALS").has("goalCode", "G1")
                .has("title", "金融运行安全区").has("horizon", 2025).has("description", "原文")
                .has("effectiveFrom", "2022-01-01").has("reason", "随规划通过").has("decisionRef", "深府〔2022〕1号");
        accepted(registrar(), base + "/goals/G1/amendments", """
                {"title": "金融运行安全区（修订）", "description": "新表述", "effectiveFrom": "2024-01-01",
                 "reason": "中期调整", "decisionRef": "文号"}""", "goal G1")
                .isA("GoalAmendedEvent").has("planCode", "HTTP-GOALS").has("goalCode", "G1")
                .has("title", "金融运行安全区（修订）").has("description", "新表述").has("effectiveFrom", "2024-01-01")
                .has("reason", "中期调整").has("decisionRef", "文号");
        refused(registrar(), base + "/goals/G9/amendments", """
                {"description": "x", "effectiveFrom": "2024-01-01", "reason": "r"}""", HttpStatus.NOT_FOUND,
                "goalCode");
        refused(registrar(), base + "/goals", """
                {"code": "G1", "title": "again"}""", HttpStatus.CONFLICT, "goalCode");
    }

    @Test
    void baselinesAreCorrectedAndIndicatorsRetired() {
        String base = plan("HTTP-BASELINE");
        accepted(registrar(), base + "/indicators/I01/baseline-corrections", """
                {"year": 2020, "value": "4190.1", "unit": "亿元", "effectiveFrom": "2022-01-01", "reason": "统计局修订",
                 "decisionRef": "深统〔2022〕5号"}""", "indicator I01")
                .isA("IndicatorBaselineCorrectedEvent").has("planCode", "HTTP-BASELINE").has("indicatorCode", "I01")
                .has("previousBaseline.year", 2020).has("previousBaseline.value", "4189.6")
                .has("baseline.year", 2020).has("baseline.value", "4190.1").has("effectiveFrom", "2022-01-01")
                .has("reason", "统计局修订").has("decisionRef", "深统〔2022〕5号");
        refused(registrar(), base + "/indicators/I01/baseline-corrections", """
                {"value": "4190.1", "effectiveFrom": "2022-01-01", "reason": "again"}""", HttpStatus.CONFLICT,
                "baseline");
        accepted(registrar(), base + "/indicators/I01/retirement", """
                {"effectiveFrom": "2024-01-01", "reason": "不再统计", "decisionRef": "深统〔2024〕2号"}""",
                "indicator I01")
                .isA("IndicatorRetiredEvent").has("planCode", "HTTP-BASELINE").has("indicatorCode", "I01")
                .has("effectiveFrom", "2024-01-01").has("reason", "不再统计").has("decisionRef", "深统〔2024〕2号");
        refused(registrar(), base + "/indicators/I01/revisions", """
                {"target": {"value": "7000", "qualifier": "ABOUT"}, "effectiveFrom": "2024-06-01", "reason": "r"}""",
                HttpStatus.CONFLICT, "indicatorCode");
    }

    @Test
    void milestonesDecomposeTargetsByYear() {
        String base = plan("HTTP-MILESTONES");
        accepted(registrar(), base + "/indicators/I01/milestones", """
                {"year": 2023, "value": "5200", "unit": "亿元"}""", "indicator I01")
                .isA("MilestoneSetEvent").has("planCode", "HTTP-MILESTONES").has("indicatorCode", "I01")
                .has("year", 2023).has("previousValue", null).has("value", "5200");
        accepted(registrar(), base + "/indicators/I01/milestones", """
                {"year": 2023, "value": "5100", "effectiveFrom": "2023-06-01", "reason": "年度分解调整",
                 "decisionRef": "深发改〔2023〕7号"}""", "indicator I01")
                .isA("MilestoneSetEvent").has("planCode", "HTTP-MILESTONES").has("indicatorCode", "I01")
                .has("year", 2023).has("previousValue", "5200").has("value", "5100")
                .has("effectiveFrom", "2023-06-01").has("reason", "年度分解调整").has("decisionRef", "深发改〔2023〕7号");
        refused(registrar(), base + "/indicators/I01/milestones", """
                {"year": 2026, "value": "7000"}""", HttpStatus.BAD_REQUEST, "year");
        refused(registrar(), base + "/indicators/I01/milestones", """
                {"year": 2024, "value": "0.6", "unit": "万亿元"}""", HttpStatus.BAD_REQUEST, "unit");
    }

    @Test
    void tasksColumnsAndSafeguardsAreAdoptedAmendedAndRetired() {
        String base = plan("HTTP-TASKS");
        accepted(registrar(), base + "/tasks/T1.1/amendments", """
                {"title": "推进人民币国际化", "text": "修订后的全文", "effectiveFrom": "2023-03-01", "reason": "政策调整",
                 "decisionRef": "深府〔2023〕3号"}""", "task T1.1")
                .isA("TaskAmendedEvent").has("planCode", "HTTP-TASKS").has("taskCode", "T1.1")
                .has("title", "推进人民币国际化").has("text", "修订后的全文").has("effectiveFrom", "2023-03-01")
                .has("reason", "政策调整").has("decisionRef", "深府〔2023〕3号");
        accepted(registrar(), base + "/tasks", """
                {"code": "T1.2", "section": "S1", "title": "新增措施", "text": "全文", "effectiveFrom": "2023-03-01",
                 "reason": "新增任务", "decisionRef": "文号"}""", "task T1.2")
                .isA("TaskAdoptedEvent").has("planCode", "HTTP-TASKS").has("taskCode", "T1.2").has("sectionCode", "S1")
                .has("title", "新增措施").has("text", "全文").has("effectiveFrom", "2023-03-01").has("reason", "新增任务")
                .has("decisionRef", "文号");
        accepted(registrar(), base + "/tasks/T1.2/retirement", """
                {"effectiveFrom": "2024-03-01", "reason": "已完成", "decisionRef": "深府〔2024〕4号"}""", "task T1.2")
                .isA("TaskRetiredEvent").has("planCode", "HTTP-TASKS").has("taskCode", "T1.2")
                .has("effectiveFrom", "2024-03-01").has("reason", "已完成").has("decisionRef", "深府〔2024〕4号");
        refused(registrar(), base + "/tasks/T1.2/amendments", """
                {"text": "x", "effectiveFrom": "2024-06-01", "reason": "r"}""", HttpStatus.CONFLICT, "taskCode");
        refused(registrar(), base + "/tasks", """
                {"code": "T9.1", "section": "S9", "title": "t", "text": "x"}""", HttpStatus.NOT_FOUND, "sectionCode");
        accepted(registrar(), base + "/columns", """
                {"code": "C1", "section": "S1", "title": "专栏", "intro": "导语",
                 "items": [{"code": "C1.1", "title": "一", "text": "全文"}], "effectiveFrom": "2022-01-01"}""",
                "column C1")
                .isA("ColumnAdoptedEvent").has("planCode", "HTTP-TASKS").has("columnCode", "C1")
                .has("sectionCode", "S1").has("title", "专栏").has("intro", "导语")
                .has("items", List.of(Map.of("code", "C1.1", "title", "一", "text", "全文")))
                .has("effectiveFrom", "2022-01-01");
        refused(registrar(), base + "/columns", """
                {"code": "C2", "section": "S1", "title": "专栏",
                 "items": [{"code": "C2.1", "title": "一", "text": "a"}, {"code": "C2.1", "title": "二", "text": "b"}]}""",
                HttpStatus.CONFLICT, "items.code");
        accepted(registrar(), base + "/safeguards", """
                {"code": "SG1", "kind": "MECHANISM", "title": "机制保障",
                 "items": [{"code": "SG1.1", "title": "规划评估机制", "text": "全文"}], "effectiveFrom": "2022-01-01"}""",
                "safeguard SG1")
                .isA("SafeguardAdoptedEvent").has("planCode", "HTTP-TASKS").has("safeguardCode", "SG1")
                .has("kind", "MECHANISM").has("title", "机制保障")
                .has("items", List.of(Map.of("code", "SG1.1", "title", "规划评估机制", "text", "全文")))
                .has("effectiveFrom", "2022-01-01");
        refused(registrar(), base + "/safeguards", """
                {"code": "SG2", "kind": "FINANCIAL", "title": "x"}""", HttpStatus.BAD_REQUEST, "kind");
    }

    @Test
    void anEvaluationIsOpenedGetsFindingsCorrectedWithdrawnAndIsPublished() {
        String base = plan("HTTP-EVALUATION");
        accepted(evaluator(), base + "/evaluations", """
                {"id": "E2023", "kind": "ANNUAL", "evaluator": "第三方评估机构", "period": {"from": 2023, "to": 2023},
                 "effectiveFrom": "2024-03-01"}""", "evaluation E2023")
                .isA("EvaluationOpenedEvent").has("planCode", "HTTP-EVALUATION").has("evaluationId", "E2023")
                .has("kind", "ANNUAL").has("evaluator", "第三方评估机构").has("coveredFrom", 2023)
                .has("coveredTo", 2023).has("effectiveFrom", "2024-03-01");
        accepted(evaluator(), base + "/evaluations/E2023/findings", """
                {"subjectKind": "INDICATOR", "subjectCode": "I01", "year": 2023, "observedValue": "5000",
                 "unit": "亿元", "assessment": "ON_TRACK", "evidenceRef": "统计年鉴2023", "note": "按期",
                 "effectiveFrom": "2024-03-02"}""", "evaluation E2023", "E2023-F1")
                .isA("FindingRecordedEvent").has("planCode", "HTTP-EVALUATION").has("evaluationId", "E2023")
                .has("findingId", "E2023-F1").has("subjectKind", "INDICATOR").has("subjectCode", "I01")
                .has("year", 2023).has("observedValue", "5000").has("unit", "亿元").has("assessment", "ON_TRACK")
                .has("evidenceRef", "统计年鉴2023").has("note", "按期").has("effectiveFrom", "2024-03-02");
        accepted(evaluator(), base + "/evaluations/E2023/findings", """
                {"subjectKind": "TASK", "subjectCode": "T1.1", "year": 2023, "assessment": "AT_RISK",
                 "note": "进展滞后", "effectiveFrom": "2024-03-02"}""", "evaluation E2023", "E2023-F2")
                .isA("FindingRecordedEvent").has("findingId", "E2023-F2").has("subjectKind", "TASK")
                .has("subjectCode", "T1.1").has("year", 2023).has("observedValue", null).has("assessment", "AT_RISK")
                .has("note", "进展滞后").has("effectiveFrom", "2024-03-02");
        refused(evaluator(), base + "/evaluations/E2023/findings", """
                {"subjectKind": "TASK", "subjectCode": "T9.9", "year": 2023, "assessment": "AT_RISK",
                 "effectiveFrom": "2024-03-02"}""", HttpStatus.NOT_FOUND, "taskCode");
        refused(evaluator(), base + "/evaluations/E2023/findings", """
                {"subjectKind": "INDICATOR", "subjectCode": "I01", "year": 2023, "observedValue": "0.5",
                 "unit": "万亿元", "assessment": "ON_TRACK", "effectiveFrom": "2024-03-02"}""",
                HttpStatus.BAD_REQUEST, "unit");
        accepted(evaluator(), base + "/evaluations/E2023/findings/E2023-F1/corrections", """
                {"observedValue": "5100", "unit": "亿元", "assessment": "ACHIEVED", "evidenceRef": "统计年鉴2023（修订）",
                 "note": "数据更新后", "effectiveFrom": "2024-03-05", "reason": "数据更新"}""", "finding E2023-F1")
                .isA("FindingCorrectedEvent").has("planCode", "HTTP-EVALUATION").has("evaluationId", "E2023")
                .has("findingId", "E2023-F1").has("observedValue", "5100").has("assessment", "ACHIEVED")
                .has("evidenceRef", "统计年鉴2023（修订）").has("note", "数据更新后").has("effectiveFrom", "2024-03-05")
                .has("reason", "数据更新");
        accepted(evaluator(), base + "/evaluations/E2023/findings/E2023-F2/withdrawal", """
                {"effectiveFrom": "2024-03-05", "reason": "重复记录"}""", "finding E2023-F2")
                .isA("FindingWithdrawnEvent").has("planCode", "HTTP-EVALUATION").has("evaluationId", "E2023")
                .has("findingId", "E2023-F2").has("effectiveFrom", "2024-03-05").has("reason", "重复记录");
        refused(evaluator(), base + "/evaluations/E2023/findings/E2023-F2/corrections", """
                {"observedValue": "1", "effectiveFrom": "2024-03-06", "reason": "r"}""", HttpStatus.CONFLICT,
                "findingId");
        accepted(evaluator(), base + "/evaluations/E2023/publish", """
                {"effectiveFrom": "2024-04-01"}""", "evaluation E2023")
                .isA("EvaluationPublishedEvent").has("planCode", "HTTP-EVALUATION").has("evaluationId", "E2023")
                .has("effectiveFrom", "2024-04-01");
        refused(evaluator(), base + "/evaluations/E2023/findings/E2023-F1/withdrawal", """
                {"effectiveFrom": "2024-04-02", "reason": "r"}""", HttpStatus.CONFLICT, "evaluationId");
        refused(evaluator(), base + "/evaluations/E9/publish", """
                {"effectiveFrom": "2024-04-02"}""", HttpStatus.NOT_FOUND, "evaluationId");
        refused(registrar(), base + "/evaluations", """
                {"id": "E2024", "kind": "ANNUAL", "evaluator": "x", "period": {"from": 2024, "to": 2024},
                 "effectiveFrom": "2025-03-01"}""", HttpStatus.FORBIDDEN, null);
    }

    @Test
    void aClosedPlanAcceptsAFinalEvaluationButNoAdjustment() {
        String base = plan("HTTP-CLOSE");
        accepted(registrar(), base + "/close", """
                {"effectiveFrom": "2025-12-31", "reason": "规划期满", "decisionRef": "深府〔2025〕9号"}""",
                "plan HTTP-CLOSE")
                .isA("PlanClosedEvent").has("planCode", "HTTP-CLOSE").has("effectiveFrom", "2025-12-31")
                .has("reason", "规划期满").has("decisionRef", "深府〔2025〕9号");
        refused(registrar(), base + "/indicators/I01/revisions", """
                {"target": {"value": "7000", "qualifier": "ABOUT"}, "effectiveFrom": "2025-12-31", "reason": "r"}""",
                HttpStatus.CONFLICT, "planCode");
        refused(evaluator(), base + "/evaluations", """
                {"id": "E2025", "kind": "ANNUAL", "evaluator": "x", "period": {"from": 2025, "to": 2025},
                 "effectiveFrom": "2026-03-01"}""", HttpStatus.CONFLICT, "kind");
        accepted(evaluator(), base + "/evaluations", """
                {"id": "FINAL", "kind": "FINAL", "evaluator": "第三方", "period": {"from": 2021, "to": 2025},
                 "effectiveFrom": "2026-03-01"}""", "evaluation FINAL")
                .isA("EvaluationOpenedEvent").has("evaluationId", "FINAL").has("kind", "FINAL")
                .has("coveredFrom", 2021).has("coveredTo", 2025);
    }

    @Test
    void aPlanIsMarkedSupersededWithAReason() {
        String base = plan("HTTP-SUPERSEDE");
        plan("NEXT-PLAN");
        refused(registrar(), base + "/supersession", """
                {"supersededBy": "HTTP-SUPERSEDE", "effectiveFrom": "2025-12-31", "reason": "r"}""",
                HttpStatus.BAD_REQUEST, "supersededBy");
        refused(registrar(), base + "/supersession", """
                {"supersededBy": "NEXT-PLAN", "effectiveFrom": "2025-12-31"}""", HttpStatus.BAD_REQUEST, "reason");
        accepted(registrar(), base + "/supersession", """
                {"supersededBy": "NEXT-PLAN", "effectiveFrom": "2025-12-31", "reason": "新规划发布",
                 "decisionRef": "深府〔2025〕10号"}""", "plan HTTP-SUPERSEDE")
                .isA("PlanSupersededEvent").has("planCode", "HTTP-SUPERSEDE").has("supersededBy", "NEXT-PLAN")
                .has("effectiveFrom", "2025-12-31").has("reason", "新规划发布").has("decisionRef", "深府〔2025〕10号");
    }
}
