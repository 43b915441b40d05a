package org.planregistry.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.planregistry.api.Baseline;
import org.planregistry.api.PlanEvent.GoalAmendedEvent;
import org.planregistry.api.PlanEvent.IndicatorBaselineCorrectedEvent;
import org.planregistry.api.PlanEvent.IndicatorTargetRevisedEvent;
import org.planregistry.api.Qualifier;
import org.planregistry.api.Target;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

class AuditLogTest extends QuerySideTestSupport {

    @Test
    void theLogSaysWhoChangedWhatWhenAndWhyInWords() {
        ShenzhenPlan.adopt(registrar, "AUDIT-WORDS");
        long revised = registrar.record("2024-03-01T08:00:00Z", "registrar.wang", new IndicatorTargetRevisedEvent(
                "AUDIT-WORDS", "I01", new Target(2025, new BigDecimal("6400"), Qualifier.ABOUT),
                new Target(2025, new BigDecimal("7000"), Qualifier.ABOUT), LocalDate.of(2024, 1, 1),
                "mid-term adjustment", "深府办〔2024〕5号"));
        long amended = registrar.record("2024-03-02T08:00:00Z", new GoalAmendedEvent("AUDIT-WORDS", "G1",
                "金融安全区", "健全地方金融监管的体制机制。", LocalDate.of(2024, 3, 1), "shorter title", null));

        JsonNode page = get("/api/audit?plan=AUDIT-WORDS&after=" + (revised - 1) + "&minSequence=" + amended);

        JsonNode revision = page.path("entries").get(0);
        assertThat(revision.path("globalSequence").asLong()).isEqualTo(revised);
        assertThat(revision.path("type").asText()).isEqualTo("IndicatorTargetRevised");
        assertThat(revision.path("element").asText()).isEqualTo("indicator I01");
        assertThat(revision.path("change").asText()).isEqualTo("target 6400 ABOUT → 7000 ABOUT");
        assertThat(revision.path("actor").asText()).isEqualTo("registrar.wang");
        assertThat(revision.path("role").asText()).isEqualTo("REGISTRAR");
        assertThat(revision.path("reason").asText()).isEqualTo("mid-term adjustment");
        assertThat(revision.path("decisionRef").asText()).isEqualTo("深府办〔2024〕5号");
        assertThat(revision.path("correlationId").asText()).startsWith("corr-AUDIT-WORDS-");
        assertThat(revision.path("recordedAt").asText()).isEqualTo("2024-03-01T08:00:00Z");
        assertThat(revision.path("effectiveFrom").asText()).isEqualTo("2024-01-01");
        assertThat(page.path("entries").get(1).path("change").asText())
                .isEqualTo("title '金融运行安全区' → '金融安全区'");
    }

    @Test
    void filtersSelectByElementActorTypeAndRecordedTime() {
        ShenzhenPlan.adopt(registrar, "AUDIT-FILTER");
        registrar.record("2024-03-01T08:00:00Z", "registrar.wang", revision("AUDIT-FILTER", "I01", "6400", "7000"));
        registrar.record("2024-04-01T08:00:00Z", "registrar.chen", revision("AUDIT-FILTER", "I02", "16", "17"));
        long last = registrar.record("2024-05-01T08:00:00Z", "registrar.wang", new IndicatorBaselineCorrectedEvent(
                "AUDIT-FILTER", "I03", new Baseline(2020, new BigDecimal("10.2")),
                new Baseline(2020, new BigDecimal("10.1")), LocalDate.of(2022, 1, 1), "table value", null));
        String plan = "/api/audit?plan=AUDIT-FILTER&minSequence=" + last;

        assertThat(changes(get(plan + "&element=I01"))).containsExactly("indicator adopted: 金融业增加值, "
                + "baseline 4189.6 (2020), target 6400 ABOUT (2025) 亿元", "target 6400 ABOUT → 7000 ABOUT");
        assertThat(changes(get(plan + "&actor=registrar.wang"))).containsExactly("target 6400 ABOUT → 7000 ABOUT",
                "baseline 10.2 → 10.1");
        assertThat(changes(get(plan + "&type=IndicatorTargetRevised"))).hasSize(2);
        assertThat(changes(get(plan + "&type=indicatortargetrevisedevent"))).hasSize(2);
        assertThat(changes(get(plan + "&from=2024-03-15&to=2024-04-30"))).containsExactly("target 16 ABOUT → 17 ABOUT");
        assertThat(changes(get(plan + "&from=2024-04-01T08:00:00Z"))).hasSize(2);
    }

    @Test
    void pagesFollowTheCursorWithoutGapsOrRepeats() {
        long last = ShenzhenPlan.adopt(registrar, "AUDIT-PAGES");
        JsonNode all = get("/api/audit?plan=AUDIT-PAGES&limit=1000&minSequence=" + last);

        List<Long> paged = new ArrayList<>();
        JsonNode page = get("/api/audit?plan=AUDIT-PAGES&limit=4");
        while (true) {
            page.path("entries").forEach(e -> paged.add(e.path("globalSequence").asLong()));
            if (page.path("next").isNull() || page.path("entries").isEmpty()) {
                break;
            }
            page = get("/api/audit?plan=AUDIT-PAGES&limit=4&after=" + page.path("next").asLong());
        }

        List<Long> whole = new ArrayList<>();
        all.path("entries").forEach(e -> whole.add(e.path("globalSequence").asLong()));
        assertThat(whole).hasSize(11);
        assertThat(paged).isEqualTo(whole);
        assertThat(get("/api/audit?plan=AUDIT-PAGES&limit=4").path("entries"))
                .isEqualTo(get("/api/audit?plan=AUDIT-PAGES&limit=4").path("entries"));
    }

    @Test
    void theCsvExportHasAHeaderRowAndTheSameEntriesInUtf8() {
        ShenzhenPlan.adopt(registrar, "AUDIT-CSV");
        long last = registrar.record("2024-03-01T08:00:00Z", revision("AUDIT-CSV", "I01", "6400", "7000"));

        ResponseEntity<byte[]> byPath = client("/api/audit.csv").getForEntity("/api/audit.csv?plan=AUDIT-CSV&minSequence=" + last,
                byte[].class);
        ResponseEntity<String> byAccept = exchange(HttpMethod.GET, "/api/audit?plan=AUDIT-CSV", "text/csv");

        assertThat(byPath.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(byPath.getHeaders().getContentType().isCompatibleWith(MediaType.parseMediaType("text/csv")))
                .isTrue();
        String csv = new String(byPath.getBody(), StandardCharsets.UTF_8);
        String[] lines = csv.split("\r\n");
        assertThat(lines[0]).isEqualTo("globalSequence,recordedAt,effectiveFrom,type,plan,element,subject,actor,"
                + "role,reason,decisionRef,decisionDate,correlationId,change");
        assertThat(lines).hasSize(13);
        assertThat(lines[1]).contains("PlanAdopted", "深圳市金融业高质量发展“十四五”规划");
        assertThat(lines[12]).startsWith(last + ",2024-03-01T08:00:00Z,2024-01-01,IndicatorTargetRevised,AUDIT-CSV,"
                + "indicator I01,,registrar.li,REGISTRAR,mid-term adjustment,");
        assertThat(byAccept.getBody()).isEqualTo(csv);
    }

    @Test
    void malformedFiltersAreRejectedNamingTheParameter() {
        assertThat(problem("/api/audit?from=yesterday", HttpStatus.BAD_REQUEST).path("parameter").asText())
                .isEqualTo("from");
        assertThat(problem("/api/audit?limit=0", HttpStatus.BAD_REQUEST).path("parameter").asText())
                .isEqualTo("limit");
        assertThat(problem("/api/audit?after=-3", HttpStatus.BAD_REQUEST).path("parameter").asText())
                .isEqualTo("after");
        assertThat(problem("/api/audit?from=2024-02-01&to=2024-01-01", HttpStatus.BAD_REQUEST)
                .path("parameter").asText()).isEqualTo("from");
    }

    private static IndicatorTargetRevisedEvent revision(String plan, String indicator, String from, String to) {
        return new IndicatorTargetRevisedEvent(plan, indicator, new Target(2025, new BigDecimal(from),
                Qualifier.ABOUT), new Target(2025, new BigDecimal(to), Qualifier.ABOUT), LocalDate.of(2024, 1, 1),
                "mid-term adjustment", null);
    }

    private static List<String> changes(JsonNode page) {
        List<String> changes = new ArrayList<>();
        page.path("entries").forEach(e -> changes.add(e.path("change").asText()));
        return changes;
    }
}
