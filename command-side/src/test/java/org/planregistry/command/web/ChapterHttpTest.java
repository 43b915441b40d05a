package org.planregistry.command.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.planregistry.command.CommandSideTest;
import org.planregistry.command.StoredEvent;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The plan's opening chapters over HTTP: adopted and amended, or refused with a problem that writes nothing. */
class ChapterHttpTest extends CommandSideTest {

    private ResponseEntity<Map> post(String path, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return registrar().postForEntity(path, new HttpEntity<>(body, headers), Map.class);
    }

    private String plan(String code) {
        assertThat(post("/api/plans", """
                {"code": "%s", "title": "测试规划", "adoptedOn": "2022-01-01", "period": {"from": 2021, "to": 2025}}"""
                .formatted(code)).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        return "/api/plans/" + code;
    }

    @Test
    void aChapterIsAdoptedAndAmended() {
        String plan = plan("HTTP-CHAPTER");

        ResponseEntity<Map> adopted = post(plan + "/chapters", """
                {"code": "CH4", "kind": "GUIDING_THOUGHT", "title": "指导思想", "text": "高举中国特色社会主义伟大旗帜，……"}""");
        StoredEvent.answering(database, adopted, "HTTP-CHAPTER", "chapter CH4", null).isA("ChapterAdoptedEvent")
                .by("registrar", "REGISTRAR").has("kind", "GUIDING_THOUGHT").has("title", "指导思想")
                .has("text", "高举中国特色社会主义伟大旗帜，……").has("effectiveFrom", "2022-01-01");

        ResponseEntity<Map> amended = post(plan + "/chapters/CH4/amendments", """
                {"text": "高举中国特色社会主义伟大旗帜，（修订）", "effectiveFrom": "2024-07-01", "reason": "中期调整"}""");
        StoredEvent.answering(database, amended, "HTTP-CHAPTER", "chapter CH4", null).isA("ChapterAmendedEvent")
                .has("title", "指导思想").has("text", "高举中国特色社会主义伟大旗帜，（修订）").has("reason", "中期调整");
    }

    @Test
    void anUnknownKindIsABadRequestAndAnUnknownChapterNotFound() {
        String plan = plan("HTTP-CHAPTER-REFUSED");
        long before = storedEvents();

        ResponseEntity<Map> badKind = post(plan + "/chapters", """
                {"code": "CH1", "kind": "PREFACE", "title": "前言", "text": "……"}""");
        ResponseEntity<Map> unknown = post(plan + "/chapters/CH9/amendments", """
                {"text": "……", "effectiveFrom": "2024-07-01", "reason": "理由"}""");

        assertThat(badKind.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(badKind.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .isTrue();
        assertThat(badKind.getBody()).containsEntry("field", "kind");
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(unknown.getBody()).containsEntry("field", "chapterCode");
        assertThat(storedEvents()).isEqualTo(before);
    }
}
