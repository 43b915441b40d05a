package org.planregistry.command.operations;

import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The command API's OpenAPI description ({@code /v3/api-docs}, Swagger UI at {@code /swagger-ui.html}): title,
 * description, HTTP Basic, and the examples of README.md for the commands it shows. Every command answers 201 with
 * {@code CommandAccepted}; refusals are problems (RFC 9457). Every command takes an {@code Idempotency-Key}, which
 * its endpoint reads from the request rather than as a parameter, so it is described here.
 */
@Configuration
class ApiDocumentation {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BASIC = "basic";

    /** Request and answer examples by operation ("POST /path"), as in README.md. */
    private static final Map<String, String[]> EXAMPLES = Map.of(
            "POST /api/plans", new String[] {"""
                    {"code": "SZ-FIN-14FYP", "title": "深圳市金融业高质量发展“十四五”规划", "issuer": "深圳市地方金融监督管理局",
                     "issued": "2022-01", "adoptedOn": "2022-01-01", "period": {"from": 2021, "to": 2025},
                     "visionYear": 2035, "source": "shenzhen-finance-14th-five-year-plan.txt"}""", """
                    {"planCode": "SZ-FIN-14FYP", "element": "plan SZ-FIN-14FYP", "id": null, "globalSequence": 1,
                     "version": 0}"""},
            "POST /api/plans/{plan}/indicators/{code}/revisions", new String[] {"""
                    {"target": {"value": "7000", "qualifier": "ABOUT"}, "effectiveFrom": "2024-01-01",
                     "reason": "金融业增加值增速高于预期", "decisionRef": "深府函〔2024〕88号", "decisionDate": "2024-06-24"}""", """
                    {"planCode": "SZ-FIN-14FYP", "element": "indicator I01", "id": null, "globalSequence": 114,
                     "version": 113}"""},
            "POST /api/plans/{plan}/indicators/{code}/milestones", new String[] {"""
                    {"year": 2023, "value": "5200", "unit": "亿元"}""", """
                    {"planCode": "SZ-FIN-14FYP", "element": "indicator I01", "id": null, "globalSequence": 115,
                     "version": 114}"""},
            "POST /api/plans/{plan}/evaluations", new String[] {"""
                    {"id": "2023-annual", "kind": "ANNUAL", "evaluator": "深圳市某第三方评估机构",
                     "period": {"from": 2023, "to": 2023}, "effectiveFrom": "2024-03-01"}""", """
                    {"planCode": "SZ-FIN-14FYP", "element": "evaluation 2023-annual", "id": null, "globalSequence": 116,
                     "version": 115}"""},
            "POST /api/plans/{plan}/evaluations/{evaluation}/findings", new String[] {"""
                    {"subjectKind": "INDICATOR", "subjectCode": "I01", "year": 2023, "observedValue": "5006.6",
                     "unit": "亿元", "assessment": "ON_TRACK", "evidenceRef": "深圳统计年鉴2024",
                     "effectiveFrom": "2024-03-15"}""", """
                    {"planCode": "SZ-FIN-14FYP", "element": "evaluation 2023-annual", "id": "2023-annual-F1",
                     "globalSequence": 117, "version": 116}"""},
            "POST /api/plans/import", new String[] {null, """
                    {"planCode": "SZ-FIN-14FYP", "outcome": "UNCHANGED", "elements": 113, "eventsWritten": 0,
                     "globalSequence": null, "message": "plan SZ-FIN-14FYP is already adopted exactly as this document describes it; nothing written"}"""});

    @Bean
    OpenAPI commandApi() {
        return new OpenAPI()
                .info(new Info().title("Plan Registry — command API").version("0.1.0").description("""
                        Adopts, decomposes (规划分解机制), adjusts (规划调整机制) and evaluates (规划评估机制) government \
                        development plans. Each request is one command; an accepted command answers 201 with the global \
                        sequence of the last event it wrote (pass it as `minSequence` to the query API to read your own \
                        write) and the plan's new version (also the `ETag`; send it back as `If-Match`). Registrars may \
                        do everything but evaluations, evaluators evaluations (HTTP Basic). Refusals are \
                        `application/problem+json` with `field` and `reason`: 400 invalid, 401/403 sign-in or role, \
                        404 unknown plan or element, 409 conflict with the plan's state, 412 stale `If-Match`. \
                        `X-Correlation-Id` (printable, at most 100 characters) is carried onto the events and returned. \
                        Every command takes an `Idempotency-Key` (printable ASCII, 1–200 characters, scoped to the \
                        signed-in user): a retry with the same key and the same command writes nothing and answers \
                        as the first time (`Idempotent-Replayed: true`); the same key with a different command is \
                        refused with 422. Keys are kept as long as the events, forever. A refused command is not \
                        remembered: its retry is decided again. The import takes no key: an identical re-import \
                        writes nothing already."""))
                .components(new Components().addSecuritySchemes(BASIC,
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")))
                .addSecurityItem(new SecurityRequirement().addList(BASIC));
    }

    @Bean
    OpenApiCustomizer commandExamples() {
        return api -> api.getPaths().forEach((path, item) -> {
            Operation post = item.getPost();
            if (post == null) {
                return;
            }
            ApiResponses responses = post.getResponses();
            if (responses != null && responses.containsKey("200") && !path.equals("/api/plans/import")) {
                // Every command answers 201 Created: its events are stored.
                responses.addApiResponse("201", responses.remove("200")
                        .description("Accepted: the command's events are stored"));
            }
            if (path.startsWith("/api/plans") && !path.equals("/api/plans/import")) {
                post.addParametersItem(new HeaderParameter().name("Idempotency-Key").required(false)
                        .schema(new StringSchema().minLength(1).maxLength(200).pattern("^[\\x20-\\x7E]+$"))
                        .description("Your key for this request (printable ASCII, 1–200 characters, yours alone): "
                                + "sent again with the same command, the first answer comes back and nothing is "
                                + "written; with a different command, 422"));
                if (responses != null) {
                    responses.addApiResponse("422", new ApiResponse()
                            .description("The Idempotency-Key was used before for a different request"));
                }
            }
            String[] example = EXAMPLES.get(PathItem.HttpMethod.POST + " " + path);
            if (example == null) {
                return;
            }
            if (example[0] != null && post.getRequestBody() != null && post.getRequestBody().getContent() != null) {
                post.getRequestBody().getContent().values().forEach(media -> media.addExamples("README",
                        new Example().value(parse(example[0]))));
            }
            ApiResponse answer = responses == null ? null
                    : responses.getOrDefault("201", responses.get("200"));
            if (answer != null) {
                Content content = answer.getContent() == null ? new Content() : answer.getContent();
                if (content.isEmpty()) {
                    content.addMediaType("application/json", new MediaType());
                }
                content.values().forEach(media -> media.addExamples("README", new Example().value(parse(example[1]))));
                answer.setContent(content);
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
