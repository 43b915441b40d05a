package org.planregistry.command.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.planregistry.command.CommandSideTest;
import org.planregistry.command.StoredEvent;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.boot.test.web.client.TestRestTemplate;

class PlanCommandsHttpTest extends CommandSideTest {

    private String adoptPlan(String code) {
        ResponseEntity<Map> response = registrar().postForEntity("/api/plans", json("""
                {"code": "%s", "title": "深圳市金融业高质量发展“十四五”规划", "adoptedOn": "2022-01-01",
                 "period": {"from": 2021, "to": 2025}, "visionYear": 2035}""".formatted(code)), Map.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        return code;
    }

    private ResponseEntity<Map> adoptIndicator(String plan) {
        return registrar().postForEntity("/api/plans/" + plan + "/indicators", json("""
                {"code": "I01", "number": 1, "category": "总体指标", "name": "金融业增加值", "unit": "亿元",
                 "baseline": {"year": 2020, "value": "4189.6"},
                 "target": {"year": 2025, "value": "6400", "qualifier": "ABOUT"}}"""), Map.class);
    }

    private static HttpEntity<String> json(String body) {
        return json(body, null);
    }

    private static HttpEntity<String> json(String body, String ifMatch) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        if (ifMatch != null) {
            headers.setIfMatch(ifMatch);
        }
        return new HttpEntity<>(body, headers);
    }

    /** Sends a request that must be refused, and checks the problem and that nothing was written. */
    private Map<?, ?> refused(TestRestTemplate client, String path, String body, HttpStatus status, String field) {
        long before = storedEvents();
        ResponseEntity<Map> response = client.exchange(path, HttpMethod.POST, json(body), Map.class);
        assertThat(response.getStatusCode()).isEqualTo(status);
        assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
        assertThat(response.getBody()).containsEntry("field", field);
        assertThat((String) response.getBody().get("detail")).isNotBlank();
        assertThat(storedEvents()).as("a refused command writes no event").isEqualTo(before);
        return response.getBody();
    }

    @Test
    void anUnknownPathIsANotFoundProblemThatNamesIt() {
        ResponseEntity<Map> response = registrar().postForEntity("/api/plan/SZ-FIN-14FYP/goals", json("{}"),
                Map.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .isTrue();
        assertThat(response.getBody()).containsEntry("path", "/api/plan/SZ-FIN-14FYP/goals");
        assertThat((String) response.getBody().get("detail")).startsWith("no such path: /api/plan/SZ-FIN-14FYP/goals")
                .doesNotContain("static resource");
    }

    @Test
    void adoptingAPlanAndAnIndicatorAnswersWithPositionAndVersion() {
        ResponseEntity<Map> adopted = registrar().postForEntity("/api/plans", json("""
                {"code": "HTTP-ADOPT", "title": "深圳市金融业高质量发展“十四五”规划", "adoptedOn": "2022-01-01",
                 "period": {"from": 2021, "to": 2025}, "visionYear": 2035}"""), Map.class);
        assertThat(adopted.getBody()).containsEntry("version", 0);
        StoredEvent.answering(database, adopted, "HTTP-ADOPT", "plan HTTP-ADOPT", "HTTP-ADOPT")
                .isA("PlanAdoptedEvent").by("registrar", "REGISTRAR").has("planCode", "HTTP-ADOPT")
                .has("title", "深圳市金融业高质量发展“十四五”规划").has("adoptedOn", "2022-01-01")
                .has("period.from", 2021).has("period.to", 2025).has("visionYear", 2035);

        ResponseEntity<Map> response = adoptIndicator("HTTP-ADOPT");

        assertThat(response.getBody()).containsEntry("version", 1);
        StoredEvent.answering(database, response, "HTTP-ADOPT", "indicator I01", null)
                .isA("IndicatorAdoptedEvent").by("registrar", "REGISTRAR").has("planCode", "HTTP-ADOPT")
                .has("indicatorCode", "I01").has("number", 1).has("category", "总体指标").has("name", "金融业增加值")
                .has("unit", "亿元").has("baseline.year", 2020).has("baseline.value", "4189.6")
                .has("target.year", 2025).has("target.value", "6400").has("target.qualifier", "ABOUT");
    }

    @Test
    void aRevisionIsRecordedWithTheAuthenticatedActor() {
        String plan = adoptPlan("HTTP-REVISE");
        adoptIndicator(plan);
        ResponseEntity<Map> response = registrar().postForEntity("/api/plans/" + plan + "/indicators/I01/revisions",
                json("""
                        {"target": {"value": "7000", "qualifier": "AT_LEAST"}, "effectiveFrom": "2024-01-01",
                         "reason": "经济形势变化", "decisionRef": "深府〔2024〕1号"}"""), Map.class);
        assertThat(response.getBody()).containsEntry("version", 2);
        StoredEvent.answering(database, response, plan, "indicator I01", null)
                .isA("IndicatorTargetRevisedEvent").by("registrar", "REGISTRAR").has("planCode", plan)
                .has("indicatorCode", "I01").has("previousTarget.value", "6400")
                .has("previousTarget.qualifier", "ABOUT").has("target.year", 2025).has("target.value", "7000")
                .has("target.qualifier", "AT_LEAST").has("effectiveFrom", "2024-01-01").has("reason", "经济形势变化")
                .has("decisionRef", "深府〔2024〕1号").has("decisionDate", null);
    }

    @Test
    void aStaleIfMatchIsRefusedAndWritesNothing() {
        String plan = adoptPlan("HTTP-STALE");
        adoptIndicator(plan);
        long before = storedEvents();
        ResponseEntity<Map> response = registrar().exchange("/api/plans/" + plan + "/indicators/I01/revisions",
                HttpMethod.POST, json("""
                        {"target": {"value": "7000", "qualifier": "ABOUT"}, "effectiveFrom": "2024-01-01",
                         "reason": "r"}""", "\"0\""), Map.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.PRECONDITION_FAILED);
        assertThat(response.getBody()).containsEntry("field", "If-Match");
        assertThat(storedEvents()).isEqualTo(before);
        ResponseEntity<Map> current = registrar().exchange("/api/plans/" + plan + "/indicators/I01/revisions",
                HttpMethod.POST, json("""
                        {"target": {"value": "7000", "qualifier": "ABOUT"}, "effectiveFrom": "2024-01-01",
                         "reason": "r"}""", "\"1\""), Map.class);
        assertThat(current.getHeaders().getETag()).isEqualTo("\"2\"");
        StoredEvent.answering(database, current, plan, "indicator I01", null).isA("IndicatorTargetRevisedEvent")
                .by("registrar", "REGISTRAR").has("target.value", "7000").has("reason", "r");
    }

    @Test
    void everyClientMistakeIsAProblemNamingTheField() {
        String plan = adoptPlan("HTTP-ERRORS");
        adoptIndicator(plan);
        String revisions = "/api/plans/" + plan + "/indicators/I01/revisions";
        refused(registrar(), revisions, """
                {"target": {"value": "7000", "qualifier": "ABOUT"}, "effectiveFrom": "2024-01-01", "reason": ""}""",
                HttpStatus.BAD_REQUEST, "reason");
        refused(registrar(), revisions, """
                {"target": {"value": "seven", "qualifier": "ABOUT"}, "effectiveFrom": "2024-01-01", "reason": "r"}""",
                HttpStatus.BAD_REQUEST, "target.value");
        refused(registrar(), revisions, """
                {"target": {"value": "7000", "qualifier": "ROUGHLY"}, "effectiveFrom": "2024-01-01", "reason": "r"}""",
                HttpStatus.BAD_REQUEST, "target.qualifier");
        refused(registrar(), revisions, """
                {"target": {"value": "7000", "qualifier": "ABOUT"}, "effectiveFrom": "2024-13-01", "reason": "r"}""",
                HttpStatus.BAD_REQUEST, "effectiveFrom");
        refused(registrar(), revisions, """
                {"target": {"value": "7000", "qualifier": "ABOUT"}, "effectiveFrom": "2027-01-01", "reason": "r"}""",
                HttpStatus.BAD_REQUEST, "effectiveFrom");
        refused(registrar(), revisions, """
                {"target": {"value": "7000", "qualifier": "ABOUT"}, "unit": "%", "effectiveFrom": "2024-01-01",
                 "reason": "r"}""", HttpStatus.BAD_REQUEST, "unit");
        refused(registrar(), revisions, """
                {"target": {"value": "6400", "qualifier": "ABOUT"}, "effectiveFrom": "2024-01-01", "reason": "r"}""",
                HttpStatus.CONFLICT, "target");
        refused(registrar(), revisions, """
                {"target": {"value": "7000", "qualifier": "ABOUT"}, "effectveFrom": "2024-01-01", "reason": "r"}""",
                HttpStatus.BAD_REQUEST, "effectveFrom");
        long before = storedEvents();
        ResponseEntity<Map> malformed = registrar().postForEntity(revisions, json("{not json"), Map.class);
        assertThat(malformed.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(malformed.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void unknownPlansAndIndicatorsAreNotFound() {
        refused(registrar(), "/api/plans/NO-SUCH-PLAN/indicators/I01/revisions", """
                {"target": {"value": "7000", "qualifier": "ABOUT"}, "effectiveFrom": "2024-01-01", "reason": "r"}""",
                HttpStatus.NOT_FOUND, "plan");
        String plan = adoptPlan("HTTP-UNKNOWN");
        refused(registrar(), "/api/plans/" + plan + "/indicators/I99/revisions", """
                {"target": {"value": "7000", "qualifier": "ABOUT"}, "effectiveFrom": "2024-01-01", "reason": "r"}""",
                HttpStatus.NOT_FOUND, "indicatorCode");
    }

    @Test
    void adoptingAPlanTwiceIsAConflict() {
        String plan = adoptPlan("HTTP-TWICE");
        refused(registrar(), "/api/plans", """
                {"code": "%s", "title": "again", "adoptedOn": "2022-01-01", "period": {"from": 2021, "to": 2025}}"""
                .formatted(plan), HttpStatus.CONFLICT, "code");
    }

    @Test
    void missingFieldsAreListedOneByOne() {
        Map<?, ?> problem = refused(registrar(), "/api/plans", """
                {"code": "lower case", "period": {"from": 2021}}""", HttpStatus.BAD_REQUEST, "adoptedOn");
        assertThat((List<Map<String, String>>) problem.get("errors")).extracting(e -> e.get("field"))
                .containsExactly("adoptedOn", "code", "period.to", "title");
    }

    @Test
    void aRequestWithoutCredentialsIsUnauthorizedAndAnEvaluatorCannotAdjust() {
        ResponseEntity<Map> anonymous = http.postForEntity("/api/plans", json("{}"), Map.class);
        assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(anonymous.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
        ResponseEntity<Map> evaluator = evaluator().postForEntity("/api/plans", json("{}"), Map.class);
        assertThat(evaluator.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }
}
