package org.planregistry.command.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.planregistry.command.CommandSideTest;
import org.planregistry.command.StoredEvent;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** A target revision may give the date of its decision document; the stored event (revision 2) carries it. */
class DecisionDateHttpTest extends CommandSideTest {

    private static HttpEntity<String> json(String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return new HttpEntity<>(body, headers);
    }

    private ResponseEntity<Map> post(String path, String body) {
        return registrar().postForEntity(path, json(body), Map.class);
    }

    private String plan(String code) {
        assertThat(post("/api/plans", """
                {"code": "%s", "title": "测试规划", "adoptedOn": "2022-01-01", "period": {"from": 2021, "to": 2025}}"""
                .formatted(code)).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(post("/api/plans/" + code + "/indicators", """
                {"code": "I01", "name": "金融业增加值", "unit": "亿元", "baseline": {"year": 2020, "value": "4189.6"},
                 "target": {"year": 2025, "value": "6400", "qualifier": "ABOUT"}}""").getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        return "/api/plans/" + code + "/indicators/I01/revisions";
    }

    @Test
    void theStoredRevisionCarriesTheDecisionDate() {
        String revisions = plan("HTTP-DECISION-DATE");

        ResponseEntity<Map> response = post(revisions, """
                {"target": {"value": "7000", "qualifier": "ABOUT"}, "effectiveFrom": "2024-07-01",
                 "reason": "中期调整", "decisionRef": "深府函〔2024〕88号", "decisionDate": "2024-06-24"}""");

        StoredEvent stored = StoredEvent.answering(database, response, "HTTP-DECISION-DATE", "indicator I01", null)
                .isA("IndicatorTargetRevisedEvent").by("registrar", "REGISTRAR").has("target.value", "7000")
                .has("target.qualifier", "ABOUT").has("effectiveFrom", "2024-07-01").has("reason", "中期调整")
                .has("decisionRef", "深府函〔2024〕88号").has("decisionDate", "2024-06-24");
        Document document = database.getCollection("events").find(new Document("_id", stored.globalSequence()))
                .first();
        assertThat(document.getString("payloadRevision")).isEqualTo("2");
    }

    @Test
    void aRevisionWithoutDecisionDateStoresNull() {
        String revisions = plan("HTTP-NO-DECISION-DATE");

        ResponseEntity<Map> response = post(revisions, """
                {"target": {"value": "7000", "qualifier": "ABOUT"}, "effectiveFrom": "2024-07-01",
                 "reason": "中期调整", "decisionRef": "深府函〔2024〕88号"}""");

        StoredEvent.answering(database, response, "HTTP-NO-DECISION-DATE", "indicator I01", null)
                .isA("IndicatorTargetRevisedEvent").by("registrar", "REGISTRAR").has("target.value", "7000")
                .has("decisionRef", "深府函〔2024〕88号").has("decisionDate", null); // every field is written
    }

    @Test
    void aDecisionDateThatIsNoDateIsABadRequest() {
        String revisions = plan("HTTP-BAD-DECISION-DATE");
        long before = storedEvents();

        ResponseEntity<Map> response = post(revisions, """
                {"target": {"value": "7000", "qualifier": "ABOUT"}, "effectiveFrom": "2024-07-01",
                 "reason": "中期调整", "decisionRef": "深府函〔2024〕88号", "decisionDate": "2024-06-31"}""");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .isTrue();
        assertThat(response.getBody()).containsEntry("field", "decisionDate");
        assertThat((String) response.getBody().get("detail")).contains("is not a date (YYYY-MM-DD)");
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void aDecisionDateWithoutDecisionRefIsABadRequest() {
        String revisions = plan("HTTP-DATE-WITHOUT-REF");
        long before = storedEvents();

        ResponseEntity<Map> response = post(revisions, """
                {"target": {"value": "7000", "qualifier": "ABOUT"}, "effectiveFrom": "2024-07-01",
                 "reason": "中期调整", "decisionDate": "2024-06-24"}""");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .isTrue();
        assertThat(response.getBody()).containsEntry("field", "decisionDate");
        assertThat(storedEvents()).isEqualTo(before);
    }
}
