package org.planregistry.command.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

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
 * Declaring and revising how an indicator is measured, and recording findings that say what they cover, over HTTP:
 * the stored events, and problems that name the field and write nothing.
 */
class MeasurementBasisHttpTest extends CommandSideTest {

    private static HttpEntity<String> json(String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return new HttpEntity<>(body, headers);
    }

    private static ResponseEntity<Map> post(TestRestTemplate client, String path, String body) {
        return client.postForEntity(path, json(body), Map.class);
    }

    /** A plan with 绿色债券累计发行额 (I20) and a final evaluation open; returns the plan's path. */
    private String plan(String code) {
        String plan = "/api/plans/" + code;
        assertThat(post(registrar(), "/api/plans", """
                {"code": "%s", "title": "测试规划", "adoptedOn": "2022-01-01", "period": {"from": 2021, "to": 2025}}"""
                .formatted(code)).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(post(registrar(), plan + "/indicators", """
                {"code": "I20", "name": "绿色债券累计发行额", "unit": "亿元", "baseline": {"year": 2020, "value": "200"},
                 "target": {"year": 2025, "value": "1000", "qualifier": "EXACT"}}""").getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        assertThat(post(evaluator(), plan + "/evaluations", """
                {"id": "final", "kind": "FINAL", "evaluator": "第三方评估机构", "period": {"from": 2021, "to": 2025},
                 "effectiveFrom": "2026-03-01"}""").getStatusCode()).isEqualTo(HttpStatus.CREATED);
        return plan;
    }

    @Test
    void aBasisIsDeclaredAndAFindingThenSaysWhatItCovers() {
        String plan = plan("HTTP-BASIS");

        ResponseEntity<Map> declared = post(registrar(), plan + "/indicators/I20/measurement-basis", """
                {"basis": "ACCUMULATED", "effectiveFrom": "2022-01-01", "reason": "绿色债券累计发行额达到 1000 亿元"}""");

        StoredEvent.answering(database, declared, "HTTP-BASIS", "indicator I20", null)
                .isA("MeasurementBasisSetEvent").by("registrar", "REGISTRAR").has("indicatorCode", "I20")
                .has("previousBasis", null).has("basis", "ACCUMULATED").has("effectiveFrom", "2022-01-01")
                .has("reason", "绿色债券累计发行额达到 1000 亿元").has("decisionRef", null);

        ResponseEntity<Map> finding = post(evaluator(), plan + "/evaluations/final/findings", """
                {"subjectKind": "INDICATOR", "subjectCode": "I20", "year": 2025, "observedValue": "1180",
                 "assessment": "ACHIEVED", "span": "TO_DATE", "effectiveFrom": "2026-04-15"}""");

        StoredEvent span = StoredEvent.answering(database, finding, "HTTP-BASIS", "evaluation final", "final-F1")
                .isA("FindingSpanStatedEvent").by("evaluator", "EVALUATOR").has("findingId", "final-F1")
                .has("subjectCode", "I20").has("span", "TO_DATE").has("effectiveFrom", "2026-04-15");
        StoredEvent.of(database, "HTTP-BASIS", span.sequenceNumber() - 1).isA("FindingRecordedEvent")
                .has("findingId", "final-F1").has("observedValue", "1180").has("year", 2025);
    }

    @Test
    void aFindingOnAnAccumulatedIndicatorWithoutItsSpanIsABadRequestThatWritesNothing() {
        String plan = plan("HTTP-BASIS-NO-SPAN");
        assertThat(post(registrar(), plan + "/indicators/I20/measurement-basis", """
                {"basis": "ACCUMULATED", "effectiveFrom": "2022-01-01", "reason": "累计"}""").getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        long before = storedEvents();

        ResponseEntity<Map> response = post(evaluator(), plan + "/evaluations/final/findings", """
                {"subjectKind": "INDICATOR", "subjectCode": "I20", "year": 2025, "observedValue": "1180",
                 "assessment": "ACHIEVED", "effectiveFrom": "2026-04-15"}""");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .isTrue();
        assertThat(response.getBody()).containsEntry("field", "span");
        assertThat((String) response.getBody().get("reason")).contains("accumulated to date (TO_DATE)");
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void anUnknownBasisIsABadRequestAndTheSameBasisAgainAConflict() {
        String plan = plan("HTTP-BASIS-REFUSED");
        String basis = plan + "/indicators/I20/measurement-basis";
        long before = storedEvents();

        ResponseEntity<Map> unknown = post(registrar(), basis, """
                {"basis": "ANNUAL", "effectiveFrom": "2022-01-01", "reason": "x"}""");
        ResponseEntity<Map> noReason = post(registrar(), basis, """
                {"basis": "ACCUMULATED", "effectiveFrom": "2022-01-01"}""");

        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(unknown.getBody()).containsEntry("field", "basis");
        assertThat(noReason.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(noReason.getBody()).containsEntry("field", "reason");
        assertThat(storedEvents()).isEqualTo(before);

        assertThat(post(registrar(), basis, """
                {"basis": "ACCUMULATED", "effectiveFrom": "2022-01-01", "reason": "累计"}""").getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        long declared = storedEvents();
        ResponseEntity<Map> again = post(registrar(), basis, """
                {"basis": "ACCUMULATED", "effectiveFrom": "2023-01-01", "reason": "累计"}""");

        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(again.getBody()).containsEntry("field", "basis");
        assertThat(storedEvents()).isEqualTo(declared);
    }
}
