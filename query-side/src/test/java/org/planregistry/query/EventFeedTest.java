package org.planregistry.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.planregistry.api.Period;
import org.planregistry.api.PlanEvent.IndicatorTargetRevisedEvent;
import org.planregistry.api.PlanEvent.MilestoneSetEvent;
import org.planregistry.api.PlanEvent.PlanAdoptedEvent;
import org.planregistry.api.Qualifier;
import org.planregistry.api.Target;
import org.planregistry.eventstore.GlobalSequence;
import org.planregistry.eventstore.upcasting.RevisionOneRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.RequestEntity;
import org.springframework.http.ResponseEntity;

/** {@code GET /api/events}: the outward stream as pages of CloudEvents, read from the event store. */
class EventFeedTest extends QuerySideTestSupport {

    private static final Pattern NEXT = Pattern.compile("<([^>]+)>; rel=\"next\"");

    @Autowired
    MongoDatabase registryDatabase;

    @Test
    void eachEventIsACloudEventWithTheDocumentedAttributes() {
        String plan = "FEED-ENVELOPE";
        long adopted = ShenzhenPlan.adopt(registrar, plan);
        long milestone = registrar.record("2024-02-01T09:30:00Z", new MilestoneSetEvent(plan, "I01", 2023, null,
                new BigDecimal("5200"), LocalDate.of(2024, 1, 1), "规划分解机制", "深金管〔2024〕1号"));

        ResponseEntity<String> response = feed("/api/events?plan=" + plan + "&limit=100");

        assertThat(response.getHeaders().getContentType().isCompatibleWith(
                MediaType.parseMediaType("application/cloudevents-batch+json"))).isTrue();
        assertThat(response.getHeaders().getFirst("Stream-At-Head")).isEqualTo("true");
        assertThat(response.getHeaders().getFirst("Stream-Position")).isEqualTo(Long.toString(milestone));
        JsonNode events = read(response.getBody());
        assertThat(events).hasSize(12);

        JsonNode first = events.get(0);
        assertThat(first.get("specversion").asText()).isEqualTo("1.0");
        assertThat(first.get("id").asText()).isEqualTo(plan + "-0");
        assertThat(first.get("source").asText()).isEqualTo("/plans/" + plan);
        assertThat(first.get("type").asText()).isEqualTo("org.planregistry.plan.PlanAdopted.v1");
        assertThat(first.get("subject").asText()).isEqualTo("plan");
        assertThat(first.get("time").asText()).isEqualTo("2022-01-05T02:00:00Z");
        assertThat(first.get("datacontenttype").asText()).isEqualTo("application/json");
        assertThat(first.get("dataschema").asText())
                .isEqualTo("https://registry.example.org/api/schemas/PlanAdopted.v1.json");
        assertThat(first.get("data").get("planCode").asText()).isEqualTo(plan);
        assertThat(first.get("data").get("title").asText()).isEqualTo("深圳市金融业高质量发展“十四五”规划");
        assertThat(first.get("data").get("period").get("from").asInt()).isEqualTo(2021);
        assertThat(first.get("effectivedate").asText()).isEqualTo("2022-01-01");
        assertThat(first.get("actor").asText()).isEqualTo(Registrar.REGISTRAR);
        assertThat(first.get("correlationid").asText()).isEqualTo("corr-" + plan + "-0");
        assertThat(first.get("planversion").isInt()).isTrue();
        assertThat(first.get("planversion").asInt()).isZero();
        assertThat(first.get("sequence").asText()).hasSize(19)
                .isEqualTo(String.format("%019d", adopted - 10));

        JsonNode last = events.get(11);
        assertThat(last.get("type").asText()).isEqualTo("org.planregistry.plan.MilestoneSet.v1");
        assertThat(last.get("subject").asText()).isEqualTo("indicator/I01/milestone/2023");
        assertThat(last.get("data").get("value").asText()).isEqualTo("5200");
        assertThat(last.get("data").get("decisionRef").asText()).isEqualTo("深金管〔2024〕1号");
        assertThat(last.get("effectivedate").asText()).isEqualTo("2024-01-01");
        assertThat(last.get("planversion").asLong()).isEqualTo(11);
        assertThat(last.get("sequence").asText()).isEqualTo(String.format("%019d", milestone));
        assertThat(events.get(2).get("subject").asText()).isEqualTo("indicator/I01");
        assertThat(events.get(7).get("subject").asText()).isEqualTo("task/T1.1");
    }

    @Test
    void followingTheNextLinkReadsEveryEventOnceInOrder() {
        String plan = "FEED-PAGES";
        long last = ShenzhenPlan.adopt(registrar, plan);
        long first = last - 10;

        List<Long> planPages = follow("/api/events?plan=" + plan + "&limit=5", plan);
        List<Long> wholeStream = follow("/api/events?after=" + (first - 1) + "&limit=3", plan);

        List<Long> expected = new ArrayList<>();
        for (long sequence = first; sequence <= last; sequence++) {
            expected.add(sequence);
        }
        assertThat(planPages).isEqualTo(expected);
        assertThat(wholeStream).isEqualTo(expected);
    }

    @Test
    void aTypeFilterKeepsOnlyEventsOfThoseTypes() {
        String plan = "FEED-TYPES";
        long last = ShenzhenPlan.adopt(registrar, plan);

        JsonNode events = read(feed("/api/events?after=" + (last - 11) + "&type=TaskAdopted,GoalAdopted").getBody());

        assertThat(events).extracting(event -> event.get("subject").asText())
                .containsExactly("goal/G1", "task/T1.1", "task/T1.2");
        assertThat(read(feed("/api/events?plan=" + plan + "&type=ColumnAdopted").getBody()))
                .extracting(event -> event.get("subject").asText()).containsExactly("column/C1");
    }

    @Test
    void aPageStopsBeforeACommitInFlightAndGoesOnOnceItLands() {
        String plan = "FEED-GAP";
        long adopted = ShenzhenPlan.adopt(registrar, plan);
        long inFlight = new GlobalSequence(registryDatabase.getCollection("sequences"), "events").allocate(1);
        long after = registrar.record("2024-02-01T09:30:00Z", new MilestoneSetEvent(plan, "I01", 2023, null,
                new BigDecimal("5200"), LocalDate.of(2024, 1, 1), "规划分解机制", null));
        assertThat(after).isEqualTo(inFlight + 1);

        ResponseEntity<String> waiting = feed("/api/events?after=" + adopted);
        assertThat(read(waiting.getBody())).isEmpty();
        assertThat(waiting.getHeaders().getFirst("Stream-Waiting-For")).isEqualTo(Long.toString(inFlight));
        assertThat(waiting.getHeaders().getFirst("Stream-At-Head")).isEqualTo("false");
        assertThat(waiting.getHeaders().getFirst("Stream-Position")).isEqualTo(Long.toString(adopted));

        // The commit that held the number lost its race: its number is filled, as the store does then.
        registryDatabase.getCollection("events").insertOne(new Document("_id", inFlight)
                .append("aggregateKey", "~filler/" + inFlight).append("filler", true));

        ResponseEntity<String> landed = feed("/api/events?after=" + adopted);
        assertThat(read(landed.getBody())).extracting(event -> event.get("sequence").asLong()).containsExactly(after);
        assertThat(landed.getHeaders().getFirst("Stream-Waiting-For")).isNull();
        assertThat(landed.getHeaders().getFirst("Stream-Position")).isEqualTo(Long.toString(after));
    }

    @Test
    void anEventStoredAtAnOlderRevisionAppearsAsTheCurrentRevision() {
        String plan = "FEED-REVISION-1";
        RevisionOneRegistry revisionOne = new RevisionOneRegistry(registryDatabase);
        Instant recorded = Instant.parse("2024-07-02T08:00:00Z");
        revisionOne.append(0, new PlanAdoptedEvent(plan, "深圳市金融业高质量发展“十四五”规划", null, "2022-01",
                ShenzhenPlan.ADOPTED_ON, new Period(2021, 2025), 2035, null), recorded, Map.of("actor", "registrar.li"));
        long revised = revisionOne.append(1, new IndicatorTargetRevisedEvent(plan, "I01",
                new Target(2025, new BigDecimal("6400"), Qualifier.ABOUT),
                new Target(2025, new BigDecimal("6000"), Qualifier.ABOUT), LocalDate.of(2024, 7, 1), "中期评估",
                "深府函〔2024〕88号"), recorded, Map.of("actor", "registrar.li"));
        assertThat(registryDatabase.getCollection("events").find(new Document("_id", revised)).first()
                .getString("payloadRevision")).as("stored as revision 1").isEqualTo("1");

        JsonNode event = read(feed("/api/events?plan=" + plan + "&type=IndicatorTargetRevised").getBody()).get(0);

        assertThat(event.get("type").asText()).isEqualTo("org.planregistry.plan.IndicatorTargetRevised.v2");
        assertThat(event.get("dataschema").asText())
                .isEqualTo("https://registry.example.org/api/schemas/IndicatorTargetRevised.v2.json");
        assertThat(event.get("data").has("decisionDate")).isTrue();
        assertThat(event.get("data").get("decisionDate").isNull()).isTrue();
        assertThat(event.get("data").get("target").get("value").asText()).isEqualTo("6000");
    }

    @Test
    void theStreamIsReadWithoutASignInAsThePublicReadsIt() {
        // What the public may see of it is VisibilityTest's; here only that it answers.
        ResponseEntity<String> response = http.exchange(RequestEntity.get(URI.create("/api/events")).build(),
                String.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void badParametersAreRefusedNamingTheParameter() {
        assertThat(problem("/api/events?limit=0", HttpStatus.BAD_REQUEST).get("parameter").asText())
                .isEqualTo("limit");
        assertThat(problem("/api/events?limit=5001", HttpStatus.BAD_REQUEST).get("parameter").asText())
                .isEqualTo("limit");
        assertThat(problem("/api/events?after=-1", HttpStatus.BAD_REQUEST).get("parameter").asText())
                .isEqualTo("after");
        assertThat(problem("/api/events?after=soon", HttpStatus.BAD_REQUEST).get("parameter").asText())
                .isEqualTo("after");
        assertThat(problem("/api/events?after=" + Long.MAX_VALUE, HttpStatus.BAD_REQUEST).get("parameter").asText())
                .isEqualTo("after");
        JsonNode unknownType = problem("/api/events?type=TargetChanged", HttpStatus.BAD_REQUEST);
        assertThat(unknownType.get("parameter").asText()).isEqualTo("type");
        assertThat(unknownType.get("detail").asText()).contains("TargetChanged").contains("IndicatorTargetRevised");
        assertThat(problem("/api/events?plan=NO-SUCH-PLAN", HttpStatus.NOT_FOUND).get("parameter").asText())
                .isEqualTo("plan");
    }

    /** Follows the next links from {@code path} until the head; the sequences of {@code plan}'s events read. */
    private List<Long> follow(String path, String plan) {
        List<Long> sequences = new ArrayList<>();
        String next = path;
        for (int page = 0; page < 100; page++) {
            ResponseEntity<String> response = feed(next);
            for (JsonNode event : read(response.getBody())) {
                if (event.get("source").asText().equals("/plans/" + plan)) {
                    sequences.add(Long.parseLong(event.get("sequence").asText()));
                }
            }
            if ("true".equals(response.getHeaders().getFirst("Stream-At-Head"))) {
                return sequences;
            }
            Matcher link = NEXT.matcher(response.getHeaders().getFirst(HttpHeaders.LINK));
            assertThat(link.find()).isTrue();
            next = URI.create(link.group(1)).getRawPath() + "?" + URI.create(link.group(1)).getRawQuery();
        }
        throw new AssertionError("no head after 100 pages");
    }

    private ResponseEntity<String> feed(String path) {
        ResponseEntity<String> response = client(path).exchange(RequestEntity.get(URI.create(path)).build(),
                String.class);
        assertThat(response.getStatusCode()).as("GET %s answered %s", path, response.getBody())
                .isEqualTo(HttpStatus.OK);
        return response;
    }
}
