package org.planregistry.command.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.planregistry.command.CommandSideTest;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The same bad input, once in a plan definition document and once as a command over HTTP: both are refused for the
 * same reason, in the same words (the plan's rules are checked in one place, {@code PlanRules}), and neither writes
 * an event. Each case imports first, under the plan code the commands then use: the refused import wrote nothing,
 * so the commands start from no plan at all.
 */
class ImportAndCommandRulesTest extends CommandSideTest {

    private static final String PERIOD = "{ from: 2021, to: 2025 }";
    private static final String INDICATOR = """
            { code: I01, number: 1, category: 总体指标, name: 金融业增加值, unit: 亿元, nature: EXPECTED,
                baseline: { year: 2020, value: "4189.6" }, target: { year: %d, value: "6400", qualifier: ABOUT } }""";
    private static final String GOAL = "{ code: G1, title: 金融运行安全区, horizon: %d, description: 说明 }";

    @Test
    void aPeriodThatStartsAfterItEnds() {
        String plan = "RULES-PERIOD";
        String reason = importRefused(document(plan, "\"2022-01-01\"", "{ from: 2025, to: 2021 }", null, "[]", "[]",
                "[]", "[]"), "/plan/period");
        commandRefused("/api/plans", adoptPlan(plan, "2022-01-01", 2025, 2021, null), HttpStatus.BAD_REQUEST,
                "period", reason);
        assertThat(reason).isEqualTo("the period starts (2025) after it ends (2021)");
    }

    @Test
    void aTargetYearOutsideThePeriod() {
        String plan = "RULES-TARGET";
        String reason = importRefused(document(plan, "\"2022-01-01\"", PERIOD, null, "[]",
                "[" + INDICATOR.formatted(2026) + "]", "[]", "[]"), "/indicators/0/target/year");
        adopted("/api/plans", adoptPlan(plan, "2022-01-01", 2021, 2025, null));
        commandRefused("/api/plans/" + plan + "/indicators", indicator(2026), HttpStatus.BAD_REQUEST,
                "target.year", reason);
        assertThat(reason).isEqualTo("year 2026 is outside the plan period 2021–2025");
    }

    @Test
    void aDuplicateCode() {
        String plan = "RULES-DUPLICATE";
        String reason = importRefused(document(plan, "\"2022-01-01\"", PERIOD, null,
                "[" + GOAL.formatted(2025) + ", " + GOAL.formatted(2025) + "]", "[]", "[]", "[]"), "/goals/1/code");
        adopted("/api/plans", adoptPlan(plan, "2022-01-01", 2021, 2025, null));
        adopted("/api/plans/" + plan + "/goals", goal(2025));
        commandRefused("/api/plans/" + plan + "/goals", goal(2025), HttpStatus.CONFLICT, "goalCode", reason);
        assertThat(reason).isEqualTo("goal G1 already exists in plan RULES-DUPLICATE");
    }

    @Test
    void aColumnInAnUnknownSection() {
        String plan = "RULES-SECTION";
        String reason = importRefused(document(plan, "\"2022-01-01\"", PERIOD, null, "[]", "[]", "[]",
                "[{ code: C1, title: 专栏, section: S9, items: [{ code: C1.1, title: 一, text: 第一项 }] }]"),
                "/columns/0/section");
        adopted("/api/plans", adoptPlan(plan, "2022-01-01", 2021, 2025, null));
        commandRefused("/api/plans/" + plan + "/columns", """
                {"code": "C1", "section": "S9", "title": "专栏",
                 "items": [{"code": "C1.1", "title": "一", "text": "第一项"}]}""", HttpStatus.NOT_FOUND,
                "sectionCode", reason);
        assertThat(reason).isEqualTo("plan RULES-SECTION has no section S9");
    }

    @Test
    void aDuplicateItemCode() {
        String plan = "RULES-ITEMS";
        String reason = importRefused(document(plan, "\"2022-01-01\"", PERIOD, null, "[]", "[]",
                "[{ code: S1, title: 第一部分, measures: [] }]",
                "[{ code: C1, title: 专栏, section: S1, items: [{ code: C1.1, title: 一, text: 一 },"
                        + " { code: C1.1, title: 二, text: 二 }] }]"), "/columns/0/items/1/code");
        adopted("/api/plans", adoptPlan(plan, "2022-01-01", 2021, 2025, null));
        adopted("/api/plans/" + plan + "/sections", """
                {"code": "S1", "title": "第一部分"}""");
        commandRefused("/api/plans/" + plan + "/columns", """
                {"code": "C1", "section": "S1", "title": "专栏",
                 "items": [{"code": "C1.1", "title": "一", "text": "一"}, {"code": "C1.1", "title": "二", "text": "二"}]}""",
                HttpStatus.CONFLICT, "items.code", reason);
        assertThat(reason).isEqualTo("item code C1.1 appears twice");
    }

    @Test
    void aVisionYearBeforeTheEndOfThePeriod() {
        String plan = "RULES-VISION";
        String reason = importRefused(document(plan, "\"2022-01-01\"", PERIOD, 2024, "[]", "[]", "[]", "[]"),
                "/plan/visionYear");
        commandRefused("/api/plans", adoptPlan(plan, "2022-01-01", 2021, 2025, 2024), HttpStatus.BAD_REQUEST,
                "visionYear", reason);
        assertThat(reason).isEqualTo("the vision year (2024) is before the end of the period (2025)");
    }

    /** A rule the importer alone had: now the plan's, so a command is refused too. */
    @Test
    void anAdoptionAfterThePeriodHasEnded() {
        String plan = "RULES-LATE";
        String reason = importRefused(document(plan, "\"2026-03-01\"", PERIOD, null, "[]", "[]", "[]", "[]"),
                "/plan/adoptedOn");
        commandRefused("/api/plans", adoptPlan(plan, "2026-03-01", 2021, 2025, null), HttpStatus.BAD_REQUEST,
                "adoptedOn", reason);
        assertThat(reason).isEqualTo("the plan is adopted on 2026-03-01, after its period ended on 2025-12-31");
    }

    /** A rule the importer alone had: now the plan's, so a command is refused too. */
    @Test
    void aGoalSetForAYearNeitherInThePeriodNorTheVisionYear() {
        String plan = "RULES-HORIZON";
        String reason = importRefused(document(plan, "\"2022-01-01\"", PERIOD, 2035,
                "[" + GOAL.formatted(2040) + "]", "[]", "[]", "[]"), "/goals/0/horizon");
        adopted("/api/plans", adoptPlan(plan, "2022-01-01", 2021, 2025, 2035));
        commandRefused("/api/plans/" + plan + "/goals", goal(2040), HttpStatus.BAD_REQUEST, "horizon",
                reason);
        assertThat(reason).isEqualTo("horizon 2040 is neither within the period 2021–2025 nor the vision year");
        adopted("/api/plans/" + plan + "/goals", goal(2035));
    }

    /** A rule the importer alone had: now the plan's, so a command is refused too. */
    @Test
    void aBaselineAfterTheTarget() {
        String plan = "RULES-BASELINE";
        String reason = importRefused(document(plan, "\"2022-01-01\"", PERIOD, null, "[]",
                "[" + INDICATOR.formatted(2022).replace("year: 2020", "year: 2023") + "]", "[]", "[]"),
                "/indicators/0/baseline/year");
        adopted("/api/plans", adoptPlan(plan, "2022-01-01", 2021, 2025, null));
        commandRefused("/api/plans/" + plan + "/indicators", indicator(2022).replace("\"year\": 2020",
                "\"year\": 2023"), HttpStatus.BAD_REQUEST, "baseline.year", reason);
        assertThat(reason).isEqualTo("baseline year 2023 is after the target year 2022");
    }

    private static String document(String plan, String adoptedOn, String period, Integer visionYear, String goals,
                                   String indicators, String sections, String columns) {
        return """
                formatVersion: 1
                plan:
                  code: %s
                  title: 测试规划
                  issued: "2022-01"
                  adoptedOn: %s
                  period: %s
                %s  source: test
                goals: %s
                indicators: %s
                sections: %s
                columns: %s
                safeguards: []
                """.formatted(plan, adoptedOn, period, visionYear == null ? "" : "  visionYear: " + visionYear + "\n",
                goals, indicators, sections, columns);
    }

    private static String adoptPlan(String plan, String adoptedOn, int from, int to, Integer visionYear) {
        return """
                {"code": "%s", "title": "测试规划", "adoptedOn": "%s", "period": {"from": %d, "to": %d},
                 "visionYear": %s}""".formatted(plan, adoptedOn, from, to, visionYear);
    }

    private static String indicator(int targetYear) {
        return """
                {"code": "I01", "number": 1, "category": "总体指标", "name": "金融业增加值", "unit": "亿元",
                 "baseline": {"year": 2020, "value": "4189.6"},
                 "target": {"year": %d, "value": "6400", "qualifier": "ABOUT"}}""".formatted(targetYear);
    }

    private static String goal(int horizon) {
        return """
                {"code": "G1", "title": "金融运行安全区", "horizon": %d, "description": "说明"}""".formatted(horizon);
    }

    /** Imports the document, expects it refused with a problem at {@code path}, and returns that problem's reason. */
    private String importRefused(String document, String path) {
        long before = storedEvents();
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.parseMediaType("application/yaml"));
        ResponseEntity<Map> response = registrar().postForEntity("/api/plans/import",
                new HttpEntity<>(document.getBytes(StandardCharsets.UTF_8), headers), Map.class);
        assertThat(response.getStatusCode()).as("%s", response.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
        List<Map<String, Object>> errors = (List<Map<String, Object>>) response.getBody().get("errors");
        Map<String, Object> problem = errors.stream().filter(e -> path.equals(e.get("path"))).findFirst()
                .orElseThrow(() -> new AssertionError("no problem at " + path + ": " + errors));
        assertThat(problem.get("line")).as("the problem's line in the document").isNotNull();
        assertThat(storedEvents()).as("a refused import writes no event").isEqualTo(before);
        return (String) problem.get("reason");
    }

    private void adopted(String path, String body) {
        ResponseEntity<Map> response = registrar().postForEntity(path, json(body), Map.class);
        assertThat(response.getStatusCode()).as("%s %s", path, response.getBody()).isEqualTo(HttpStatus.CREATED);
    }

    /** Sends the command, expects it refused on {@code field} with exactly the import's reason, and nothing written. */
    private void commandRefused(String path, String body, HttpStatus status, String field, String importReason) {
        long before = storedEvents();
        ResponseEntity<Map> response = registrar().postForEntity(path, json(body), Map.class);
        assertThat(response.getStatusCode()).as("%s", response.getBody()).isEqualTo(status);
        assertThat(response.getBody()).containsEntry("field", field);
        assertThat(response.getBody()).as("the command is refused for the import's reason")
                .containsEntry("detail", importReason);
        assertThat(storedEvents()).as("a refused command writes no event").isEqualTo(before);
    }

    private static HttpEntity<String> json(String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return new HttpEntity<>(body, headers);
    }
}
