package org.planregistry.command.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.planregistry.api.ChapterKind;
import org.planregistry.api.PlanCommand;
import org.planregistry.api.PlanEvent.ChapterAdoptedEvent;
import org.planregistry.api.PlanEvent.ColumnAdoptedEvent;
import org.planregistry.api.PlanEvent.GoalAdoptedEvent;
import org.planregistry.api.PlanEvent.IndicatorAdoptedEvent;
import org.planregistry.api.PlanEvent.MeasurementBasisSetEvent;
import org.planregistry.api.PlanEvent.PlanAdoptedEvent;
import org.planregistry.api.PlanEvent.SafeguardAdoptedEvent;
import org.planregistry.api.PlanEvent.SectionAdoptedEvent;
import org.planregistry.api.PlanEvent.TaskAdoptedEvent;
import org.planregistry.api.PlanEvent;
import org.planregistry.command.CommandSideTest;
import org.planregistry.command.StoredEvent;
import org.planregistry.command.plan.PlanCommandGateway;
import org.planregistry.eventstore.EventJson;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

class PlanImportTest extends CommandSideTest {

    private static final String SHENZHEN = "SZ-FIN-14FYP";

    @Autowired
    private EventStore eventStore;
    @Autowired
    private PlanDocumentReader reader;
    @Autowired
    private PlanCommandGateway gateway;
    private final ObjectMapper json = EventJson.mapper();

    private static String shippedPlan() {
        try (InputStream in = PlanImportTest.class.getResourceAsStream("/plans/shenzhen-finance-14fyp.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private ResponseEntity<Map> post(String document, String contentType) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.parseMediaType(contentType));
        return registrar().postForEntity("/api/plans/import", new HttpEntity<>(document.getBytes(StandardCharsets.UTF_8),
                headers), Map.class);
    }

    private synchronized void importShenzhenOnce() {
        if (eventStore.readEvents(SHENZHEN).hasNext()) {
            return;
        }
        ResponseEntity<Map> response = post(shippedPlan(), "application/yaml");
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(response.getBody()).containsEntry("outcome", "ADOPTED").containsEntry("eventsWritten", 113);
    }

    private List<PlanEvent> events(String plan) {
        return eventStore.readEvents(plan, 0).asStream().map(DomainEventMessage::getPayload)
                .map(PlanEvent.class::cast).toList();
    }

    private <T> List<T> events(String plan, Class<T> type) {
        return events(plan).stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void theShippedPlanImportsWithEveryIndicatorAsInTheSeedTable() throws IOException {
        importShenzhenOnce();
        Map<String, IndicatorAdoptedEvent> indicators = events(SHENZHEN, IndicatorAdoptedEvent.class).stream()
                .collect(Collectors.toMap(IndicatorAdoptedEvent::indicatorCode, Function.identity()));
        Map<String, MeasurementBasisSetEvent> bases = events(SHENZHEN, MeasurementBasisSetEvent.class).stream()
                .collect(Collectors.toMap(MeasurementBasisSetEvent::indicatorCode, Function.identity()));
        List<String> expectations;
        try (InputStream in = getClass().getResourceAsStream("/expectations/shenzhen-indicators.csv")) {
            expectations = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().skip(1).toList();
        }
        assertThat(expectations).hasSize(21);
        assertThat(indicators).hasSize(21);
        for (String line : expectations) {
            String[] cell = line.split(",", -1);
            IndicatorAdoptedEvent indicator = indicators.get(cell[0]);
            assertThat(indicator).as(cell[0]).isNotNull();
            assertThat(indicator.number()).as(cell[0] + " number").isEqualTo(Integer.parseInt(cell[1]));
            assertThat(indicator.category()).as(cell[0] + " category").isEqualTo(cell[2]);
            assertThat(indicator.subCategory()).as(cell[0] + " sub-category").isEqualTo(cell[3].isEmpty() ? null
                    : cell[3]);
            assertThat(indicator.name()).as(cell[0] + " name").isEqualTo(cell[4]);
            assertThat(indicator.unit()).as(cell[0] + " unit").isEqualTo(cell[5]);
            assertThat(indicator.baseline().year()).as(cell[0] + " baseline year").isEqualTo(Integer.parseInt(cell[6]));
            if (cell[7].isEmpty()) {
                assertThat(indicator.baseline().missing()).as(cell[0] + " has no baseline (--), not zero").isTrue();
            } else {
                assertThat(indicator.baseline().value()).as(cell[0] + " baseline").isEqualTo(new BigDecimal(cell[7]));
            }
            assertThat(indicator.target().year()).as(cell[0] + " target year").isEqualTo(Integer.parseInt(cell[8]));
            assertThat(indicator.target().value()).as(cell[0] + " target").isEqualTo(new BigDecimal(cell[9]));
            assertThat(indicator.target().qualifier().name()).as(cell[0] + " qualifier").isEqualTo(cell[10]);
            MeasurementBasisSetEvent basis = bases.get(cell[0]);
            assertThat(basis).as(cell[0] + " declares its measurement basis").isNotNull();
            assertThat(basis.basis().name()).as(cell[0] + " basis").isEqualTo(cell[11]);
            assertThat(basis.previousBasis()).as(cell[0] + " declared, not revised").isNull();
            assertThat(basis.effectiveFrom()).as(cell[0] + " declared with its adoption")
                    .isEqualTo(indicator.effectiveFrom());
            assertThat(basis.reason()).as(cell[0] + " keeps the plan's wording").isNotBlank();
        }
        assertThat(bases.get("I06").reason()).isEqualTo("“直接融资比重”指标为五年区间数。");
        assertThat(bases.get("I20").reason()).isEqualTo("绿色债券累计发行额达到 1000 亿元");
        assertThat(bases.get("I21").reason()).isEqualTo(
                "“十四五”期间向联合国开发计划署（UNDP）等国际组织推荐约 30 个可持续金融案例");
        assertThat(indicators.get("I06").notes()).anyMatch(note -> note.contains("五年区间数"));
        assertThat(indicators.get("I08").notes()).as("row 8: 科技型企业贷款余额 in the prose")
                .anyMatch(note -> note.contains("科技型企业贷款余额占各项贷款余额的比重达 8%"));
        assertThat(indicators.get("I09").notes()).as("row 9: 绿色信贷 in the prose")
                .anyMatch(note -> note.contains("绿色信贷占比达 7%"));
    }

    @Test
    void theShippedPlanHasItsOpeningChaptersVerbatim() {
        importShenzhenOnce();
        List<ChapterAdoptedEvent> chapters = events(SHENZHEN, ChapterAdoptedEvent.class);
        assertThat(chapters).extracting(ChapterAdoptedEvent::chapterCode, ChapterAdoptedEvent::kind,
                ChapterAdoptedEvent::title).containsExactly(
                tuple("CH1", ChapterKind.FOUNDATION_AND_SITUATION, "发展成就"),
                tuple("CH2", ChapterKind.FOUNDATION_AND_SITUATION, "存在问题"),
                tuple("CH3", ChapterKind.FOUNDATION_AND_SITUATION, "发展形势"),
                tuple("CH4", ChapterKind.GUIDING_THOUGHT, "指导思想"),
                tuple("CH5", ChapterKind.BASIC_PRINCIPLES, "基本原则"),
                tuple("CH6", ChapterKind.OVERALL_GOAL, "发展目标"));
        List<String> achievements = chapters.get(0).text().lines().toList();
        assertThat(achievements).hasSize(16).contains("金融综合实力不断提升", "金融发展环境持续优化");
        assertThat(achievements.get(achievements.size() - 1)).as("footnote ¹ closes the chapter")
                .startsWith("¹ 含证券公司资产管理业务");
        assertThat(chapters.get(0).text()).doesNotContain("**").contains("深圳辖区资产管理业务总规模超过 13 万亿元¹")
                .contains("国内首家个人征信公司"); // joined across the page break
        assertThat(chapters.get(1).text().lines()).hasSize(9);
        assertThat(chapters.get(2).text().lines()).hasSize(5);
        assertThat(chapters.get(3).text()).startsWith("高举中国特色社会主义伟大旗帜").doesNotContain("\n")
                .endsWith("提供强有力金融支撑。");
        List<String> principles = chapters.get(4).text().lines().toList();
        assertThat(principles).hasSize(5);
        assertThat(principles.subList(1, 5)).extracting(line -> line.substring(0, 17)).containsExactly(
                "——坚持市场主导与政府引导相结合。", "——坚持规模扩张与质量提升相协调。", "——坚持深化改革与扩大开放相促进。",
                "——坚持创新发展与防范风险相兼顾。");
        assertThat(chapters.get(5).text()).startsWith("到二〇二五年，金融产业支柱地位和资源配置能力进一步增强")
                .endsWith("助力深圳建设有影响力的全球金融创新中心。").doesNotContain("\n");
    }

    @Test
    void theShippedPlanHasAllItsGoalsSectionsMeasuresColumnsAndSafeguards() {
        importShenzhenOnce();
        PlanAdoptedEvent plan = events(SHENZHEN, PlanAdoptedEvent.class).get(0);
        assertThat(plan.title()).isEqualTo("深圳市金融业高质量发展“十四五”规划");
        assertThat(plan.period().from()).isEqualTo(2021);
        assertThat(plan.period().to()).isEqualTo(2025);
        assertThat(plan.visionYear()).isEqualTo(2035);
        List<GoalAdoptedEvent> goals = events(SHENZHEN, GoalAdoptedEvent.class);
        assertThat(goals).filteredOn(g -> g.horizon() == 2025).extracting(GoalAdoptedEvent::title)
                .containsExactly("金融运行安全区", "全球创新资本形成中心", "全球金融科技中心", "全球可持续金融中心", "国际财富管理中心");
        assertThat(goals).filteredOn(g -> g.horizon() == 2035).hasSize(1);
        assertThat(events(SHENZHEN, SectionAdoptedEvent.class)).hasSize(8);
        List<TaskAdoptedEvent> measures = events(SHENZHEN, TaskAdoptedEvent.class);
        assertThat(measures).hasSize(40);
        assertThat(measures.get(0).title()).isEqualTo("先行先试推进人民币国际化");
        assertThat(measures).allMatch(m -> m.text().length() > 20);
        assertThat(events(SHENZHEN, ColumnAdoptedEvent.class)).hasSize(7)
                .allMatch(column -> !column.items().isEmpty());
        List<SafeguardAdoptedEvent> safeguards = events(SHENZHEN, SafeguardAdoptedEvent.class);
        assertThat(safeguards).hasSize(3);
        assertThat(safeguards.get(1).items()).extracting(item -> item.title())
                .anyMatch(title -> title.contains("规划分解机制"))
                .anyMatch(title -> title.contains("规划调整机制"))
                .anyMatch(title -> title.contains("规划评估机制"));
    }

    @Test
    void importingTheSameDocumentAgainWritesNothingAndSaysSo() {
        importShenzhenOnce();
        long before = storedEvents();
        ResponseEntity<Map> again = post(shippedPlan(), "application/yaml");
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(again.getBody()).containsEntry("outcome", "UNCHANGED").containsEntry("eventsWritten", 0);
        assertThat((String) again.getBody().get("message")).contains("nothing written");
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void anImportThatWasCutShortIsFinishedByImportingTheSameDocumentAgain() {
        String document = shippedPlan().replace(SHENZHEN, "SZ-CUT-SHORT");
        List<PlanCommand> commands = adoptFirst(document, 30);

        ResponseEntity<Map> finished = post(document, "application/yaml");

        assertThat(finished.getStatusCode()).as("%s", finished.getBody()).isEqualTo(HttpStatus.CREATED);
        assertThat(finished.getBody()).containsEntry("outcome", "COMPLETED")
                .containsEntry("elements", commands.size()).containsEntry("eventsWritten", commands.size() - 30);
        assertThat((String) finished.getBody().get("message")).contains("cut short after 30 of " + commands.size());
        List<PlanEvent> stored = events("SZ-CUT-SHORT");
        assertThat(stored).hasSize(commands.size());
        for (int i = 0; i < commands.size(); i++) {
            JsonNode event = json.valueToTree(stored.get(i));
            JsonNode command = json.valueToTree(commands.get(i));
            // Every field the document states; an event may also record what it replaced (a previous value).
            command.fieldNames().forEachRemaining(field -> assertThat(event.get(field))
                    .as("element %s's %s as the document states it", command, field).isEqualTo(command.get(field)));
        }
        ResponseEntity<Map> again = post(document, "application/yaml");
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(again.getBody()).containsEntry("outcome", "UNCHANGED");
    }

    @Test
    void aPlanChangedAfterItsImportWasCutShortIsNotFinishedSilently() {
        String document = shippedPlan().replace(SHENZHEN, "SZ-CUT-THEN-CHANGED");
        adoptFirst(document, 30);
        asRegistrar(() -> gateway.send(new PlanCommand.SetMilestoneCommand("SZ-CUT-THEN-CHANGED", "I01", 2022,
                new BigDecimal("4600"), null, null, "年度分解", "DEC-1"), null, "change"));
        long before = storedEvents();

        ResponseEntity<Map> response = post(document, "application/yaml");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat((List<String>) response.getBody().get("differences")).isNotEmpty();
        assertThat(storedEvents()).as("a refused import writes no event").isEqualTo(before);
    }

    /** Adopts the document's first {@code count} elements, as an import cut short after them would have. */
    private List<PlanCommand> adoptFirst(String document, int count) {
        List<PlanCommand> commands = PlanAdoption.commandsFor(reader.read(document.getBytes(StandardCharsets.UTF_8),
                false));
        asRegistrar(() -> commands.subList(0, count).forEach(command -> gateway.send(command, null, "cut-short")));
        return commands;
    }

    private static void asRegistrar(Runnable action) {
        SecurityContextHolder.getContext().setAuthentication(new UsernamePasswordAuthenticationToken("registrar",
                null, AuthorityUtils.createAuthorityList("ROLE_REGISTRAR")));
        try {
            action.run();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    @Test
    void aChangedDocumentForAnAdoptedPlanIsRefusedAndPointsToRevisions() {
        importShenzhenOnce();
        long before = storedEvents();
        String changed = shippedPlan().replaceFirst("value: \"6400\"", "value: \"6500\"");
        assertThat(changed).isNotEqualTo(shippedPlan());
        ResponseEntity<Map> response = post(changed, "application/yaml");
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat((String) response.getBody().get("detail")).contains("revision");
        assertThat((List<String>) response.getBody().get("differences"))
                .containsExactly("indicator I01 differs in target");
        assertThat(storedEvents()).isEqualTo(before);
    }

    private static String smallPlan(String code) {
        return """
                formatVersion: 1
                plan:
                  code: %s
                  title: 测试规划
                  issued: "2022-01"
                  adoptedOn: "2022-01-01"
                  period: { from: 2021, to: 2025 }
                  source: test
                goals: []
                indicators:
                  - code: I01
                    number: 1
                    category: 总体指标
                    name: 金融业增加值
                    unit: 亿元
                    nature: EXPECTED
                    baseline: { year: 2020, value: "4189.6" }
                    target: { year: 2025, value: "6400", qualifier: ABOUT }
                sections: []
                columns: []
                safeguards: []
                """.formatted(code);
    }

    /** Posts a broken document and checks the problem names the path (and line) and nothing was written. */
    private Map<String, Object> rejected(String document, String contentType, String path) {
        long before = storedEvents();
        ResponseEntity<Map> response = post(document, contentType);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .isTrue();
        List<Map<String, Object>> errors = (List<Map<String, Object>>) response.getBody().get("errors");
        assertThat(errors).extracting(e -> e.get("path")).contains(path);
        assertThat(storedEvents()).as("a rejected document writes no event").isEqualTo(before);
        return errors.stream().filter(e -> path.equals(e.get("path"))).findFirst().orElseThrow();
    }

    @Test
    void anImportAnswersWithThePlanAndItsLastEventAndRecordsTheSignedInRegistrar() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.parseMediaType("application/yaml"));
        headers.set("X-Correlation-Id", "import-correlation-1");
        ResponseEntity<Map> response = registrar().postForEntity("/api/plans/import",
                new HttpEntity<>(smallPlan("HTTP-IMPORT").getBytes(StandardCharsets.UTF_8), headers), Map.class);

        assertThat(response.getStatusCode()).as("%s", response.getBody()).isEqualTo(HttpStatus.CREATED);
        assertThat(response.getBody()).containsEntry("planCode", "HTTP-IMPORT").containsEntry("outcome", "ADOPTED")
                .containsEntry("elements", 2).containsEntry("eventsWritten", 2);
        long globalSequence = ((Number) response.getBody().get("globalSequence")).longValue();
        StoredEvent last = StoredEvent.at(database, globalSequence).isTheLatestOf(database, "HTTP-IMPORT");
        assertThat(last.sequenceNumber()).as("the answer's global sequence is the import's last event").isEqualTo(1);
        last.isA("IndicatorAdoptedEvent").by("registrar", "REGISTRAR").correlatedBy("import-correlation-1")
                .has("planCode", "HTTP-IMPORT").has("indicatorCode", "I01").has("number", 1)
                .has("category", "总体指标").has("name", "金融业增加值").has("unit", "亿元").has("nature", "EXPECTED")
                .has("baseline.year", 2020).has("baseline.value", "4189.6").has("target.year", 2025)
                .has("target.value", "6400").has("target.qualifier", "ABOUT");
        StoredEvent.of(database, "HTTP-IMPORT", 0).isA("PlanAdoptedEvent").by("registrar", "REGISTRAR")
                .correlatedBy("import-correlation-1").has("planCode", "HTTP-IMPORT").has("title", "测试规划")
                .has("issued", "2022-01").has("adoptedOn", "2022-01-01").has("period.from", 2021)
                .has("period.to", 2025).has("source", "test");
    }

    @Test
    void aSmallValidPlanImportsAsJsonToo() {
        String json = """
                {"formatVersion": 1,
                 "plan": {"code": "JSON-PLAN", "title": "测试规划", "issued": "2022-01", "adoptedOn": "2022-01-01",
                          "period": {"from": 2021, "to": 2025}, "source": "test"},
                 "goals": [], "indicators": [], "sections": [], "columns": [], "safeguards": []}""";
        ResponseEntity<Map> response = post(json, "application/json");
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(events("JSON-PLAN", PlanAdoptedEvent.class)).hasSize(1);
    }

    @Test
    void aSchemaViolationIsRejectedWithPathAndLine() {
        Map<String, Object> error = rejected(smallPlan("BAD-SCHEMA").replace("    nature: EXPECTED\n",
                "    nature: EXPECTED\n    colour: red\n"), "application/yaml", "/indicators/0/colour");
        assertThat((String) error.get("reason")).contains("colour");
        assertThat(error.get("line")).isEqualTo(17);
    }

    @Test
    void aBadNumberIsRejected() {
        Map<String, Object> error = rejected(smallPlan("BAD-NUMBER").replace("\"6400\"", "\"6,400\""),
                "application/yaml", "/indicators/0/target/value");
        assertThat(error.get("line")).isEqualTo(18);
    }

    @Test
    void aNumberWithAHugeExponentIsRejectedBeforeAnythingExpandsIt() {
        // The schema validator would expand it into a billion digits and run out of memory.
        Map<String, Object> error = rejected(smallPlan("BAD-EXPONENT").replace("ABOUT", "1e999999999"),
                "application/yaml", "/indicators/0/target/qualifier");
        assertThat((String) error.get("reason")).contains("out of range");
        assertThat(PlanDocumentReader.outOfRange("6400")).isFalse();
        assertThat(PlanDocumentReader.outOfRange("1.5e3")).isFalse();
        assertThat(PlanDocumentReader.outOfRange("-1e-999999999")).isTrue();
        assertThat(PlanDocumentReader.outOfRange("1" + "0".repeat(60))).isTrue();
    }

    @Test
    void anUnknownQualifierIsRejected() {
        rejected(smallPlan("BAD-QUALIFIER").replace("ABOUT", "ROUGHLY"), "application/yaml",
                "/indicators/0/target/qualifier");
    }

    @Test
    void anUnknownUnitIsRejected() {
        rejected(smallPlan("BAD-UNIT").replace("unit: 亿元", "unit: 美元"), "application/yaml", "/indicators/0/unit");
    }

    @Test
    void duplicateCodesAreRejected() {
        String document = smallPlan("DUPLICATE").replace("sections: []\n", "") .replace("columns: []\n", "")
                .replace("safeguards: []\n", "") + """
                sections:
                  - code: S1
                    title: 第一部分
                    measures:
                      - { code: T1.1, title: 一, text: 第一项措施 }
                      - { code: T1.1, title: 二, text: 第二项措施 }
                columns: []
                safeguards: []
                """;
        Map<String, Object> error = rejected(document, "application/yaml", "/sections/0/measures/1/code");
        assertThat(error.get("reason")).as("the plan's own refusal of a second task T1.1")
                .isEqualTo("task T1.1 already exists in plan DUPLICATE");
        assertThat(error.get("line")).isEqualTo(24);
    }

    @Test
    void malformedYamlIsRejectedWithItsLine() {
        Map<String, Object> error = rejected("formatVersion: 1\nplan: [unclosed\n", "application/yaml", "/");
        assertThat((String) error.get("reason")).contains("YAML");
    }
}
