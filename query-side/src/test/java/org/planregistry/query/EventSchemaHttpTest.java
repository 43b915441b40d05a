package org.planregistry.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The event schemas are served to anyone, each revision at its own URL, which is also its {@code $id}. */
class EventSchemaHttpTest extends QuerySideTestSupport {

    private static final MediaType SCHEMA_JSON = MediaType.parseMediaType("application/schema+json");

    @Value("${registry.public-url}")
    String publicUrl;

    @Test
    void aSchemaIsServedAnonymouslyAsSchemaJsonWithItsUrlAsId() {
        ResponseEntity<String> response = exchange(HttpMethod.GET, "/api/schemas/IndicatorTargetRevised.v2.json",
                "application/schema+json");

        assertThat(response.getStatusCode()).as("%s", response.getBody()).isEqualTo(HttpStatus.OK);
        assertThat(response.getHeaders().getContentType().isCompatibleWith(SCHEMA_JSON))
                .as("%s", response.getHeaders().getContentType()).isTrue();
        JsonNode schema = read(response.getBody());
        assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(schema.path("$id").asText()).isEqualTo(publicUrl + "/api/schemas/IndicatorTargetRevised.v2.json");
        assertThat(schema.path("title").asText()).isEqualTo("IndicatorTargetRevised (revision 2)");
        assertThat(schema.path("description").asText()).startsWith("An indicator's target was adjusted");
        assertThat(schema.path("additionalProperties").asBoolean(true)).isFalse();
        assertThat(schema.path("required")).extracting(JsonNode::asText).endsWith("decisionRef", "decisionDate");
        assertThat(schema.at("/properties/decisionDate/format").asText()).isEqualTo("date");
    }

    @Test
    void anEarlierRevisionStaysServed() {
        ResponseEntity<String> response = exchange(HttpMethod.GET, "/api/schemas/IndicatorTargetRevised.v1.json",
                "application/json");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getHeaders().getContentType().isCompatibleWith(SCHEMA_JSON)).isTrue();
        JsonNode schema = read(response.getBody());
        assertThat(schema.path("$id").asText()).isEqualTo(publicUrl + "/api/schemas/IndicatorTargetRevised.v1.json");
        assertThat(schema.path("properties").has("decisionRef")).isTrue();
        assertThat(schema.path("properties").has("decisionDate")).isFalse();
    }

    @Test
    void theListNamesEveryTypeAndRevisionWithItsUrl() {
        JsonNode list = get("/api/schemas");

        assertThat(list.path("schemas")).hasSize(27);
        assertThat(list.path("schemas")).anySatisfy(entry -> {
            assertThat(entry.path("type").asText()).isEqualTo("IndicatorTargetRevised");
            assertThat(entry.path("revision").asText()).isEqualTo("1");
            assertThat(entry.path("current").asBoolean()).isFalse();
            assertThat(entry.path("url").asText())
                    .isEqualTo(publicUrl + "/api/schemas/IndicatorTargetRevised.v1.json");
        });
        assertThat(list.path("schemas")).anySatisfy(entry -> {
            assertThat(entry.path("type").asText()).isEqualTo("PlanAdopted");
            assertThat(entry.path("revision").asText()).isEqualTo("1");
            assertThat(entry.path("current").asBoolean()).isTrue();
        });
        for (JsonNode entry : list.path("schemas")) {
            String path = entry.path("url").asText().substring(publicUrl.length());
            assertThat(exchange(HttpMethod.GET, path, "application/schema+json").getStatusCode()).as(path)
                    .isEqualTo(HttpStatus.OK);
        }
    }

    @Test
    void anUnknownTypeOrRevisionIsNotFound() {
        for (String file : new String[] {"NoSuchThing.v1.json", "IndicatorTargetRevised.v3.json",
                "PlanAdopted.json", "IndicatorTargetRevisedEvent.v2.json"}) {
            JsonNode problem = problem("/api/schemas/" + file, HttpStatus.NOT_FOUND);

            assertThat(problem.path("parameter").asText()).isEqualTo("schema");
            assertThat(problem.path("detail").asText()).contains(file);
        }
    }
}
