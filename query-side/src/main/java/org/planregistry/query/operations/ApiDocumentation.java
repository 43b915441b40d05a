package org.planregistry.query.operations;

import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.planregistry.query.access.Audience;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The query API's OpenAPI description ({@code /v3/api-docs}, Swagger UI at {@code /swagger-ui.html}): title,
 * description, and the answers README.md shows for the queries it shows (shortened). docs/queries.md has the rest.
 */
@Configuration
class ApiDocumentation {

    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        // Who reads is taken from the sign-in, not from the request: no parameter of the API.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Audience.class);
    }

    /** Answer examples by GET path, as in README.md. */
    private static final Map<String, String> EXAMPLES = Map.of(
            "/api/plans", """
                    {"asOf": "2026-12-03", "plans": [{"code": "SZ-FIN-14FYP", "title": "深圳市金融业高质量发展“十四五”规划",
                     "issuer": null, "period": {"from": 2021, "to": 2025}, "adoptedOn": "2022-01-01", "status": "ADOPTED",
                     "supersededBy": null, "elements": {"chapters": 6, "goals": 6, "indicators": 21, "sections": 8,
                     "tasks": 40, "columns": 7, "safeguards": 3, "evaluations": 0}, "lastSequence": 113,
                     "lastRecordedAt": "2026-12-03T07:22:23.909662695Z"}]}""",
            "/api/plans/{plan}", """
                    {"code": "SZ-FIN-14FYP", "asOf": "2023-12-31",
                     "indicators": [{"code": "I01", "name": "金融业增加值", "unit": "亿元",
                       "baseline": {"year": 2020, "value": "4189.6"},
                       "target": {"year": 2025, "value": "6400", "qualifier": "ABOUT"}, "targetSince": "2022-01-01"}],
                     "pendingChanges": [{"effectiveFrom": "2024-01-01", "globalSequence": 114,
                       "type": "IndicatorTargetRevised", "element": "indicator I01", "attribute": "target",
                       "value": {"year": 2025, "value": "7000", "qualifier": "ABOUT"}, "actor": "registrar",
                       "reason": "金融业增加值增速高于预期", "decisionRef": "深府函〔2024〕88号"}],
                     "pendingChangeCount": 1}""",
            "/api/plans/{plan}/diff", """
                    {"plan": "SZ-FIN-14FYP", "from": "2023-12-31", "to": "2024-01-01", "added": [], "removed": [],
                     "changed": [{"element": "indicator I01", "attribute": "target",
                       "oldValue": {"year": 2025, "value": "6400", "qualifier": "ABOUT"},
                       "newValue": {"year": 2025, "value": "7000", "qualifier": "ABOUT"},
                       "events": [{"globalSequence": 114, "type": "IndicatorTargetRevised", "effectiveFrom": "2024-01-01",
                         "actor": "registrar", "reason": "金融业增加值增速高于预期", "decisionRef": "深府函〔2024〕88号"}]}]}""",
            "/api/plans/{plan}/progress", """
                    {"indicators": [{"code": "I01", "baseline": {"year": 2020, "value": "4189.6"},
                     "target": {"year": 2025, "value": "7000", "qualifier": "ABOUT"},
                     "planned": {"date": "2024-03-31", "value": "6015.592", "basis": "TRAJECTORY"},
                     "latestFinding": {"findingId": "2023-annual-F1", "year": 2023, "observedValue": "5006.6",
                       "assessment": "ON_TRACK"},
                     "plannedForFindingYear": {"date": "2023-12-31", "value": "5200", "basis": "MILESTONE"},
                     "gap": "-193.4", "status": "AT_RISK",
                     "statusReason": "observed 5006.6 for 2023 falls short of the planned 5200 by 193.4 (3.7 % of it)"}]}""",
            "/api/plans/{plan}/audit/verify", """
                    {"plan": "SZ-FIN-14FYP", "events": 114, "intact": true,
                     "head": {"sequenceNumber": 113, "globalSequence": 114,
                       "hash": "d6c5dcd7b83eb30891fa43c371723f0b2812041cabba4791fa616d376701f476"},
                     "firstBroken": null, "problem": null, "problems": [],
                     "digest": {"sequenceNumber": 112, "extended": true,
                       "hash": "e7aa97570b053362aa14695dd78f174f9a04caf7b45427edaf40191ff9ba2f1f"}}""",
            "/api/audit/verify", """
                    {"intact": true, "verifiedUpTo": 114, "events": 114, "fillers": 0,
                     "plans": [{"plan": "SZ-FIN-14FYP", "events": 114, "intact": true, "head": {"sequenceNumber": 113,
                       "globalSequence": 114, "hash": "d6c5dcd7b83eb30891fa43c371723f0b2812041cabba4791fa616d376701f476"}}],
                     "problemCount": 0, "problems": [], "keptDigest": null,
                     "digest": {"globalSequence": 114, "plans": [{"plan": "SZ-FIN-14FYP", "sequenceNumber": 113,
                       "hash": "d6c5dcd7b83eb30891fa43c371723f0b2812041cabba4791fa616d376701f476"}],
                       "hash": "91ccfb1e2378643c20a0e0440cc462156fe1afb250098c1a52ab81d4a1a88cb0"}}""",
            "/api/events", """
                    [{"specversion": "1.0", "id": "5f65c454-4e1b-48a3-b8e7-d278d133d896", "source": "/plans/SZ-FIN-14FYP",
                      "type": "org.planregistry.plan.PlanAdopted.v1", "datacontenttype": "application/json",
                      "dataschema": "http://localhost:8080/api/schemas/PlanAdopted.v1.json", "subject": "plan",
                      "time": "2026-12-03T05:04:14.131280214Z", "actor": "system", "sequence": "0000000000000000001",
                      "planversion": 0, "correlationid": "seed", "effectivedate": "2022-01-01",
                      "data": {"planCode": "SZ-FIN-14FYP", "title": "深圳市金融业高质量发展“十四五”规划",
                        "adoptedOn": "2022-01-01", "period": {"from": 2021, "to": 2025}}}]""");

    @Bean
    OpenAPI queryApi() {
        return new OpenAPI()
                .info(new Info().title("Plan Registry — query API").version("0.1.0").description("""
                        Answers about government development plans as of any date (`asOf`, valid time) and as the \
                        registry knew them at any earlier time (`knownAt`, transaction time): the plan, indicator \
                        history, diff between two dates, progress against the trajectory, the audit log and its hash \
                        chain; and the registry's events as CloudEvents (pages and Server-Sent Events) from any \
                        position of the store's global sequence. Plans are public; the event stream needs a sign-in \
                        (the `reader` account), the audit log and the verification of the hash chains the `auditor`, \
                        view rebuilds the `operator` (HTTP Basic). Pass a \
                        command's `globalSequence` as `minSequence` to read your own write (503 if the view does not \
                        reach it in time). Refusals are `application/problem+json`."""))
                .components(new Components().addSecuritySchemes("basic",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")));
    }

    @Bean
    OpenApiCustomizer queryExamples() {
        return api -> EXAMPLES.forEach((path, example) -> {
            var item = api.getPaths().get(path);
            Operation get = item == null ? null : item.getGet();
            ApiResponse ok = get == null || get.getResponses() == null ? null : get.getResponses().get("200");
            if (ok != null && ok.getContent() != null) {
                ok.getContent().forEach((type, media) -> {
                    if (type.contains("json") || type.equals("*/*")) {
                        media.addExamples("README", new Example().value(parse(example)));
                    }
                });
            }
        });
    }

    private static Object parse(String json) {
        try {
            return JSON.readValue(json, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an example in the API description is not JSON: " + json, e);
        }
    }
}
