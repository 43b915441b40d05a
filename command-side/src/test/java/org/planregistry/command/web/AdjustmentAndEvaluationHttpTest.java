package org.planregistry.command.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.planregistry.command.CommandSideTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Every adjustment, decomposition and evaluation endpoint: its success, and a refusal that writes nothing. */
class AdjustmentAndEvaluationHttpTest extends CommandSideTest {

    private static HttpEntity<String> json(String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return new HttpEntity<>(body, headers);
    }

    private Map<?, ?> accepted(TestRestTemplate client, String path, String body) {
        ResponseEntity<Map> response = client.postForEntity(path, json(body), Map.class);
        assertThat(response.getStatusCode()).as(path + " " + response.getBody()).isEqualTo(HttpStatus.CREATED);
        assertThat(response.getBody().get("globalSequence")).isNotNull();
        return response.getBody();
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
                {"code": "%s", "title": "测试规划", "adoptedOn": "2022-01-01", "period": {"from": 2021, "to": 2025}}"""
                .formatted(code));
        accepted(registrar(), base + "/indicators", """
                {"code": "I01", "name": "金融业增加值", "unit": "亿元", "baseline": {"year": 2020, "value": "4189.6"},
                 "target": {"year": 2025, "value": "6400", "qualifier": "ABOUT"}}""");
        accepted(registrar(), base + "/sections", """
                {"code": "S1", "title": "以国家战略为牵引"}""");
        accepted(registrar(), base + "/tasks", """
                {"code": "T1.1", "section": "S1", "title": "先行先试推进人民币国际化", "text": "全文"}""");
        return base;
    }

    @Test
    void goalsAreAdoptedAndAmended() {
        String base = plan("HTTP-GOALS");
        accepted(registrar(), base + "/goals", """
                {"code": "G1", "title": "金融运行安全区", "horizon": 2025, "description": "原文"}""");
        accepted(registrar(), base + "/goals/G1/amendments", """
                {"description": "新表述", "effectiveFrom": "2024-01-01", "reason": "中期调整", "decisionRef": "文号"}""");
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
                {"value": "4190.1", "effectiveFrom": "2022-01-01", "reason": "统计局修订", "decisionRef": "深统〔2022〕5号"}""");
        refused(registrar(), base + "/indicators/I01/baseline-corrections", """
                {"value": "4190.1", "effectiveFrom": "2022-01-01", "reason": "again"}""", HttpStatus.CONFLICT,
                "baseline");
        accepted(registrar(), base + "/indicators/I01/retirement", """
                {"effectiveFrom": "2024-01-01", "reason": "不再统计"}""");
        refused(registrar(), base + "/indicators/I01/revisions", """
                {"target": {"value": "7000", "qualifier": "ABOUT"}, "effectiveFrom": "2024-06-01", "reason": "r"}""",
                HttpStatus.CONFLICT, "indicatorCode");
    }

    @Test
    void milestonesDecomposeTargetsByYear() {
        String base = plan("HTTP-MILESTONES");
        accepted(registrar(), base + "/indicators/I01/milestones", """
                {"year": 2023, "value": "5200", "unit": "亿元"}""");
        accepted(registrar(), base + "/indicators/I01/milestones", """
                {"year": 2023, "value": "5100", "effectiveFrom": "2023-06-01", "reason": "年度分解调整"}""");
        refused(registrar(), base + "/indicators/I01/milestones", """
                {"year": 2026, "value": "7000"}""", HttpStatus.BAD_REQUEST, "year");
        refused(registrar(), base + "/indicators/I01/milestones", """
                {"year": 2024, "value": "0.6", "unit": "万亿元"}""", HttpStatus.BAD_REQUEST, "unit");
    }

    @Test
    void tasksColumnsAndSafeguardsAreAdoptedAmendedAndRetired() {
        String base = plan("HTTP-TASKS");
        accepted(registrar(), base + "/tasks/T1.1/amendments", """
                {"text": "修订后的全文", "effectiveFrom": "2023-03-01", "reason": "政策调整"}""");
        accepted(registrar(), base + "/tasks", """
                {"code": "T1.2", "section": "S1", "title": "新增措施", "text": "全文", "effectiveFrom": "2023-03-01",
                 "reason": "新增任务", "decisionRef": "文号"}""");
        accepted(registrar(), base + "/tasks/T1.2/retirement", """
                {"effectiveFrom": "2024-03-01", "reason": "已完成"}""");
        refused(registrar(), base + "/tasks/T1.2/amendments", """
                {"text": "x", "effectiveFrom": "2024-06-01", "reason": "r"}""", HttpStatus.CONFLICT, "taskCode");
        refused(registrar(), base + "/tasks", """
                {"code": "T9.1", "section": "S9", "title": "t", "text": "x"}""", HttpStatus.NOT_FOUND, "sectionCode");
        accepted(registrar(), base + "/columns", """
                {"code": "C1", "section": "S1", "title": "专栏", "items": [{"code": "C1.1", "title": "一", "text": "全文"}]}""");
        refused(registrar(), base + "/columns", """
                {"code": "C2", "section": "S1", "title": "专栏",
                 "items": [{"code": "C2.1", "title": "一", "text": "a"}, {"code": "C2.1", "title": "二", "text": "b"}]}""",
                HttpStatus.CONFLICT, "items.code");
        accepted(registrar(), base + "/safeguards", """
                {"code": "SG1", "kind": "MECHANISM", "title": "机制保障", "items": []}""");
        refused(registrar(), base + "/safeguards", """
                {"code": "SG2", "kind": "FINANCIAL", "title": "x"}""", HttpStatus.BAD_REQUEST, "kind");
    }

    @Test
    void anEvaluationIsOpenedGetsFindingsCorrectedWithdrawnAndIsPublished() {
        String base = plan("HTTP-EVALUATION");
        accepted(evaluator(), base + "/evaluations", """
                {"id": "E2023", "kind": "ANNUAL", "evaluator": "第三方评估机构", "period": {"from": 2023, "to": 2023},
                 "effectiveFrom": "2024-03-01"}""");
        Map<?, ?> finding = accepted(evaluator(), base + "/evaluations/E2023/findings", """
                {"subjectKind": "INDICATOR", "subjectCode": "I01", "year": 2023, "observedValue": "5000",
                 "unit": "亿元", "assessment": "ON_TRACK", "evidenceRef": "统计年鉴2023", "effectiveFrom": "2024-03-02"}""");
        assertThat(finding.get("id")).isEqualTo("E2023-F1");
        accepted(evaluator(), base + "/evaluations/E2023/findings", """
                {"subjectKind": "TASK", "subjectCode": "T1.1", "year": 2023, "assessment": "AT_RISK",
                 "note": "进展滞后", "effectiveFrom": "2024-03-02"}""");
        refused(evaluator(), base + "/evaluations/E2023/findings", """
                {"subjectKind": "TASK", "subjectCode": "T9.9", "year": 2023, "assessment": "AT_RISK",
                 "effectiveFrom": "2024-03-02"}""", HttpStatus.NOT_FOUND, "taskCode");
        refused(evaluator(), base + "/evaluations/E2023/findings", """
                {"subjectKind": "INDICATOR", "subjectCode": "I01", "year": 2023, "observedValue": "0.5",
                 "unit": "万亿元", "assessment": "ON_TRACK", "effectiveFrom": "2024-03-02"}""",
                HttpStatus.BAD_REQUEST, "unit");
        accepted(evaluator(), base + "/evaluations/E2023/findings/E2023-F1/corrections", """
                {"observedValue": "5100", "effectiveFrom": "2024-03-05", "reason": "数据更新"}""");
        accepted(evaluator(), base + "/evaluations/E2023/findings/E2023-F2/withdrawal", """
                {"effectiveFrom": "2024-03-05", "reason": "重复记录"}""");
        refused(evaluator(), base + "/evaluations/E2023/findings/E2023-F2/corrections", """
                {"observedValue": "1", "effectiveFrom": "2024-03-06", "reason": "r"}""", HttpStatus.CONFLICT,
                "findingId");
        accepted(evaluator(), base + "/evaluations/E2023/publish", """
                {"effectiveFrom": "2024-04-01"}""");
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
                {"effectiveFrom": "2025-12-31", "reason": "规划期满"}""");
        refused(registrar(), base + "/indicators/I01/revisions", """
                {"target": {"value": "7000", "qualifier": "ABOUT"}, "effectiveFrom": "2025-12-31", "reason": "r"}""",
                HttpStatus.CONFLICT, "planCode");
        refused(evaluator(), base + "/evaluations", """
                {"id": "E2025", "kind": "ANNUAL", "evaluator": "x", "period": {"from": 2025, "to": 2025},
                 "effectiveFrom": "2026-03-01"}""", HttpStatus.CONFLICT, "kind");
        accepted(evaluator(), base + "/evaluations", """
                {"id": "FINAL", "kind": "FINAL", "evaluator": "第三方", "period": {"from": 2021, "to": 2025},
                 "effectiveFrom": "2026-03-01"}""");
    }

    @Test
    void aPlanIsMarkedSupersededWithAReason() {
        String base = plan("HTTP-SUPERSEDE");
        refused(registrar(), base + "/supersession", """
                {"supersededBy": "HTTP-SUPERSEDE", "effectiveFrom": "2025-12-31", "reason": "r"}""",
                HttpStatus.BAD_REQUEST, "supersededBy");
        refused(registrar(), base + "/supersession", """
                {"supersededBy": "NEXT-PLAN", "effectiveFrom": "2025-12-31"}""", HttpStatus.BAD_REQUEST, "reason");
        accepted(registrar(), base + "/supersession", """
                {"supersededBy": "NEXT-PLAN", "effectiveFrom": "2025-12-31", "reason": "新规划发布"}""");
    }
}
