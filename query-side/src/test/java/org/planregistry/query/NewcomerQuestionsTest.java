package org.planregistry.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.planregistry.api.Period;
import org.planregistry.api.PlanEvent.PlanAdoptedEvent;
import org.planregistry.api.PlanEvent.PlanClosedEvent;
import org.springframework.http.HttpStatus;

/** The questions a newcomer asked that used to get a misleading answer (issue 13). */
class NewcomerQuestionsTest extends QuerySideTestSupport {

    @Test
    void theAuditLogOfAnUnknownPlanIsNotFound() {
        JsonNode problem = problem("/api/audit?plan=NO-SUCH-PLAN", HttpStatus.NOT_FOUND);

        assertThat(problem.path("parameter").asText()).isEqualTo("plan");
        assertThat(problem.path("detail").asText()).isEqualTo("no plan NO-SUCH-PLAN has been recorded");
    }

    @Test
    void theAuditLogOfAPlanJustWrittenIsFoundWhenTheClientWaitsForIt() {
        long last = ShenzhenPlan.adopt(registrar, "AUDIT-KNOWN");

        JsonNode page = get("/api/audit?plan=AUDIT-KNOWN&type=planadoptedevent&minSequence=" + last);

        assertThat(page.path("entries")).hasSize(1);
        assertThat(page.path("entries").get(0).path("type").asText()).isEqualTo("PlanAdopted");
    }

    @Test
    void anUnknownEventTypeIsABadRequestNamingTheKnownTypes() {
        JsonNode problem = problem("/api/audit?type=TargetChanged", HttpStatus.BAD_REQUEST);

        assertThat(problem.path("parameter").asText()).isEqualTo("type");
        assertThat(problem.path("value").asText()).isEqualTo("TargetChanged");
        assertThat(problem.path("detail").asText()).startsWith("type: must be one of ChapterAdopted, "
                + "ChapterAmended, ColumnAdopted, EvaluationOpened, EvaluationPublished, FindingCorrected, "
                + "FindingRecorded, FindingSpanStated, FindingWithdrawn, GoalAdopted, GoalAmended, IndicatorAdopted, "
                + "IndicatorBaselineCorrected, IndicatorContinuityDeclared, IndicatorRetired, IndicatorTargetRevised, "
                + "MeasurementBasisSet, "
                + "MilestoneSet, PlanAdopted, PlanClosed, PlanSuperseded, SafeguardAdopted, "
                + "SectionAdopted, TaskAdopted, TaskAmended, TaskRetired");
    }

    @Test
    void aKnownAtInTheFutureIsRefusedEverywhere() {
        long last = ShenzhenPlan.adopt(registrar, "FUTURE-KNOWNAT");
        get("/api/plans/FUTURE-KNOWNAT?minSequence=" + last);
        String future = LocalDate.now().plusDays(2) + "T00:00:00Z";

        for (String path : List.of("/api/plans/FUTURE-KNOWNAT?knownAt=" + future,
                "/api/plans/FUTURE-KNOWNAT/progress?knownAt=" + future,
                "/api/plans/FUTURE-KNOWNAT/diff?from=2022-01-01&to=2023-01-01&knownAt=" + future,
                "/api/plans?knownAt=" + future)) {
            JsonNode problem = problem(path, HttpStatus.BAD_REQUEST);
            assertThat(problem.path("parameter").asText()).as(path).isEqualTo("knownAt");
            assertThat(problem.path("value").asText()).as(path).isEqualTo(future);
            assertThat(problem.path("detail").asText()).as(path).startsWith("knownAt: must not be in the future");
        }
        assertThat(get("/api/plans/FUTURE-KNOWNAT?knownAt=2024-01-01T00:00:00Z").path("knownAt").asText())
                .isEqualTo("2024-01-01T00:00:00Z");
    }

    @Test
    void theCatalogueAsOfADateListsThePlansInForceThenWithTheirStatusThen() {
        ShenzhenPlan.adopt(registrar, "CAT-EARLY");
        long closed = registrar.record("2023-07-02T02:00:00Z", new PlanClosedEvent("CAT-EARLY",
                LocalDate.of(2023, 7, 1), "期满前终止", "深府〔2023〕9号"));
        long later = registrar.record("2024-05-01T02:00:00Z", new PlanAdoptedEvent("CAT-LATER", "后续规划", null,
                null, LocalDate.of(2024, 6, 1), new Period(2024, 2028), null, null));
        long last = Math.max(closed, later);

        JsonNode in2023 = get("/api/plans?asOf=2023-01-01&minSequence=" + last);
        JsonNode in2024 = get("/api/plans?asOf=2024-12-31");
        JsonNode knownIn2023 = get("/api/plans?asOf=2024-12-31&knownAt=2023-12-31T00:00:00Z");
        JsonNode today = get("/api/plans");

        assertThat(in2023.path("asOf").asText()).isEqualTo("2023-01-01");
        assertThat(statuses(in2023)).contains("CAT-EARLY ADOPTED").noneMatch(s -> s.startsWith("CAT-LATER"));
        assertThat(statuses(in2024)).contains("CAT-EARLY CLOSED", "CAT-LATER ADOPTED");
        assertThat(statuses(knownIn2023)).contains("CAT-EARLY CLOSED").noneMatch(s -> s.startsWith("CAT-LATER"));
        assertThat(statuses(today)).contains("CAT-EARLY CLOSED", "CAT-LATER ADOPTED");
        assertThat(problem("/api/plans?asOf=2024-02-30", HttpStatus.BAD_REQUEST).path("parameter").asText())
                .isEqualTo("asOf");
    }

    @Test
    void anUnknownPathIsANotFoundProblemThatNamesIt() {
        JsonNode problem = problem("/api/plan/SZ-FIN-14FYP", HttpStatus.NOT_FOUND);

        assertThat(problem.path("path").asText()).isEqualTo("/api/plan/SZ-FIN-14FYP");
        assertThat(problem.path("detail").asText()).startsWith("no such path: /api/plan/SZ-FIN-14FYP")
                .doesNotContain("static resource");
    }

    private static List<String> statuses(JsonNode catalogue) {
        List<String> statuses = new ArrayList<>();
        catalogue.path("plans").forEach(plan -> statuses.add(plan.path("code").asText() + " "
                + plan.path("status").asText()));
        return statuses;
    }
}
